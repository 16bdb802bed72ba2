/**
 * Shared helpers of the definitions cache tests: temporary folders (a cache, a package source holding
 * copies of real packages from ../shared/fhir-packages), the path of a package's cache entry, and the
 * findings of a validation without their timings.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/core/findings.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { entryFileName } from '../../src/fhir/packages/cache-entry.js';
import type { CacheReport, DefinitionIndex } from '../../src/fhir/packages/types.js';
import { validateResource } from '../../src/fhir/validator/index.js';
import { PACKAGES, type Json } from '../validator/helpers.js';

export { PACKAGES };

export const SAS_12 = 'ans.fhir.fr.sas#1.2.0';
export const SAS_CPTS_BUNDLE = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator';

const made: string[] = [];

/** A new empty folder under the system temp folder (removed by removeTemps). */
export function tempDir(prefix = 'sas-defs-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A package source folder holding copies of shared packages: `{ 'ans.fhir.fr.sas#1.2.0.tgz': 'ans.fhir.fr.sas#1.1.0.tgz' }` (target name → shared file). */
export function sourcesWith(files: Record<string, string>): string {
  const dir = tempDir('sas-defs-src-');
  for (const [name, shared] of Object.entries(files)) copyFileSync(join(PACKAGES, shared), join(dir, name));
  return dir;
}

/** The entry file of one package of a load. */
export function entryPath(cache: CacheReport, id: string, toolVersion = TOOL_VERSION): string {
  const entry = cache.entries.find((e) => e.id === id);
  if (!entry || !cache.dir) throw new Error(`no cache entry for ${id}`);
  return join(cache.dir, entryFileName({ tool: toolVersion, hash: entry.hash }));
}

export const states = (cache: CacheReport) => Object.fromEntries(cache.entries.map((e) => [`${e.id}#${e.version}`, e.state]));

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(__dirname, '../fixtures/bundles', name), 'utf8')) as Json;
}

/** The findings of a validation (the result also holds timings, which differ from run to run). */
export function findingsOf(resource: unknown, index: DefinitionIndex, useCase?: 'psindiv' | 'cpts' | 'sos'): Finding[] {
  return validateResource(resource, { index, ...(useCase ? { useCase } : {}) }).findings;
}
