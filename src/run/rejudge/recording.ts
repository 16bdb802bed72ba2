/**
 * The recording `rejudge` reads: a run.json (or the run folder holding it) and, for every case the
 * reports cut, its evidence file (`evidence/<case>-<n>.json`, src/report/evidence-files.ts), which holds
 * the whole recorded bodies and every finding. Each case is given back whole, as the run judged it.
 * An evidence file that is missing, of another size or SHA-256 than run.json records, or not the record
 * of that case is a SetupError naming the file (exit 2): re-judging a case from its 64 KiB excerpt would
 * judge another answer than the one recorded, and a carried-over case could not be written whole.
 */
import { dirname, join } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import { readEvidenceRecord, type EvidenceProblem } from '../../report/evidence-record.js';
import { sha256Of } from '../../report/manifest/hash.js';
import { readRunFile } from '../../report/read-run.js';
import { locateRunFile } from '../../report/run-file.js';

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

/** Why an evidence file cannot give its case back whole, naming it. */
function evidenceError(label: string, caseId: string, p: EvidenceProblem): SetupError {
  const what = { fr: `dossier de preuves du cas ${caseId}`, en: `evidence file of case ${caseId}` };
  const why: Message =
    p.kind === 'missing'
      ? { fr: 'fichier introuvable', en: 'not found' }
      : p.kind === 'too-large'
        ? { fr: `trop volumineux (plus de ${p.maxBytes} octets)`, en: `too large (more than ${p.maxBytes} bytes)` }
        : p.kind === 'unreadable'
          ? { fr: p.code, en: p.code }
          : p.kind === 'outside'
            ? { fr: `le chemin du ${what.fr} sort du dossier de la recette`, en: `the path of the ${what.en} leads out of the run folder` }
            : p.kind === 'changed'
              ? {
                  fr: `${what.fr} modifié depuis la recette (${p.bytes} octets, sha256 ${p.sha256}\u00a0; run.json attend ${p.expected.bytes} octets, sha256 ${p.expected.sha256})`,
                  en: `${what.en} changed since the run (${p.bytes} bytes, sha256 ${p.sha256}; run.json expects ${p.expected.bytes} bytes, sha256 ${p.expected.sha256})`,
                }
              : {
                  fr: `ce n'est pas le ${what.fr} (format sas-recette-evidence attendu)`,
                  en: `not the ${what.en} (expected the sas-recette-evidence format)`,
                };
  return new SetupError({ fr: `${label}\u00a0: ${why.fr}`, en: `${label}: ${why.en}` }, HINT);
}

/** The case with its full record restored from its evidence file (and no longer marked as cut). */
async function wholeCase(c: CaseResult, runDir: string, runLabel: string): Promise<CaseResult> {
  const read = await readEvidenceRecord(runDir, c);
  if (!read) return c;
  if ('problem' in read) throw evidenceError(join(dirname(runLabel), ...read.path.split('/')), c.id, read.problem);
  const { evidence: _cut, ...rest } = c;
  return { ...rest, ...read.record };
}

/**
 * Reads the run to re-judge: `path` is a run.json, its folder or a reports folder (its latest run),
 * resolved against `cwd`, and named in messages as typed.
 */
export async function readRecording(path: string, cwd: string): Promise<Recording> {
  const { file, label } = locateRunFile(path, cwd);
  const { run, bytes } = await readRunFile(file, label);
  const runDir = dirname(file);
  const cases: CaseResult[] = [];
  for (const c of run.cases) cases.push(await wholeCase(c, runDir, label));
  return { run: { ...run, cases }, file, label, sha256: sha256Of(bytes) };
}
