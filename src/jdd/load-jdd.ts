/**
 * Loads a JDD file: YAML + JSON Schema (located errors), defaults filled in, then the checks a schema
 * cannot express (unique keys and identifiers, CPTS references, use-case coherence). Every problem is
 * reported at once, each with its file, line and field, in one SetupError.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SetupError, type SourceRef } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import { TOOL_ROOT } from '../core/version.js';
import { loadYamlFile, parseYamlText, yamlErrorsText, type LoadedYaml, type LocatedYamlError } from '../yaml/load-located-yaml.js';
import { formatDataPath, type DataPath } from '../yaml/yaml-tree.js';
import type {
  AppointmentType,
  ConsultationType,
  Jdd,
  JddCpts,
  JddFile,
  JddPlace,
  JddPractitioner,
  JddSosStructure,
  SlotType,
} from './types.js';
import { guillemets, NBSP } from '../core/typography.js';

export const JDD_SCHEMA_FILE = resolve(TOOL_ROOT, 'schemas/jdd.schema.json');

/** The JDDs shipped with the tool, one per use case the reference editor serves. */
export const SHIPPED_JDD_FILES: readonly string[] = ['recette-psindiv.yaml', 'recette-cpts.yaml', 'recette-sos.yaml'].map((f) =>
  resolve(TOOL_ROOT, 'datasets', f),
);

/** The JDD as written (schemas/jdd.schema.json); `scenarios` is the old name of `roles`. */
type RawJdd = JddFile;
type OldRoles = { scenarios?: string[] };

/** Old scenario tags renamed in the roles vocabulary. */
const RENAMED: Record<string, string> = { 'cpts-a-only': 'cpts-one-cpts' };

function rolesOf(raw: { roles?: string[] } & OldRoles): string[] {
  return [...new Set([...(raw.roles ?? []), ...(raw.scenarios ?? []).map((t) => RENAMED[t] ?? t)])];
}

function readSchema(): object {
  return JSON.parse(readFileSync(JDD_SCHEMA_FILE, 'utf8')) as object;
}

function normalise(raw: RawJdd, file: string): Jdd {
  const practitioners: JddPractitioner[] = (raw.practitioners ?? []).map(({ scenarios: _old, ...p }) => ({
    ...p,
    roles: rolesOf({ roles: p.roles, scenarios: _old }),
    participation: p.participation ?? 'individual',
    cpts: p.cpts ?? [],
    slotTypes: p.slotTypes ?? (['PUBLIC'] as SlotType[]),
    consultationTypes: p.consultationTypes ?? (['AMB'] as ConsultationType[]),
    appointmentTypes: p.appointmentTypes ?? (['ROUTINE'] as AppointmentType[]),
  }));
  const sos: JddSosStructure[] = (raw.sos ?? []).map(({ scenarios: _old, ...s }) => ({
    ...s,
    roles: rolesOf({ roles: s.roles, scenarios: _old }),
    slotTypes: s.slotTypes ?? (['PUBLIC'] as JddSosStructure['slotTypes']),
    consultationTypes: s.consultationTypes ?? (['AMB'] as ConsultationType[]),
    appointmentTypes: s.appointmentTypes ?? (['ROUTINE'] as AppointmentType[]),
  }));
  const { $schema: _schema, ...rest } = raw;
  return {
    ...rest,
    practitioners,
    cpts: raw.cpts ?? [],
    sos,
    unknownIdentifiers: raw.unknownIdentifiers ?? [],
    regulators: raw.regulators ?? [],
    file,
  };
}

type Locate = (path: (string | number)[]) => SourceRef;

const LABEL: Message = { fr: 'JDD', en: 'JDD' };

function duplicates<T>(items: T[], keyOf: (item: T) => string): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  items.forEach((item, i) => {
    const k = keyOf(item);
    if (seen.has(k)) out.push(i);
    seen.add(k);
  });
  return out;
}

/** Checks a JSON Schema cannot express. Exported for tests; `locate` maps a data path to the file. */
export function checkJdd(jdd: Jdd, locate: Locate): LocatedYamlError[] {
  const errors: LocatedYamlError[] = [];
  const add = (path: DataPath, message: Message) => errors.push({ ...locate(path), field: formatDataPath(path), message });
  /** `taken` names the value: "key "x"" / « clé « x » », whose French participle agrees with it. */
  const unique = <T>(items: T[], base: DataPath, prop: string, taken: (value: string) => Message, keyOf: (item: T) => string) => {
    for (const i of duplicates(items, keyOf)) add([...base, i, prop], taken(keyOf(items[i])));
  };
  const used = (fr: string, en: string) => (value: string) => ({
    fr: fr.replace('%', guillemets(value)),
    en: `${en} "${value}" is already used by an earlier entry`,
  });
  const key = used('clé % déjà utilisée par une entrée précédente', 'key');

  unique(jdd.practitioners, ['practitioners'], 'key', key, (p) => p.key);
  unique(jdd.practitioners, ['practitioners'], 'idnps', used('IDNPS % déjà utilisé par une entrée précédente', 'IDNPS'), (p) => p.idnps);
  unique(jdd.cpts, ['cpts'], 'key', key, (c) => c.key);
  unique(jdd.cpts, ['cpts'], 'finess', used('FINESS % déjà utilisé par une entrée précédente', 'FINESS'), (c) => c.finess);
  unique(jdd.sos, ['sos'], 'key', key, (s) => s.key);
  unique(jdd.sos, ['sos'], 'siret', used('SIRET % déjà utilisé par une entrée précédente', 'SIRET'), (s) => s.siret);

  const cptsKeys = new Set(jdd.cpts.map((c: JddCpts) => c.key));
  jdd.practitioners.forEach((p, i) => {
    unique<JddPlace>(
      p.places,
      ['practitioners', i, 'places'],
      'key',
      used('clé de lieu % déjà utilisée par une entrée précédente', 'place key'),
      (pl) => pl.key,
    );
    p.cpts.forEach((cpts, j) => {
      if (!cptsKeys.has(cpts))
        add(['practitioners', i, 'cpts', j], {
          fr: `CPTS ${guillemets(cpts)} absente de la liste ${guillemets('cpts')} de ce JDD`,
          en: `CPTS "${cpts}" is not defined in the "cpts" list of this JDD`,
        });
    });
    if (p.participation === 'individual' && p.cpts.length > 0) {
      add(['practitioners', i, 'cpts'], {
        fr: `ce PS est déclaré en exercice individuel seulement (participation${NBSP}: individual) mais liste des CPTS${NBSP}; passer participation à cpts ou both, ou retirer la liste`,
        en: 'this PS is declared individual only (participation: individual) but lists CPTS; set participation to cpts or both, or remove the list',
      });
    }
    if (p.participation !== 'individual' && p.cpts.length === 0) {
      add(['practitioners', i, 'participation'], {
        fr: `la participation ${guillemets(p.participation)} demande au moins une clé de CPTS dans ${guillemets('cpts')}`,
        en: `participation "${p.participation}" needs at least one CPTS key in "cpts"`,
      });
    }
    if (p.sharedCptsSlots && p.cpts.length < 2) {
      add(['practitioners', i, 'sharedCptsSlots'], {
        fr: 'un créneau ne peut être partagé entre CPTS que si le PS déclare au moins deux CPTS',
        en: 'a slot can be shared by CPTS only when the PS declared at least two CPTS',
      });
    }
    const cptsType = p.slotTypes.indexOf('CPTS');
    if (cptsType >= 0) {
      add(['practitioners', i, 'slotTypes', cptsType], {
        fr: `les créneaux CPTS découlent de participation et de cpts${NBSP}; ne lister ici que PUBLIC, PRO ou SNP`,
        en: 'CPTS slots come from participation and cpts; list only PUBLIC, PRO or SNP here',
      });
    }
  });
  jdd.sos.forEach((s, i) =>
    unique(
      s.locations,
      ['sos', i, 'locations'],
      'key',
      used('clé de site % déjà utilisée par une entrée précédente', 'location key'),
      (l) => l.key,
    ),
  );

  const known = new Set([...jdd.practitioners.map((p) => p.idnps), ...jdd.sos.map((s) => s.siret)]);
  jdd.unknownIdentifiers.forEach((id, i) => {
    if (known.has(id))
      add(['unknownIdentifiers', i], {
        fr: `${guillemets(id)} est listé comme inconnu mais appartient à une entrée de ce JDD`,
        en: `"${id}" is listed as unknown but belongs to an entry of this JDD`,
      });
  });

  const needs: Record<Jdd['useCase'], [boolean, Message]> = {
    psindiv: [
      jdd.practitioners.length > 0,
      { fr: 'un JDD psindiv demande au moins un PS', en: 'a psindiv JDD needs at least one practitioner' },
    ],
    cpts: [
      jdd.cpts.length > 0 && jdd.practitioners.some((p) => p.participation !== 'individual'),
      {
        fr: 'un JDD cpts demande au moins une CPTS et un PS déclaré via une CPTS',
        en: 'a cpts JDD needs at least one CPTS and one PS declared via a CPTS',
      },
    ],
    sos: [
      jdd.sos.length > 0,
      { fr: 'un JDD sos demande au moins une structure SOS Médecins', en: 'a sos JDD needs at least one SOS Médecins structure' },
    ],
  };
  const [ok, message] = needs[jdd.useCase];
  if (!ok) add(['useCase'], message);
  return errors;
}

/** A JDD read without throwing: the data when the schema accepted it, and every located problem. */
export interface JddRead {
  jdd?: Jdd;
  errors: LocatedYamlError[];
  locate?: Locate;
}

function read(loaded: LoadedYaml<RawJdd>, file: string): JddRead {
  if (!loaded.ok) return { errors: loaded.errors };
  const jdd = normalise(loaded.value, file);
  return { jdd, errors: checkJdd(jdd, loaded.locate), locate: loaded.locate };
}

function finish(loaded: LoadedYaml<RawJdd>, file: string): Jdd {
  const r = read(loaded, file);
  if (!r.jdd || r.errors.length > 0) throw jddError(file, r.errors);
  return r.jdd;
}

/** Reads a JDD file for the linter (`jdd check`): problems are returned, not thrown. */
export function readJdd(file: string): JddRead {
  return read(loadYamlFile<RawJdd>(file, readSchema(), { label: LABEL }), file);
}

function jddError(file: string, errors: LocatedYamlError[]): SetupError {
  const n = errors.length;
  const list = yamlErrorsText(errors);
  return new SetupError(
    {
      fr: `le JDD ${file} contient ${n === 1 ? 'un problème' : `${n} problèmes`}\u00a0:\n${list.fr}`,
      en: `JDD ${file} has ${n === 1 ? 'a problem' : `${n} problems`}:\n${list.en}`,
    },
    {
      fr: 'corriger le fichier JDD (schéma\u00a0: schemas/jdd.schema.json) puis relancer',
      en: 'fix the JDD file (schema: schemas/jdd.schema.json) and run again',
    },
  );
}

/** Loads and checks a JDD file; throws SetupError listing every located problem. */
export function loadJdd(file: string): Jdd {
  return finish(loadYamlFile<RawJdd>(file, readSchema(), { label: LABEL }), file);
}

/** Same as loadJdd for a text already in memory (`file` is used in messages). */
export function parseJdd(text: string, file: string): Jdd {
  return finish(parseYamlText<RawJdd>(text, file, readSchema()), file);
}
