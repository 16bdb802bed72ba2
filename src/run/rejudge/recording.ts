/**
 * The recording `rejudge` reads: a run.json (or the run folder holding it) and, for every case the
 * reports cut, its evidence file (`evidence/<case>-<n>.json`, src/report/evidence-files.ts), which holds
 * the whole recorded bodies and every finding. Each case is given back whole, as the run judged it.
 * An evidence file that is missing, of another size or SHA-256 than run.json records, or not the record
 * of that case is a SetupError naming the file (exit 2): re-judging a case from its 64 KiB excerpt would
 * judge another answer than the one recorded, and a carried-over case could not be written whole.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import { readFileCapped } from '../../core/read-capped.js';
import { parseRunResult } from '../../report/read-run.js';

/** A run.json is at most this big (as `report` reads it); an evidence file holds bodies up to the client's cap. */
const RUN_MAX_BYTES = 200 * 1024 * 1024;
const EVIDENCE_MAX_BYTES = 500 * 1024 * 1024; // below the longest string V8 makes

export interface Recording {
  /** The run, each case whole (bodies and findings from its evidence file when the reports cut it). */
  run: RunResult;
  /** run.json, absolute. */
  file: string;
  /** How messages name it (as given). */
  label: string;
  sha256: string;
}

const HINT: Message = {
  fr: 'donner le run.json (ou le dossier de la recette) écrit par «\u00a0sas-recette run\u00a0», avec son dossier evidence/ intact (sas-recette verify le contrôle)',
  en: 'give the run.json (or the run folder) written by "sas-recette run", with its evidence/ folder intact (sas-recette verify checks it)',
};

async function readBytes(file: string, label: string, max: number): Promise<Buffer> {
  try {
    const read = await readFileCapped(file, max);
    if (read.overLimit)
      throw new SetupError(
        { fr: `${label}\u00a0: trop volumineux (plus de ${max} octets)`, en: `${label}: too large (more than ${max} bytes)` },
        HINT,
      );
    return read.bytes;
  } catch (err) {
    if (err instanceof SetupError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? { fr: 'fichier introuvable', en: 'not found' } : { fr: String(code ?? err), en: String(code ?? err) };
    throw new SetupError({ fr: `${label}\u00a0: ${why.fr}`, en: `${label}: ${why.en}` }, HINT);
  }
}

/** `reports/latest` or `reports/latest/run.json`: the run.json to read. */
function runJsonOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? join(path, 'run.json') : path;
  } catch {
    return path;
  }
}

interface EvidenceRecord {
  format?: unknown;
  case?: { id?: unknown };
  findings?: unknown;
  officialFindings?: unknown;
  exchanges?: unknown;
}

/** The case with its full record restored from its evidence file (and no longer marked as cut). */
async function wholeCase(c: CaseResult, runDir: string, runLabel: string): Promise<CaseResult> {
  const ref = c.evidence?.file;
  if (!ref) return c;
  const label = join(dirname(runLabel), ...ref.path.split('/'));
  const what = { fr: `dossier de preuves du cas ${c.id}`, en: `evidence file of case ${c.id}` };
  const bytes = await readBytes(join(runDir, ...ref.path.split('/')), label, EVIDENCE_MAX_BYTES);
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length !== ref.bytes || sha !== ref.sha256) {
    throw new SetupError(
      {
        fr: `${label}\u00a0: ${what.fr} modifié depuis la recette (${bytes.length} octets, sha256 ${sha}\u00a0; run.json attend ${ref.bytes} octets, sha256 ${ref.sha256})`,
        en: `${label}: ${what.en} changed since the run (${bytes.length} bytes, sha256 ${sha}; run.json expects ${ref.bytes} bytes, sha256 ${ref.sha256})`,
      },
      HINT,
    );
  }
  let record: EvidenceRecord;
  try {
    record = JSON.parse(bytes.toString('utf8')) as EvidenceRecord;
  } catch {
    record = {};
  }
  if (
    record.format !== 'sas-recette-evidence' ||
    record.case?.id !== c.id ||
    !Array.isArray(record.findings) ||
    !Array.isArray(record.exchanges)
  ) {
    throw new SetupError(
      {
        fr: `${label}\u00a0: ce n'est pas le ${what.fr} (format sas-recette-evidence attendu)`,
        en: `${label}: not the ${what.en} (expected the sas-recette-evidence format)`,
      },
      HINT,
    );
  }
  const { evidence: _cut, ...rest } = c;
  return {
    ...rest,
    findings: record.findings as CaseResult['findings'],
    ...(Array.isArray(record.officialFindings) ? { officialFindings: record.officialFindings as CaseResult['findings'] } : {}),
    exchanges: record.exchanges as CaseResult['exchanges'],
  };
}

/**
 * Reads the run to re-judge: `path` is a run.json or its folder, resolved against `cwd`; `label` how
 * messages name it (default: as given).
 */
export async function readRecording(path: string, cwd: string, label: string = path): Promise<Recording> {
  const file = runJsonOf(resolve(cwd, path));
  const shown = file === resolve(cwd, path) ? label : join(label, 'run.json');
  const bytes = await readBytes(file, shown, RUN_MAX_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new SetupError(
      {
        fr: `${shown}\u00a0: JSON invalide (${(err as Error).message.split('\n')[0]})`,
        en: `${shown}: not valid JSON (${(err as Error).message.split('\n')[0]})`,
      },
      HINT,
    );
  }
  const run = parseRunResult(data, shown);
  const runDir = dirname(file);
  const cases: CaseResult[] = [];
  for (const c of run.cases) cases.push(await wholeCase(c, runDir, shown));
  return {
    run: { ...run, cases },
    file,
    label: shown,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
