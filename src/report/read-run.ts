/**
 * Reads a saved `run.json` for re-rendering. A file that is not JSON, not a sas-recette run, or of an
 * unsupported schema version is a SetupError (exit 2) naming the file and the first problem. A run of
 * the earlier verdict model is brought to the current shape (legacy-run.ts), with a note saying so.
 */
import { readFileCapped } from '../core/read-capped.js';
import { Ajv, type ValidateFunction } from 'ajv';
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
  const reason = err.message.split('\n')[0];
  return new SetupError(
    { fr: `${file}${where}\u00a0: JSON invalide (${reason})`, en: `${file}${where}: not valid JSON (${reason})` },
    { fr: 'donner le run.json écrit par «\u00a0sas-recette run\u00a0»', en: 'give the run.json written by "sas-recette run"' },
  );
}

let compiled: ValidateFunction | undefined;
/** The run.json schema compiled once per process (about 60 ms: `campaign` reads hundreds of runs). */
function runValidator(): ValidateFunction {
  return (compiled ??= new Ajv({ allErrors: false, strict: false }).compile(RUN_RESULT_SCHEMA));
}

/** Validates parsed JSON as a RunResult; `file` is only used in messages. */
export function parseRunResult(data: unknown, file: string): RunResult {
  const hint = {
    fr: 'donner le run.json écrit par «\u00a0sas-recette run\u00a0» (reports/run.json par défaut)',
    en: 'give the run.json written by "sas-recette run" (reports/run.json by default)',
  };
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SetupError(
      {
        fr: `${file}\u00a0: ce n'est pas un résultat d'exécution de sas-recette (un objet JSON est attendu)`,
        en: `${file}: not a sas-recette run result (expected a JSON object)`,
      },
      hint,
    );
  }
  const obj = data as Record<string, unknown>;
  const tool = obj.tool as { name?: unknown } | undefined;
  if (obj.schemaVersion === undefined || tool?.name !== 'sas-recette') {
    throw new SetupError(
      {
        fr: `${file}\u00a0: ce n'est pas un résultat d'exécution de sas-recette (ni "schemaVersion" ni "tool.name": "sas-recette")`,
        en: `${file}: not a sas-recette run result (no "schemaVersion" / "tool.name": "sas-recette")`,
      },
      hint,
    );
  }
  if (obj.schemaVersion !== 1) {
    const version = JSON.stringify(obj.schemaVersion);
    throw new SetupError(
      {
        fr: `${file}\u00a0: la version ${version} du schéma des résultats n'est pas prise en charge (cette version de sas-recette lit la version 1)`,
        en: `${file}: run result schema version ${version} is not supported (this sas-recette reads version 1)`,
      },
      { fr: 'le rendre avec la version de sas-recette qui l’a produit', en: 'render it with the sas-recette version that produced it' },
    );
  }
  const validate = runValidator();
  if (!validate(data)) {
    const e = validate.errors?.[0];
    const where = e?.instancePath ? e.instancePath : '(root)';
    const extra = e?.keyword === 'required' ? ` "${(e.params as { missingProperty: string }).missingProperty}"` : '';
    throw new SetupError(
      {
        fr: `${file}\u00a0: résultat d'exécution altéré en ${where}\u00a0: ${e?.message ?? 'invalide'}${extra}`,
        en: `${file}: broken run result at ${where}: ${e?.message ?? 'invalid'}${extra}`,
      },
      hint,
    );
  }
  return upgradeLegacyRun(data as unknown as RunResult);
}

/** Reads and checks a run.json; `label` is how messages name the file (default: the path). */
export async function readRunJson(file: string, label: string = file): Promise<RunResult> {
  return (await readRunFile(file, label)).run;
}

/**
 * Reads and checks a run.json, and gives its bytes too (their SHA-256 names the run: `rejudge` records
 * where it comes from, `campaign` shows it when the folder has no manifest).
 */
export async function readRunFile(file: string, label: string = file): Promise<{ run: RunResult; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    const read = await readFileCapped(file, MAX_BYTES);
    if (read.overLimit)
      throw new SetupError({
        fr: `${label}\u00a0: trop volumineux pour un résultat d'exécution (plus de ${MAX_BYTES} octets)`,
        en: `${label}: too large for a run result (more than ${MAX_BYTES} bytes)`,
      });
    bytes = read.bytes;
  } catch (err) {
    if (err instanceof SetupError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? { fr: 'fichier introuvable', en: 'not found' }
        : code === 'EISDIR'
          ? { fr: "c'est un dossier", en: 'is a directory' }
          : { fr: (err as Error).message, en: (err as Error).message };
    throw new SetupError({ fr: `${label}\u00a0: ${reason.fr}`, en: `${label}: ${reason.en}` });
  }
  return { run: parseRunText(bytes.toString('utf8'), label), bytes };
}

/** A run.json's text as a checked RunResult (SetupError naming `label`, with line:column for broken JSON). */
export function parseRunText(text: string, label: string): RunResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw jsonError(label, text, err as Error);
  }
  return parseRunResult(data, label);
}
