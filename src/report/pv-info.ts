/**
 * Loads the PV identification (`--pv-info pv.yaml`) and the editor's declarations
 * (`--declarations declarations.yaml`) with the located YAML loader: any problem is a SetupError
 * naming file:line:col and the field.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatSourceRef, SetupError } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import { TOOL_ROOT } from '../core/version.js';
import type { Declaration, PvInfo } from '../core/model.js';
import type { DeclarationsFile } from '../core/formats/declarations-file.js';
import type { PvInfoFile } from '../core/formats/pv-info-file.js';
import { loadYamlFile, yamlErrorsText } from '../yaml/load-located-yaml.js';

function readSchema(name: string): object {
  return JSON.parse(readFileSync(resolve(TOOL_ROOT, 'schemas', name), 'utf8')) as object;
}

function load<T>(file: string, schemaName: string, label: Message): { value: T; locate: (path: (string | number)[]) => string } {
  const loaded = loadYamlFile<T>(file, readSchema(schemaName), { label, maxBytes: 1024 * 1024 });
  if (!loaded.ok) {
    const list = yamlErrorsText(loaded.errors);
    throw new SetupError(
      { fr: `${label.fr} invalide\u00a0:\n${list.fr}`, en: `invalid ${label.en}:\n${list.en}` },
      { fr: `voir schemas/${schemaName}`, en: `see schemas/${schemaName}` },
    );
  }
  return { value: loaded.value, locate: (path) => formatSourceRef(loaded.locate(path)) };
}

export function loadPvInfo(file: string): PvInfo {
  return load<PvInfoFile>(file, 'pv-info.schema.json', { fr: "fichier d'identification du PV", en: 'PV information file' }).value;
}

/** Built-in questions for the usual attestations, so a declarations file only gives the answers. */
export const KNOWN_DECLARATIONS: Readonly<Record<string, Message>> = {
  'DECL-HDS': {
    fr: 'L’hébergement des données de santé de la solution est-il certifié HDS (hébergeur de données de santé) ?',
    en: 'Is the solution’s health data hosting HDS-certified (French health data hosting certification)?',
  },
  'DECL-MFA': {
    fr: 'L’authentification des professionnels de santé utilisateurs est-elle à double facteur ?',
    en: 'Do health professional users sign in with two-factor authentication?',
  },
  'DECL-RPPS': {
    fr: 'Le logiciel identifie-t-il les professionnels de santé par leur identifiant national (IDNPS, RPPS) ?',
    en: 'Does the software identify health professionals by their national identifier (IDNPS, RPPS)?',
  },
  'DECL-LOCKOUT': {
    fr: 'Un compte est-il verrouillé après un nombre limité d’échecs de connexion (préciser ce nombre en commentaire) ?',
    en: 'Is an account locked after a limited number of failed sign-ins (give the number in the comment)?',
  },
};

export function loadDeclarations(file: string): Declaration[] {
  const { value, locate } = load<DeclarationsFile>(file, 'declarations.schema.json', {
    fr: 'fichier des déclarations',
    en: 'declarations file',
  });
  const seen = new Set<string>();
  return value.declarations.map((d, i) => {
    const at = (field: string): string => locate(['declarations', i, field]);
    if (seen.has(d.id))
      throw new SetupError({
        fr: `${at('id')} champ «\u00a0declarations[${i}].id\u00a0»\u00a0: «\u00a0${d.id}\u00a0» est déclaré deux fois`,
        en: `${at('id')} field "declarations[${i}].id": "${d.id}" is declared twice`,
      });
    seen.add(d.id);
    const question = d.question ?? KNOWN_DECLARATIONS[d.id];
    if (!question) {
      const known = Object.keys(KNOWN_DECLARATIONS).join(', ');
      throw new SetupError(
        {
          fr: `${at('id')} champ «\u00a0declarations[${i}].question\u00a0»\u00a0: obligatoire pour «\u00a0${d.id}\u00a0»`,
          en: `${at('id')} field "declarations[${i}].question": required for "${d.id}"`,
        },
        { fr: `des questions intégrées existent pour ${known}`, en: `built-in questions exist for ${known}` },
      );
    }
    const declaredBy = d.declaredBy ?? value.declaredBy;
    if (!declaredBy) {
      throw new SetupError({
        fr: `${at('id')} champ «\u00a0declarations[${i}].declaredBy\u00a0»\u00a0: dire qui fait la déclaration (ici ou en tête du fichier)`,
        en: `${at('id')} field "declarations[${i}].declaredBy": say who declares it (here or at the top of the file)`,
      });
    }
    const declaredAt = d.declaredAt ?? value.declaredAt;
    return {
      id: d.id,
      question,
      answer: d.answer,
      ...(d.comment !== undefined ? { comment: d.comment } : {}),
      declaredBy,
      ...(declaredAt !== undefined ? { declaredAt } : {}),
      requirements: d.requirements ?? [],
    };
  });
}
