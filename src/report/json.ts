/**
 * `run.json`: the run result serialised with a stable key order (same run → same bytes, whatever the
 * order the pipeline filled the object in), secrets redacted, each case cut to the report limits with
 * its full record in `evidence/*.json` next to it (evidence-files.ts; the SHA-256 of each file is in
 * the case's `evidence.file`).
 */
import { dirname, join } from 'node:path';
import type { RunResult } from '../core/model.js';
import { reportView, writeEvidenceFiles } from './evidence-files.js';
import type { Reporter, ReporterOptions } from './types.js';
import { writeOutput } from './write-output.js';
import { RUN_RESULT_SCHEMA } from './run-schema.js';

/**
 * Root keys in the order the run-result schema declares them (identification, then the verdict, then the
 * details); nested objects are sorted alphabetically.
 */
const ROOT_ORDER = Object.keys(RUN_RESULT_SCHEMA.properties) as readonly (keyof RunResult)[];

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
  const keys = [
    ...ROOT_ORDER,
    ...Object.keys(src)
      .filter((k) => !known.has(k))
      .sort(),
  ];
  for (const key of keys) {
    if (src[key] !== undefined) out[key] = sortDeep(src[key]);
  }
  return out;
}

/** The text of `run.json`: redacted, cut to the report limits, stable key order, two-space indentation, final newline. */
export function renderRunJson(run: RunResult): string {
  return `${JSON.stringify(orderRunKeys(reportView(run).run), null, 2)}\n`;
}

export function jsonReporter(options: ReporterOptions): Reporter {
  return {
    name: 'json',
    async onRunEnd(run) {
      const file = options.paths?.json ?? join(options.outDir, 'run.json');
      const evidence = await writeEvidenceFiles(dirname(file), reportView(run).files);
      await writeOutput(file, renderRunJson(run));
      return [file, ...evidence];
    },
  };
}
