/**
 * compareRuns: what changed between two runs of the cahier, as one RunDiff (types.ts) that every renderer
 * (console, JSON, HTML) and every other comparer (`rejudge`, `campaign`) reads. Pure: no file, no clock,
 * so the same two runs always give the same diff. Cases are matched by their cahier id, findings by rule id
 * and location; what makes the two runs not strictly comparable is listed as caveats, never a refusal.
 */
import type { Finding, Message } from '../../core/findings.js';
import type { CaseResult, RunResult, Verdict } from '../../core/model.js';
import { redactRun } from '../redact.js';
import { runCaveats } from './caveats.js';
import { latencyRows } from './latency.js';
import type { CaseChange, CaseDiff, FindingRef, RunDiff, RunRef } from './types.js';

/** The run as the diff names it. */
export function runRef(run: RunResult, file?: string): RunRef {
  return {
    runId: run.runId,
    startedAt: run.startedAt,
    tool: run.tool.version,
    ig: run.ig ? `${run.ig.id}#${run.ig.version}` : null,
    cahierSha256: run.cahier.sha256,
    jddSha256: run.jdd.sha256,
    baseUrl: run.baseUrl,
    overall: run.summary.overall,
    ...(file !== undefined ? { file } : {}),
  };
}

const FAILING: ReadonlySet<Verdict> = new Set(['failed', 'error']);

/**
 * The change of a case present in both runs (types.ts): failed / error after passed, skipped or
 * not-applicable is a regression; passed after failed / error is fixed; anything else that differs
 * (another failing verdict, a case no longer judged, other findings) is changed.
 */
export function caseChange(oldVerdict: Verdict, newVerdict: Verdict, findingsDiffer: boolean): CaseChange {
  if (!FAILING.has(oldVerdict) && FAILING.has(newVerdict)) return 'regression';
  if (FAILING.has(oldVerdict) && newVerdict === 'passed') return 'fixed';
  if (oldVerdict !== newVerdict || findingsDiffer) return 'changed';
  return 'same';
}

function ref(f: Finding): FindingRef {
  return { ruleId: f.ruleId, location: f.location, severity: f.severity, message: f.message };
}

/** The key two runs match a finding by: rule id and location, kept apart whatever characters they hold. */
function keyOf(f: Finding): string {
  return JSON.stringify([f.ruleId, f.location]);
}

function groupByKey(findings: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = out.get(keyOf(f));
    if (list) list.push(f);
    else out.set(keyOf(f), [f]);
  }
  return out;
}

/**
 * Findings of one case, old against new. Several findings can share a rule id and a location (two codings
 * at the same path): within a key, findings of the same severity pair first, then the rest pair as
 * severity changes, and what is left over is added (new) or removed (old).
 */
export function compareFindings(oldFindings: Finding[], newFindings: Finding[]): CaseDiff['findings'] {
  const out: CaseDiff['findings'] = { added: [], removed: [], severityChanged: [] };
  const olds = groupByKey(oldFindings);
  const news = groupByKey(newFindings);
  for (const [key, newList] of news) {
    const oldLeft = [...(olds.get(key) ?? [])];
    const newLeft: Finding[] = [];
    for (const f of newList) {
      const i = oldLeft.findIndex((o) => o.severity === f.severity);
      if (i >= 0) oldLeft.splice(i, 1);
      else newLeft.push(f);
    }
    const paired = Math.min(oldLeft.length, newLeft.length);
    for (let i = 0; i < paired; i += 1) {
      out.severityChanged.push({
        ruleId: newLeft[i].ruleId,
        location: newLeft[i].location,
        old: oldLeft[i].severity,
        new: newLeft[i].severity,
      });
    }
    out.added.push(...newLeft.slice(paired).map(ref));
    out.removed.push(...oldLeft.slice(paired).map(ref));
    olds.delete(key);
  }
  for (const list of olds.values()) out.removed.push(...list.map(ref));
  return out;
}

function noFindings(): CaseDiff['findings'] {
  return { added: [], removed: [], severityChanged: [] };
}

function bothCases(o: CaseResult, n: CaseResult): CaseDiff {
  const findings = compareFindings(o.findings, n.findings);
  const differ = findings.added.length + findings.removed.length + findings.severityChanged.length > 0;
  return {
    id: n.id,
    title: n.title,
    change: caseChange(o.verdict, n.verdict, differ),
    oldVerdict: o.verdict,
    newVerdict: n.verdict,
    findings,
  };
}

function onlyNew(n: CaseResult): CaseDiff {
  return { id: n.id, title: n.title, change: 'added', newVerdict: n.verdict, findings: { ...noFindings(), added: n.findings.map(ref) } };
}

function onlyOld(o: CaseResult): CaseDiff {
  return {
    id: o.id,
    title: o.title,
    change: 'removed',
    oldVerdict: o.verdict,
    findings: { ...noFindings(), removed: o.findings.map(ref) },
  };
}

/** Case ids of one run, the first of each id kept (a cahier id is unique; a hand-edited run.json may repeat one). */
function byId(cases: CaseResult[]): Map<string, CaseResult> {
  const out = new Map<string, CaseResult>();
  for (const c of cases) if (!out.has(c.id)) out.set(c.id, c);
  return out;
}

function idsOf(cases: CaseDiff[], change: CaseChange): string[] {
  return cases.filter((c) => c.change === change).map((c) => c.id);
}

/** What changed from `oldRun` to `newRun`; `files` names where each was read from (kept in the RunRefs). */
export function compareRuns(oldInput: RunResult, newInput: RunResult, files: { old?: string; new?: string } = {}): RunDiff {
  // secrets never reach an output: a run.json is redacted already, but rejudge and campaign may pass runs
  // straight from memory, and the diff quotes finding messages and endpoint URLs (src/report/redact.ts)
  const oldRun = redactRun(oldInput);
  const newRun = redactRun(newInput);
  const olds = byId(oldRun.cases);
  const news = byId(newRun.cases);
  const cases: CaseDiff[] = [];
  for (const n of news.values()) {
    const o = olds.get(n.id);
    cases.push(o ? bothCases(o, n) : onlyNew(n));
  }
  for (const o of olds.values()) if (!news.has(o.id)) cases.push(onlyOld(o));
  const caveats: Message[] = runCaveats(oldRun, newRun);
  return {
    old: runRef(oldRun, files.old),
    new: runRef(newRun, files.new),
    caveats,
    cases,
    regressions: idsOf(cases, 'regression'),
    fixed: idsOf(cases, 'fixed'),
    added: idsOf(cases, 'added'),
    removed: idsOf(cases, 'removed'),
    latency: latencyRows(oldRun, newRun),
    overall: { old: oldRun.summary.overall, new: newRun.summary.overall },
  };
}
