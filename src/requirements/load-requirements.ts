/**
 * Loads the requirements catalogue (`requirements/requirements.yaml`), validated with ajv against
 * `requirements/requirements.schema.json` through the located YAML loader, then checked as a whole
 * (unique ids). Any problem stops the load with a SetupError listing `file:line:col field: message`.
 * `loadCatalogue` also returns the recorded waivers (departures from the severity table).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from '../core/errors.js';
import { TOOL_ROOT } from '../core/version.js';
import type { Requirement, RequirementsFile, Waiver } from '../core/formats/requirements-file.js';
import { loadYamlFile, yamlErrorsText, type LocatedYamlError } from '../yaml/load-located-yaml.js';

export type RequirementSet = 'agg-psindiv' | 'sas-cpts' | 'sas-sos' | 'sas-gen' | 'sas-tls' | 'sas-decl' | 'sas-v1' | 'sas-v2' | 'sas-v3';

/**
 * A requirement as the catalogue writes it (requirements/requirements.schema.json): its text, written
 * strength, where it is written (kind) and the exact place (IG page or profile element, kit test id…).
 */
export type { Requirement, Waiver };
/** Written strength; a SHALL NOT is a SHALL whose text says what is forbidden. */
export type Strength = Requirement['strength'];
export type SourceKind = Requirement['source']['kind'];
export type Testability = Requirement['testability'];

export interface Catalogue {
  requirements: Requirement[];
  /** Recorded departures from the severity table, with their reason. */
  waivers: Waiver[];
}

type CatalogueFile = RequirementsFile;

export function defaultRequirementsFile(): string {
  return join(TOOL_ROOT, 'requirements', 'requirements.yaml');
}

export function requirementsSchema(): object {
  return JSON.parse(readFileSync(join(TOOL_ROOT, 'requirements', 'requirements.schema.json'), 'utf8')) as object;
}

/** `agg-psindiv@17` → set and number. */
export function splitRequirementId(id: string): { set: RequirementSet; n: number } | undefined {
  const m = /^(agg-psindiv|sas-cpts|sas-sos|sas-gen|sas-tls|sas-decl|sas-v1|sas-v2|sas-v3)@([1-9]\d*)$/.exec(id);
  return m ? { set: m[1] as RequirementSet, n: Number(m[2]) } : undefined;
}

export function loadRequirements(file: string = defaultRequirementsFile()): Requirement[] {
  return loadCatalogue(file).requirements;
}

export function loadCatalogue(file: string = defaultRequirementsFile()): Catalogue {
  const loaded = loadYamlFile<CatalogueFile>(file, requirementsSchema(), {
    label: { fr: 'catalogue des exigences', en: 'requirements catalogue' },
  });
  if (!loaded.ok) throw catalogueError(loaded.errors);
  const errors: LocatedYamlError[] = [];
  const seen = new Map<string, number>();
  loaded.value.requirements.forEach((r, i) => {
    const first = seen.get(r.id);
    if (first !== undefined) {
      const at = loaded.locate(['requirements', i, 'id']);
      errors.push({
        file: at.file,
        line: at.line,
        col: at.col,
        field: `requirements[${i}].id`,
        message: {
          fr: `identifiant d'exigence «\u00a0${r.id}\u00a0» en double (déjà en requirements[${first}])`,
          en: `duplicate requirement id "${r.id}" (first at requirements[${first}])`,
        },
      });
    } else seen.set(r.id, i);
  });
  if (errors.length) throw catalogueError(errors);
  return { requirements: loaded.value.requirements, waivers: loaded.value.waivers ?? [] };
}

function catalogueError(errors: LocatedYamlError[]): SetupError {
  const n = errors.length;
  const list = yamlErrorsText(errors);
  return new SetupError({
    fr: `le catalogue des exigences contient ${n} erreur${n > 1 ? 's' : ''}\u00a0:\n${list.fr}`,
    en: `the requirements catalogue has ${n} error${n > 1 ? 's' : ''}:\n${list.en}`,
  });
}

/** Catalogue order: by set (agg, cpts, sos, gen, tls, decl), then number. */
export function compareRequirementIds(a: string, b: string): number {
  const order: RequirementSet[] = ['agg-psindiv', 'sas-cpts', 'sas-sos', 'sas-gen', 'sas-tls', 'sas-v1', 'sas-v2', 'sas-v3', 'sas-decl'];
  const x = splitRequirementId(a);
  const y = splitRequirementId(b);
  if (!x || !y) return a.localeCompare(b);
  return order.indexOf(x.set) - order.indexOf(y.set) || x.n - y.n;
}
