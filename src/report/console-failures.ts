/**
 * The failures of a run at the end of the console, short whatever their number: a table of root causes
 * (failure-causes.ts: causes hitting a mandatory case first, then by number of cases), each with its
 * number of cases, of blocking ones, its label and the ids it hit (blocking first); then, for the first
 * causes, the detail of the first case each hit (its deciding findings). An endpoint answering HTML 502 to
 * every request thus says so once, not once per case. Endpoint text goes through terminal.ts.
 */
import type { ChalkInstance } from 'chalk';
import { textOf, type Lang } from '../core/findings.js';
import type { CaseResult, RunResult } from '../core/model.js';
import { caseState, caseTitle, decidingFindings, type CaseState } from './case-view.js';
import { CONSOLE_WORDS } from './console-words.js';
import { failureCauses, type FailureCause } from './failure-causes.js';
import { findingLine } from './finding-line.js';
import { oneLine } from './format.js';
import { terminalSafe } from './terminal.js';

export interface FailureViewOptions {
  lang: Lang;
  color: ChalkInstance;
  /** Deciding findings printed for a case before "… and N more". */
  maxFindings: number;
  /** Causes whose first case is printed in detail. */
  maxDetailed?: number;
  /** Characters of case ids on a cause's line before "… and N more". */
  idsWidth?: number;
}

export const CASE_MARK: Record<CaseState, string> = {
  passed: '✓',
  'passed-with-reserves': '◐',
  failed: '✗',
  error: '!',
  skipped: '-',
  'not-applicable': '○',
};

/** As many ids (made safe for the terminal) as fit in `width` characters joined by ", " (one at least), and how many are left. */
export function fitIds(ids: readonly string[], width: number): { shown: string[]; rest: number } {
  const shown: string[] = [];
  let used = 0;
  for (const id of ids) {
    const safe = terminalSafe(id);
    const cost = safe.length + (shown.length > 0 ? 2 : 0);
    if (shown.length > 0 && used + cost > width) break;
    shown.push(safe);
    used += cost;
  }
  return { shown, rest: ids.length - shown.length };
}

/** `A, B, C, … and 12 more`: blocking ids first (plain), the minor ones after (dim), as many as fit. */
function idsLine(cause: FailureCause, o: FailureViewOptions, width: number): string {
  const w = CONSOLE_WORDS[o.lang];
  const blocking = new Set(cause.blocking);
  const minor = cause.cases.map((c) => c.id).filter((id) => !blocking.has(id));
  const { shown, rest } = fitIds([...cause.blocking, ...minor], width);
  const painted = shown.map((id, i) => (i < cause.blocking.length ? id : o.color.dim(id)));
  return `${painted.join(', ')}${rest > 0 ? `, ${o.color.dim(w.more(rest))}` : ''}`;
}

/** The table: one row a cause (cases, blocking, label), the ids it hit under its label. */
function causeTable(causes: FailureCause[], o: FailureViewOptions): string {
  const w = CONSOLE_WORDS[o.lang];
  const c = o.color;
  const casesWidth = Math.max(w.causeHead.cases.length, ...causes.map((x) => String(x.cases.length).length));
  const blockingWidth = Math.max(w.causeHead.blocking.length, ...causes.map((x) => String(x.blocking.length).length));
  const indent = ' '.repeat(2 + casesWidth + 2 + blockingWidth + 2);
  let out =
    c.dim(`  ${w.causeHead.cases.padStart(casesWidth)}  ${w.causeHead.blocking.padStart(blockingWidth)}  ${w.causeHead.cause}`) + '\n';
  for (const cause of causes) {
    const label = terminalSafe(oneLine(textOf(cause.label, o.lang), 160));
    const blocking = String(cause.blocking.length).padStart(blockingWidth);
    out += `  ${String(cause.cases.length).padStart(casesWidth)}  ${cause.blocking.length ? c.red(blocking) : blocking}  ${c.bold(label)}\n`;
    out += `${indent}${idsLine(cause, o, o.idsWidth ?? 100)}\n`;
  }
  return out;
}

/** One failed or errored case: mark, id, severity, title, its cahier line, its deciding findings (or reason). */
export function failureDetail(r: CaseResult, o: FailureViewOptions): string {
  const w = CONSOLE_WORDS[o.lang];
  const c = o.color;
  const state = caseState(r);
  const paint = state === 'error' ? c.magenta : c.red;
  const sev = r.severity === 'blocking' ? w.blocking : w.minor;
  let out = `${paint(CASE_MARK[state])} ${c.bold(terminalSafe(r.id))} ${c.dim(`[${sev}]`)} ${terminalSafe(oneLine(caseTitle(r, o.lang), 120))}\n`;
  if (r.source) out += `    ${c.dim(terminalSafe(r.source))}\n`;
  const deciding = decidingFindings(r);
  for (const f of deciding.slice(0, o.maxFindings)) out += `${findingLine(f, { lang: o.lang, color: c, layout: 'block' })}\n`;
  if (deciding.length > o.maxFindings) out += `    ${c.dim(w.moreFindings(deciding.length - o.maxFindings))}\n`;
  if (deciding.length === 0 && r.reason) out += `    ${terminalSafe(oneLine(textOf(r.reason, o.lang), 400))}\n`;
  return out;
}

/** The failures block of the end of the run; empty when nothing failed. */
export function failuresByCause(run: Pick<RunResult, 'cases'>, o: FailureViewOptions): string {
  const causes = failureCauses(run);
  if (causes.length === 0) return '';
  const w = CONSOLE_WORDS[o.lang];
  const detailed = causes.slice(0, o.maxDetailed ?? 5);
  let out = `\n${o.color.bold(w.causes)}\n${causeTable(causes, o)}`;
  out += `\n${o.color.bold(w.firstCase)}\n`;
  for (const cause of detailed) out += failureDetail(cause.cases[0], o);
  if (causes.length > detailed.length) out += `  ${o.color.dim(w.otherCauses(causes.length - detailed.length))}\n`;
  return out;
}
