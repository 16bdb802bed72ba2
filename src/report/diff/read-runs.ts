/**
 * The two runs of `sas-recette diff`, read from what the user typed: a run.json, or a run folder (its
 * run.json), or a reports folder (its `latest` run, symlink or latest.txt). A missing or broken file is a
 * SetupError naming it (read-run.ts). A case whose findings run.json lists only in part (more than the
 * report limit, evidence-files.ts) is compared on its full record from its evidence file, checked against
 * the SHA-256 run.json holds for it; when that record cannot be used, the diff says so in its caveats
 * rather than compare silently on part of the findings.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { SEVERITIES, type Finding, type Message } from '../../core/findings.js';
import type { CaseResult, RunResult } from '../../core/model.js';
import { readRunJson } from '../read-run.js';
import { LATEST_FILE, LATEST_LINK } from '../run-folder.js';

export interface ReadRun {
  run: RunResult;
  /** How the messages and the diff name the file (as typed, run.json added for a folder). */
  label: string;
  /** What could not be restored from the evidence files, one line per case. */
  notes: Message[];
}

const RUN_FILE = 'run.json';

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** The run.json a typed path means, and how to name it; a folder with none is a SetupError. */
export async function runFileOf(typed: string, cwd: string): Promise<{ file: string; label: string }> {
  const path = resolve(cwd, typed);
  if (!(await isDir(path))) return { file: path, label: typed };
  const inFolder = join(path, RUN_FILE);
  if (await isFile(inFolder)) return { file: inFolder, label: join(typed, RUN_FILE) };
  const latest = join(path, LATEST_LINK, RUN_FILE);
  if (await isFile(latest)) return { file: latest, label: join(typed, LATEST_LINK, RUN_FILE) };
  const pointer = await readFile(join(path, LATEST_FILE), 'utf8').catch(() => undefined);
  const name = pointer?.trim();
  if (name && !name.includes('/') && !name.includes('\\') && name !== '..' && (await isFile(join(path, name, RUN_FILE)))) {
    return { file: join(path, name, RUN_FILE), label: join(typed, name, RUN_FILE) };
  }
  throw new SetupError(
    { fr: `${typed}\u00a0: aucun run.json dans ce dossier`, en: `${typed}: no run.json in this folder` },
    {
      fr: 'donner le run.json d’une exécution, son dossier (reports/latest) ou le dossier des rapports (reports)',
      en: 'give the run.json of a run, its folder (reports/latest) or the reports folder (reports)',
    },
  );
}

function isMessage(m: unknown): m is Message {
  return typeof m === 'object' && m !== null && typeof (m as Message).fr === 'string' && typeof (m as Message).en === 'string';
}

/** The findings of an evidence record, when every one has the fields the diff reads (the file is untrusted). */
function findingsOf(record: unknown, caseId: string): Finding[] | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as { format?: unknown; case?: { id?: unknown }; findings?: unknown };
  if (r.format !== 'sas-recette-evidence' || r.case?.id !== caseId || !Array.isArray(r.findings)) return undefined;
  const ok = r.findings.every(
    (f: Partial<Finding>) =>
      typeof f === 'object' &&
      f !== null &&
      typeof f.ruleId === 'string' &&
      typeof f.location === 'string' &&
      (SEVERITIES as readonly string[]).includes(f.severity as string) &&
      isMessage(f.message),
  );
  return ok ? (r.findings as Finding[]) : undefined;
}

/** The path of an evidence file inside the run's folder, or undefined when the recorded path would leave it. */
function insideFolder(folder: string, path: string): string | undefined {
  if (isAbsolute(path)) return undefined;
  const target = resolve(folder, ...path.split('/'));
  const rel = relative(folder, target);
  return rel && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel) ? target : undefined;
}

/** The case with every finding of its evidence file, or the reason it keeps only the listed ones. */
async function fullCase(c: CaseResult, folder: string, label: string): Promise<{ c: CaseResult; note?: Message }> {
  const omitted = c.evidence?.findingsOmitted?.total ?? 0;
  if (omitted === 0) return { c };
  const ref = c.evidence?.file;
  const target = ref ? insideFolder(folder, ref.path) : undefined;
  const bytes = target ? await readFile(target).catch(() => undefined) : undefined;
  let findings: Finding[] | undefined;
  if (bytes && ref && createHash('sha256').update(bytes).digest('hex') === ref.sha256) {
    try {
      findings = findingsOf(JSON.parse(bytes.toString('utf8')), c.id);
    } catch {
      findings = undefined;
    }
  }
  if (findings) return { c: { ...c, findings } };
  const where = ref ? ref.path : '—';
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
  const { file, label } = await runFileOf(typed, cwd);
  const run = await readRunJson(file, label);
  const folder = dirname(file);
  const cases = await Promise.all(run.cases.map((c) => fullCase(c, folder, label)));
  return {
    run: { ...run, cases: cases.map((x) => x.c) },
    label,
    notes: cases.flatMap((x) => (x.note ? [x.note] : [])),
  };
}
