/**
 * The two runs of `sas-recette diff`, read from what the user typed: a run.json, or a run folder (its
 * run.json), or a reports folder (its `latest` run, symlink or latest.txt). A missing or broken file is a
 * SetupError naming it (read-run.ts). A case whose findings run.json lists only in part (more than the
 * report limit, evidence-files.ts) is compared on its full record from its evidence file, checked against
 * the SHA-256 run.json holds for it; when that record cannot be used, the diff says so in its caveats
 * rather than compare silently on part of the findings.
 */
import { dirname } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import { readEvidenceRecord } from '../evidence-record.js';
import { readRunJson } from '../read-run.js';
import { locateRunFile } from '../run-file.js';

export interface ReadRun {
  run: RunResult;
  /** How the messages and the diff name the file (as typed, run.json added for a folder). */
  label: string;
  /** What could not be restored from the evidence files, one line per case. */
  notes: Message[];
}

/** The run.json a typed path means, and how to name it; a folder with none is a SetupError. */
export function runFileOf(typed: string, cwd: string): { file: string; label: string } {
  const found = locateRunFile(typed, cwd);
  if (found.found) return found;
  throw new SetupError(
    { fr: `${typed}\u00a0: aucun run.json dans ce dossier`, en: `${typed}: no run.json in this folder` },
    {
      fr: 'donner le run.json d’une exécution, son dossier (reports/latest) ou le dossier des rapports (reports)',
      en: 'give the run.json of a run, its folder (reports/latest) or the reports folder (reports)',
    },
  );
}

/** The case with every finding of its evidence file, or the reason it keeps only the listed ones. */
async function fullCase(c: CaseResult, folder: string, label: string): Promise<{ c: CaseResult; note?: Message }> {
  const omitted = c.evidence?.findingsOmitted?.total ?? 0;
  if (omitted === 0) return { c };
  const read = await readEvidenceRecord(folder, c);
  if (read && 'record' in read) return { c: { ...c, findings: read.record.findings } };
  const where = read ? read.path : '—';
  return {
    c,
    note: {
      fr: `${label}, cas ${c.id}\u00a0: ${omitted} constat(s) non listé(s) dans run.json et le fichier de preuves (${where}) manque ou a changé\u00a0; comparé sur les constats listés seulement`,
      en: `${label}, case ${c.id}: ${omitted} finding(s) not listed in run.json and the evidence file (${where}) is missing or changed; compared on the listed findings only`,
    },
  };
}

/** Reads one side of the diff (see the file comment). */
export async function readRunForDiff(typed: string, cwd: string): Promise<ReadRun> {
  const { file, label } = runFileOf(typed, cwd);
  const run = await readRunJson(file, label);
  const folder = dirname(file);
  const cases = await Promise.all(run.cases.map((c) => fullCase(c, folder, label)));
  return {
    run: { ...run, cases: cases.map((x) => x.c) },
    label,
    notes: cases.flatMap((x) => (x.note ? [x.note] : [])),
  };
}
