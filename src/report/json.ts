/**
 * `run.json`: the run result serialised with a stable key order (same run → same bytes, whatever the
 * order the pipeline filled the object in) and secrets redacted.
 */
import { join } from 'node:path';
import type { RunResult } from '../core/model.js';
import type { Reporter, ReporterOptions } from './types.js';
import { redactRun } from './redact.js';
import { writeOutput } from './write-output.js';

/** Root keys in the order of the RunResult declaration; nested objects are sorted alphabetically. */
const ROOT_ORDER: readonly (keyof RunResult)[] = [
  'schemaVersion',
  'runId',
  'tool',
  'startedAt',
  'finishedAt',
  'now',
  'baseUrl',
  'useCases',
  'ig',
  'packages',
  'setupNotes',
  'cahier',
  'jdd',
  'environment',
  'insecure',
  'pvInfo',
  'summary',
  'declarations',
  'requirements',
  'waivers',
  'cases',
];

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortDeep(v);
  }
  return out;
}

export function orderRunKeys(run: RunResult): Record<string, unknown> {
  const src = run as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const known = new Set<string>(ROOT_ORDER);
  const keys = [...ROOT_ORDER, ...Object.keys(src).filter((k) => !known.has(k)).sort()];
  for (const key of keys) {
    if (src[key] !== undefined) out[key] = sortDeep(src[key]);
  }
  return out;
}

/** The text of `run.json`: redacted, stable key order, two-space indentation, final newline. */
export function renderRunJson(run: RunResult): string {
  return `${JSON.stringify(orderRunKeys(redactRun(run)), null, 2)}\n`;
}

export function jsonReporter(options: ReporterOptions): Reporter {
  return {
    name: 'json',
    async onRunEnd(run) {
      const file = options.paths?.json ?? join(options.outDir, 'run.json');
      await writeOutput(file, renderRunJson(run));
      return [file];
    },
  };
}
