/**
 * Reads a saved `run.json` for re-rendering. A file that is not JSON, not a sas-recette run, or of an
 * unsupported schema version is a SetupError (exit 2) naming the file and the first problem. A run of
 * the earlier verdict model is brought to the current shape (legacy-run.ts), with a note saying so.
 */
import { readFileCapped } from '../core/read-capped.js';
import { Ajv } from 'ajv';
import { SetupError } from '../core/errors.js';
import type { RunResult } from '../core/model.js';
import { upgradeLegacyRun } from './legacy-run.js';
import { RUN_RESULT_SCHEMA } from './run-schema.js';

const MAX_BYTES = 200 * 1024 * 1024;

/** Line and column of a character offset (1-based), for JSON syntax errors. */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

function jsonError(file: string, text: string, err: Error): SetupError {
  const pos = /position (\d+)/.exec(err.message);
  const where = pos ? `:${lineCol(text, Number(pos[1]))}` : '';
  return new SetupError(
    `${file}${where}: not valid JSON (${err.message.split('\n')[0]})`,
    'give the run.json written by "sas-recette run"',
  );
}

/** Validates parsed JSON as a RunResult; `file` is only used in messages. */
export function parseRunResult(data: unknown, file: string): RunResult {
  const hint = 'give the run.json written by "sas-recette run" (reports/run.json by default)';
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SetupError(`${file}: not a sas-recette run result (expected a JSON object)`, hint);
  }
  const obj = data as Record<string, unknown>;
  const tool = obj.tool as { name?: unknown } | undefined;
  if (obj.schemaVersion === undefined || tool?.name !== 'sas-recette') {
    throw new SetupError(`${file}: not a sas-recette run result (no "schemaVersion" / "tool.name": "sas-recette")`, hint);
  }
  if (obj.schemaVersion !== 1) {
    throw new SetupError(
      `${file}: run result schema version ${JSON.stringify(obj.schemaVersion)} is not supported (this sas-recette reads version 1)`,
      'render it with the sas-recette version that produced it',
    );
  }
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile(RUN_RESULT_SCHEMA);
  if (!validate(data)) {
    const e = validate.errors?.[0];
    const where = e?.instancePath ? e.instancePath : '(root)';
    const extra = e?.keyword === 'required' ? ` "${(e.params as { missingProperty: string }).missingProperty}"` : '';
    throw new SetupError(`${file}: broken run result at ${where}: ${e?.message ?? 'invalid'}${extra}`, hint);
  }
  return upgradeLegacyRun(data as unknown as RunResult);
}

/** Reads and checks a run.json; `label` is how messages name the file (default: the path). */
export async function readRunJson(file: string, label: string = file): Promise<RunResult> {
  let text: string;
  try {
    const read = await readFileCapped(file, MAX_BYTES);
    if (read.overLimit) throw new SetupError(`${label}: too large for a run result (more than ${MAX_BYTES} bytes)`);
    text = read.bytes.toString('utf8');
  } catch (err) {
    if (err instanceof SetupError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new SetupError(`${label}: ${reason}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw jsonError(label, text, err as Error);
  }
  return parseRunResult(data, label);
}
