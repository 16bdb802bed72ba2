/**
 * Loads the requirements catalogue (`requirements/requirements.yaml`), validated with ajv against
 * `requirements/requirements.schema.json` through the located YAML loader, then checked as a whole
 * (unique ids). Any problem stops the load with a SetupError listing `file:line:col field: message`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from '../core/errors.js';
import { TOOL_ROOT } from '../core/version.js';
import type { UseCase } from '../run/result.js';
import { formatYamlErrors, loadYamlFile, type LocatedYamlError } from '../yaml/load-located-yaml.js';

export type RequirementSet = 'agg-psindiv' | 'sas-cpts' | 'sas-sos' | 'sas-tls' | 'sas-decl';
export type Verb = 'SHALL' | 'SHALL NOT' | 'SHOULD' | 'SHOULD NOT' | 'MAY';
export type Testability = 'automatic' | 'declarative' | 'not-testable';

export interface Requirement {
  id: string;
  text: string;
  source: 'ig' | 'faq' | 'kit' | 'spec' | 'seed';
  ref: string;
  verb: Verb;
  useCases: UseCase[];
  testability: Testability;
  conditional?: boolean;
  note?: string;
}

interface CatalogueFile {
  version: 1;
  requirements: Requirement[];
}

export function defaultRequirementsFile(): string {
  return join(TOOL_ROOT, 'requirements', 'requirements.yaml');
}

export function requirementsSchema(): object {
  return JSON.parse(readFileSync(join(TOOL_ROOT, 'requirements', 'requirements.schema.json'), 'utf8')) as object;
}

/** `agg-psindiv@17` → set and number. */
export function splitRequirementId(id: string): { set: RequirementSet; n: number } | undefined {
  const m = /^(agg-psindiv|sas-cpts|sas-sos|sas-tls|sas-decl)@([1-9]\d*)$/.exec(id);
  return m ? { set: m[1] as RequirementSet, n: Number(m[2]) } : undefined;
}

export function loadRequirements(file: string = defaultRequirementsFile()): Requirement[] {
  const loaded = loadYamlFile<CatalogueFile>(file, requirementsSchema(), { label: 'requirements catalogue' });
  if (!loaded.ok) throw catalogueError(loaded.errors);
  const errors: LocatedYamlError[] = [];
  const seen = new Map<string, number>();
  loaded.value.requirements.forEach((r, i) => {
    const first = seen.get(r.id);
    if (first !== undefined) {
      const at = loaded.locate(['requirements', i, 'id']);
      errors.push({ file: at.file, line: at.line, col: at.col, field: `requirements[${i}].id`, message: `duplicate requirement id "${r.id}" (first at requirements[${first}])` });
    } else seen.set(r.id, i);
  });
  if (errors.length) throw catalogueError(errors);
  return loaded.value.requirements;
}

function catalogueError(errors: LocatedYamlError[]): SetupError {
  const n = errors.length;
  return new SetupError(`the requirements catalogue has ${n} error${n > 1 ? 's' : ''}:\n${formatYamlErrors(errors)}`);
}

/** Catalogue order: by set (agg, cpts, sos, tls, decl), then number. */
export function compareRequirementIds(a: string, b: string): number {
  const order: RequirementSet[] = ['agg-psindiv', 'sas-cpts', 'sas-sos', 'sas-tls', 'sas-decl'];
  const x = splitRequirementId(a);
  const y = splitRequirementId(b);
  if (!x || !y) return a.localeCompare(b);
  return order.indexOf(x.set) - order.indexOf(y.set) || x.n - y.n;
}
