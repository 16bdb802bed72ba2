/**
 * The console form of a diff: short, in the order a release manager reads it — what might make the
 * comparison unfair (caveats), the overall verdict old → new, then regressions, fixed, changed, added and
 * removed cases, each with its finding lines `ruleId @ location`, then latency side by side and a one-line
 * result. Everything that came from a run file (ids, titles, locations, messages, URLs) is made
 * terminal-safe; colour only reinforces words (NO_COLOR gives the same text).
 */
import { textOf, type Lang, type Message } from '../../core/findings.js';
import { colon } from '../../core/typography.js';
import { CONSOLE_WORDS } from '../console-words.js';
import { oneLine } from '../format.js';
import { terminalSafe } from '../terminal.js';
import type { CaseChange, CaseDiff, FindingRef, Percentiles, RunDiff, RunRef } from './types.js';
import { diffWords, type DiffWords } from './words.js';

type Paint = (text: string) => string;

/** The colours the console uses; a chalk instance fits (ctx.color), none means plain text. */
export interface DiffColors {
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
  dim: Paint;
  bold: Paint;
}

export interface DiffTextOptions {
  lang: Lang;
  color?: DiffColors;
  /** Finding lines printed per case (default 8); the others are counted. */
  findingsPerCase?: number;
  /** Leave out `sas-recette diff`'s exit code from the result line (rejudge exits like a run). */
  withoutExitCode?: boolean;
}

const plain: Paint = (s) => s;
const NO_COLOR: DiffColors = { red: plain, green: plain, yellow: plain, cyan: plain, dim: plain, bold: plain };

/** Text of a run file, one line, terminal-safe. */
function safe(text: string, max = 300): string {
  return terminalSafe(oneLine(text, max));
}

function msg(m: Message, lang: Lang, max = 300): string {
  return safe(textOf(m, lang), max);
}

function verdictWord(v: CaseDiff['oldVerdict'], lang: Lang): string {
  return v ? CONSOLE_WORDS[lang].state[v] : '—';
}

function overallWord(o: RunDiff['overall']['old'], lang: Lang): string {
  return CONSOLE_WORDS[lang][o];
}

function runLine(label: string, r: RunRef, lang: Lang, c: DiffColors): string {
  const from = r.file ? ` ${c.dim(safe(r.file, 400))}` : '';
  const ig = r.ig ? `, ${safe(r.ig, 100)}` : '';
  return `  ${label}${colon(lang)} ${safe(r.runId, 100)} (${safe(r.startedAt, 40)}, sas-recette ${safe(r.tool, 40)}${ig}) ${safe(r.baseUrl, 200)}${from}\n`;
}

function findingText(f: { ruleId: string; location: string }): string {
  return `${safe(f.ruleId, 120)} @ ${safe(f.location || '—', 200)}`;
}

/** The finding lines of one case: new ones, severity changes, then gone ones; cut to `max`, the rest counted. */
function findingLines(d: CaseDiff, w: DiffWords, lang: Lang, c: DiffColors, max: number): string[] {
  const sev = (s: FindingRef['severity']): string => w.severity[s];
  const lines = [
    ...d.findings.added.map((f) => `      ${c.red('+')} ${findingText(f)} (${sev(f.severity)})${colon(lang)} ${msg(f.message, lang, 160)}`),
    ...d.findings.severityChanged.map((f) => `      ${c.yellow('±')} ${findingText(f)} (${sev(f.old)} → ${sev(f.new)})`),
    ...d.findings.removed.map((f) => `      ${c.green('-')} ${findingText(f)} (${sev(f.severity)})`),
  ];
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), `      ${c.dim(w.moreFindings(lines.length - max))}`];
}

const MARK: Record<CaseChange, string> = { regression: '✗', fixed: '✓', changed: '~', same: '=', added: '+', removed: '-' };

function caseLine(d: CaseDiff, w: DiffWords, lang: Lang, c: DiffColors): string {
  const paint = { regression: c.red, fixed: c.green, changed: c.yellow, same: plain, added: c.cyan, removed: c.dim }[d.change];
  const verdicts =
    d.change === 'added'
      ? verdictWord(d.newVerdict, lang)
      : d.change === 'removed'
        ? verdictWord(d.oldVerdict, lang)
        : `${verdictWord(d.oldVerdict, lang)} → ${verdictWord(d.newVerdict, lang)}`;
  const failingNew =
    d.change === 'added' && (d.newVerdict === 'failed' || d.newVerdict === 'error') ? ` ${c.red(`(${w.addedFailing})`)}` : '';
  return `  ${paint(MARK[d.change])} ${c.bold(safe(d.id, 120))}  ${verdicts}${failingNew}  ${c.dim(msg(d.title, lang, 120))}`;
}

function section(change: CaseChange, d: RunDiff, w: DiffWords, lang: Lang, c: DiffColors, max: number): string {
  const cases = d.cases.filter((x) => x.change === change);
  if (cases.length === 0) return '';
  const lines = cases.flatMap((x) => [caseLine(x, w, lang, c), ...(change === 'removed' ? [] : findingLines(x, w, lang, c, max))]);
  return `\n${c.bold(`${w.section[change]} (${cases.length})`)}${colon(lang)}\n${lines.join('\n')}\n`;
}

function figures(p: Percentiles | undefined, w: DiffWords): string {
  return p ? `${p.p50} / ${p.p95} / ${p.p99} / ${p.max} (${p.samples})` : w.none;
}

function latencySection(d: RunDiff, w: DiffWords, lang: Lang, c: DiffColors): string {
  if (d.latency.length === 0) return '';
  const rows = d.latency.map((r) => [r.allRequests ? w.allRequests : safe(r.label, 80), figures(r.old, w), figures(r.new, w)]);
  const head = [w.latencyHead.series, w.latencyHead.old, w.latencyHead.new];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => `  ${cells.map((x, i) => (i < cells.length - 1 ? x.padEnd(width[i]) : x)).join('  ')}`;
  return `\n${c.bold(w.latencyConsole)}${colon(lang)}\n${c.dim(line(head))}\n${rows.map(line).join('\n')}\n`;
}

function resultLine(d: RunDiff, w: DiffWords, lang: Lang, c: DiffColors, withExitCode: boolean): string {
  const order: CaseChange[] = ['regression', 'fixed', 'changed', 'added', 'removed', 'same'];
  const counts = order.map((ch) => w.counted(ch, d.cases.filter((x) => x.change === ch).length));
  const noChange = d.cases.every((x) => x.change === 'same') ? ` — ${w.noChange}` : '';
  const exit = d.regressions.length > 0 ? c.red(w.exit(d.regressions.length)) : c.green(w.exit(0));
  return `\n${c.bold(w.result)}${colon(lang)} ${counts.join(', ')}${noChange}${withExitCode ? ` · ${exit}` : ''}\n`;
}

/** The console text of a diff, ending with a line break. */
export function diffText(d: RunDiff, opts: DiffTextOptions): string {
  const { lang } = opts;
  const c = opts.color ?? NO_COLOR;
  const w = diffWords(lang);
  const max = opts.findingsPerCase ?? 8;
  let out = `${c.bold(w.title)}\n${runLine(w.oldRun, d.old, lang, c)}${runLine(w.newRun, d.new, lang, c)}`;
  if (d.caveats.length) {
    out += `\n${c.yellow(c.bold(w.caveats))}${colon(lang)}\n${d.caveats.map((m) => `  ${c.yellow('!')} ${msg(m, lang, 400)}\n`).join('')}`;
  }
  const changed = d.overall.old !== d.overall.new;
  const overall = `${overallWord(d.overall.old, lang)} → ${overallWord(d.overall.new, lang)}`;
  out += `\n${c.bold(w.overall)}${colon(lang)} ${changed ? c.bold(overall) : overall}\n`;
  for (const change of ['regression', 'fixed', 'changed', 'added', 'removed'] as const) out += section(change, d, w, lang, c, max);
  out += latencySection(d, w, lang, c);
  out += resultLine(d, w, lang, c, !opts.withoutExitCode);
  return out;
}
