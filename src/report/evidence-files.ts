/**
 * Evidence per case kept to a readable size in the reports, the full record in a file next to run.json.
 * A hostile or broken answer (10,000 garbage entries) gives tens of thousands of findings: listed in full
 * they made a 35 MB run.json, a 13.7 MB PV and a 5.2 MB JUnit. Each case of a report therefore lists at
 * most FINDINGS_LISTED_MAX findings (worst first) and BODY_EXCERPT_BYTES of each response body; what is
 * left out is counted on the case (`evidence`, never silently) and the case's full record — every finding
 * and every recorded body — goes to `evidence/<case-id>-<n>.json`, whose SHA-256 run.json records.
 * File names come from the cahier's case ids made safe (ASCII letters, digits, `-`, `_`) plus the case's
 * position, so an id can neither leave the folder nor collide with another case.
 * The cut is deterministic and idempotent: re-rendering a run.json that was already cut changes nothing
 * and keeps its evidence references.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { severityRank, type Finding, type Lang } from '../core/findings.js';
import type { CaseEvidence, CaseResult, Exchange, RunResult } from '../core/model.js';
import { truncateUtf8 } from './format.js';
import { redactRun } from './redact.js';
import { writeOutput } from './write-output.js';

/** Findings listed per case (and official findings per case) in run.json, the PV and JUnit. */
export const FINDINGS_LISTED_MAX = 1000;
/** Bytes of each recorded response body kept in run.json (the PV shows less; JUnit no body). */
export const BODY_EXCERPT_BYTES = 64 * 1024;
/** Folder of the evidence files, relative to run.json's folder. */
export const EVIDENCE_DIR = 'evidence';

export interface EvidenceFile {
  /** Relative to run.json's folder, `/`-separated. */
  path: string;
  content: string;
  sha256: string;
  bytes: number;
}

export interface CutRun {
  run: RunResult;
  files: EvidenceFile[];
}

/** `PS-4.3-REF` → `PS-4_3-REF`: only ASCII letters, digits, `-` and `_`; never empty, never a dot. */
export function safeFileStem(id: string): string {
  const stem = id
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, 64);
  return stem || 'case';
}

/** The `max` worst findings in their recorded order, and the others. */
function keepWorst(findings: Finding[], max: number): { kept: Finding[]; omitted: Finding[] } {
  if (findings.length <= max) return { kept: findings, omitted: [] };
  const order = findings.map((f, i) => ({ f, i })).sort((a, b) => severityRank[a.f.severity] - severityRank[b.f.severity] || a.i - b.i);
  const keep = new Set(order.slice(0, max).map((o) => o.i));
  return { kept: findings.filter((_, i) => keep.has(i)), omitted: findings.filter((_, i) => !keep.has(i)) };
}

function cutBody(x: Exchange): { exchange: Exchange; cut: boolean } {
  if (!x.response) return { exchange: x, cut: false };
  const excerpt = truncateUtf8(x.response.body, BODY_EXCERPT_BYTES);
  if (!excerpt.cut) return { exchange: x, cut: false };
  return { exchange: { ...x, response: { ...x.response, body: excerpt.text, truncated: true } }, cut: true };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function addCounts(a: CaseEvidence['findingsOmitted'], omitted: Finding[]): CaseEvidence['findingsOmitted'] {
  if (omitted.length === 0) return a;
  const out = { total: 0, fatal: 0, error: 0, warning: 0, information: 0, ...a };
  out.total += omitted.length;
  for (const f of omitted) out[f.severity] += 1;
  return out;
}

/** One case cut to the limits; its evidence file when anything was left out and it has none yet. */
function cutCase(c: CaseResult, index: number, runId: string): { c: CaseResult; file?: EvidenceFile } {
  const findings = keepWorst(c.findings, FINDINGS_LISTED_MAX);
  const official = c.officialFindings ? keepWorst(c.officialFindings, FINDINGS_LISTED_MAX) : undefined;
  const bodies = c.exchanges.map(cutBody);
  const bodiesCut = bodies.filter((b) => b.cut).length;
  if (findings.omitted.length === 0 && !official?.omitted.length && bodiesCut === 0) return { c };

  const before = c.evidence ?? {};
  let file: EvidenceFile | undefined;
  let ref = before.file;
  if (!ref) {
    const record = {
      format: 'sas-recette-evidence',
      version: 1,
      runId,
      case: { id: c.id, position: index + 1, title: c.title },
      findings: c.findings,
      ...(c.officialFindings ? { officialFindings: c.officialFindings } : {}),
      exchanges: c.exchanges,
    };
    const content = `${JSON.stringify(record)}\n`;
    file = {
      path: `${EVIDENCE_DIR}/${safeFileStem(c.id)}-${index + 1}.json`,
      content,
      sha256: sha256(content),
      bytes: Buffer.byteLength(content),
    };
    ref = { path: file.path, sha256: file.sha256, bytes: file.bytes };
  }
  const officialOmitted = (before.officialFindingsOmitted ?? 0) + (official?.omitted.length ?? 0);
  const evidence: CaseEvidence = {
    ...before,
    ...(findings.omitted.length ? { findingsOmitted: addCounts(before.findingsOmitted, findings.omitted) } : {}),
    ...(officialOmitted ? { officialFindingsOmitted: officialOmitted } : {}),
    ...(bodiesCut ? { bodiesCut: (before.bodiesCut ?? 0) + bodiesCut } : {}),
    file: ref,
  };
  return {
    c: {
      ...c,
      findings: findings.kept,
      ...(official ? { officialFindings: official.kept } : {}),
      exchanges: bodies.map((b) => b.exchange),
      evidence,
    },
    ...(file ? { file } : {}),
  };
}

/** The run with each case cut to the report limits, and the evidence files holding what was cut. */
export function cutRun(run: RunResult): CutRun {
  const files: EvidenceFile[] = [];
  const cases = run.cases.map((c, i) => {
    const out = cutCase(c, i, run.runId);
    if (out.file) files.push(out.file);
    return out.c;
  });
  return { run: { ...run, cases }, files };
}

const views = new WeakMap<RunResult, CutRun>();

/**
 * The redacted and cut view of a run every file reporter renders (computed once per run object: the
 * json, junit and html reporters of one run share it).
 */
export function reportView(run: RunResult): CutRun {
  let view = views.get(run);
  if (!view) {
    view = cutRun(redactRun(run));
    views.set(run, view);
  }
  return view;
}

/**
 * Writes the evidence files into `dir` (run.json's folder). A file already there with the recorded size
 * is left alone (another reporter of the same run wrote it). Returns the files written.
 */
export async function writeEvidenceFiles(dir: string, files: EvidenceFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const f of files) {
    const target = join(dir, ...f.path.split('/'));
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === f.bytes) continue;
    await writeOutput(target, f.content);
    written.push(target);
  }
  return written;
}

/** run.json's folder for a reporter: where the evidence files of its run belong. */
export function evidenceDirOf(options: { outDir: string; paths?: Partial<Record<string, string>> }): string {
  return options.paths?.json ? dirname(options.paths.json) : options.outDir;
}

/**
 * What the reports left out of a case, counted, and where the full record is: "n more findings…"
 * lines in French or English, never a silent cut (JUnit and the PV show them).
 */
const SEVERITY_FR = { fatal: 'fatal', error: 'erreur', warning: 'avertissement', information: 'information' } as const;
const SEVERITY_EN = { fatal: 'fatal', error: 'error', warning: 'warning', information: 'information' } as const;

export function omittedLines(c: CaseResult, lang: Lang): string[] {
  const e = c.evidence;
  if (!e) return [];
  const fr = lang === 'fr';
  const where = e.file
    ? fr
      ? ` — liste complète dans ${e.file.path} (sha256 ${e.file.sha256})`
      : ` — full list in ${e.file.path} (sha256 ${e.file.sha256})`
    : '';
  const lines: string[] = [];
  const f = e.findingsOmitted;
  if (f?.total) {
    const parts = (['fatal', 'error', 'warning', 'information'] as const)
      .filter((k) => f[k] > 0)
      .map((k) => `${f[k]} ${(fr ? SEVERITY_FR : SEVERITY_EN)[k]}`);
    lines.push(
      fr
        ? `… et ${f.total} constat(s) de plus non listé(s) ici (${parts.join(', ')})${where}`
        : `… and ${f.total} more finding(s) not listed here (${parts.join(', ')})${where}`,
    );
  }
  if (e.officialFindingsOmitted) {
    lines.push(
      fr
        ? `… et ${e.officialFindingsOmitted} constat(s) du validateur officiel de plus${where}`
        : `… and ${e.officialFindingsOmitted} more official validator finding(s)${where}`,
    );
  }
  if (e.bodiesCut) {
    const file = e.file ? (fr ? ` ; corps enregistrés complets dans ${e.file.path}` : `; full recorded bodies in ${e.file.path}`) : '';
    lines.push(
      fr
        ? `${e.bodiesCut} corps de réponse coupé(s) à l'extrait du rapport${file}`
        : `${e.bodiesCut} response body(ies) cut to the report excerpt${file}`,
    );
  }
  return lines;
}
