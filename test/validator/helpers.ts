/**
 * Shared helpers of the validator tests: the real FHIR packages from ../shared/fhir-packages (or
 * SAS_RECETTE_PACKAGES), our own fixtures, and compact views of findings.
 */
import { readFileSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import type { Finding } from '../../src/core/findings.js';
import { loadDefinitions } from '../../src/fhir/packages/index.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';

/** A folder of `<id>#<version>.tgz` files (the first of SAS_RECETTE_PACKAGES, else ../shared/fhir-packages). */
export const PACKAGES = process.env.SAS_RECETTE_PACKAGES?.split(delimiter)[0] || resolve(__dirname, '../../../shared/fhir-packages');

const loaded = new Map<string, Promise<DefinitionIndex>>();

export function loadIndex(version: '1.2.0' | '1.1.0' = '1.2.0'): Promise<DefinitionIndex> {
  let p = loaded.get(version);
  if (!p) {
    p = loadDefinitions({ sources: [PACKAGES], ig: `ans.fhir.fr.sas#${version}` }).then((r) => r.index);
    loaded.set(version, p);
  }
  return p;
}

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function fixture(name: 'cpts-valid' | 'psindiv-valid' | 'sos-valid'): Json {
  return JSON.parse(readFileSync(resolve(__dirname, `../fixtures/bundles/${name}.json`), 'utf8')) as Json;
}

/** `ruleId @ location` of the findings of one severity, sorted. */
export function view(findings: Finding[], severity: Finding['severity'] = 'error'): string[] {
  return findings
    .filter((f) => f.severity === severity)
    .map((f) => `${f.ruleId} @ ${f.location}`)
    .sort();
}
