/**
 * Console reporter. On an interactive terminal (not under CI): one live line on stderr, redrawn at each
 * event: the position in the plan (`[37/92]`), the tally, the time since the first case and an estimate of
 * the time left, the running case and what its kind says it does (console-progress.ts). Otherwise quiet
 * but for one line per case, `[37/92]` first (its verdict in a symbol and a word; the reason of a case
 * not judged, or the first reserve of a case passed with reserves, on the same line). At the end, short
 * whatever the run: the failures grouped by root cause (console-failures.ts), the run notes and the
 * summary: counts of each verdict, the PV's overall verdict and the mode that produced it, "not valid for
 * acceptance" when so, the blocking cases, the reserves by kind. One language per run, with its typography
 * (console-words.ts). Colour comes from the CLI's decision (NO_COLOR, --no-color, TTY). Endpoint text goes
 * through the one terminal sanitiser (terminal.ts) and findings through the one finding-line renderer
 * (finding-line.ts) that `validate` uses too.
 */
import type { ChalkInstance } from 'chalk';
import { textOf, type Lang, type Message } from '../core/findings.js';
import type { CaseResult, Reserve, ReserveKind, RunOfficial, RunResult, VerdictCounts } from '../core/model.js';
import {
  acceptanceValidity,
  caseReserves,
  caseState,
  caseTitle,
  decidingFindings,
  RESERVE_KIND_ORDER,
  reservesByKind,
  verdictReason,
  type CaseState,
} from './case-view.js';
import { CASE_MARK, failuresByCause, fitIds } from './console-failures.js';
import { liveLine, position, progressTracker } from './console-progress.js';
import { count, CONSOLE_WORDS, plural } from './console-words.js';
import { humanMs, oneLine } from './format.js';
import { terminalSafe, terminalSafeLines } from './terminal.js';
import type { Reporter } from './types.js';
import { colon } from '../core/typography.js';
import { monotonicMs } from '../core/clock.js';

export interface ConsoleReporterOptions {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  color: ChalkInstance;
  lang: Lang;
  /** Redraw one progress line on stderr instead of printing a line per case. */
  live: boolean;
  /** Number of cases planned (for the progress count). */
  total: number;
  /** Deciding findings printed for the first case of a cause before "… and N more". */
  maxFindings?: number;
  /** Width of the terminal, so the live line never wraps (default 80). */
  columns?: number;
  /** Monotonic clock in ms for the elapsed time and the estimate (default monotonicMs, src/core/clock.ts). */
  now?: () => number;
}

/** Interactive terminal, not CI: the progress line may be redrawn. */
export function wantsLiveProgress(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  return isTTY && (env.CI === undefined || env.CI === '' || env.CI === 'false' || env.CI === '0');
}

/** Lines printed per list of the summary (blocking cases, reserves of one kind) before "… and N more". */
const LIST_MAX = 5;

/** Characters of case ids on one line before "… and N more". */
const IDS_WIDTH = 100;

/** `\r` + erase line: the live line is redrawn in place. */
const REDRAW = '\r\u001b[2K';

export function consoleReporter(o: ConsoleReporterOptions): Reporter {
  const c = o.color;
  const lang = o.lang;
  const w = CONSOLE_WORDS[lang];
  const cn = colon(lang);
  const progress = progressTracker(o.total, o.now ?? (() => monotonicMs()));
  const counts: Record<CaseState, number> = { passed: 0, 'passed-with-reserves': 0, failed: 0, error: 0, skipped: 0, 'not-applicable': 0 };
  const paint: Record<CaseState, (s: string) => string> = {
    passed: c.green,
    'passed-with-reserves': c.yellow,
    failed: c.red,
    error: c.magenta,
    skipped: c.gray,
    'not-applicable': c.cyan,
  };
  const text = (m: Message, width = 400): string => terminalSafe(oneLine(textOf(m, lang), width));

  /** `[ 2/92] ✓ passed  ID  Title (12 ms)`, then on the same line why a case was not judged, or its first reserve. */
  function caseLine(r: CaseResult, index: number): string {
    const state = caseState(r);
    const head = `${c.dim(position(index, o.total))} ${paint[state](`${CASE_MARK[state]} ${w.state[state]}`)}  ${c.bold(terminalSafe(r.id))}  ${terminalSafe(oneLine(caseTitle(r, lang), 100))} ${c.dim(`(${humanMs(r.durationMs, lang)})`)}`;
    if ((state === 'skipped' || state === 'not-applicable') && r.reason)
      return `${head} — ${c.dim(`${w.reason}${cn}`)} ${text(r.reason, 200)}\n`;
    if (state === 'passed-with-reserves') {
      const lines = caseReserves(r, lang);
      const more = lines.length > 1 ? c.dim(` (${w.more(lines.length - 1)})`) : '';
      return `${head} — ${c.dim(`${w.reserve}${cn}`)} ${terminalSafe(oneLine(lines[0], 100))}${more}\n`;
    }
    return `${head}\n`;
  }

  /**
   * Why a case has its verdict, in one line made safe: its reason, else its first deciding finding
   * (`rule location : message`, the colon as the language writes it), else what its transport met.
   */
  function whyText(r: CaseResult): string | undefined {
    const first = r.reason ? undefined : decidingFindings(r)[0];
    if (!first) {
      const why = verdictReason(r, lang);
      return why === undefined ? undefined : terminalSafe(oneLine(why, 200));
    }
    return `${terminalSafe(oneLine(`${first.ruleId} ${first.location}`, 120))}${cn} ${text(first.message, 200)}`;
  }

  /** The live line's tally: passed, failed, then the other states met so far. */
  function tally(): { text: string; width: number } {
    const passed = counts.passed + counts['passed-with-reserves'];
    const parts: Array<[string, (s: string) => string]> = [
      [`${passed}✓`, c.green],
      [`${counts.failed}✗`, c.red],
      ...(['error', 'skipped', 'not-applicable'] as const)
        .filter((k) => counts[k] > 0)
        .map((k) => [`${counts[k]}${CASE_MARK[k]}`, paint[k]] as [string, (s: string) => string]),
    ];
    return { text: parts.map(([t, p]) => p(t)).join(' '), width: parts.reduce((n, [t]) => n + [...t].length, 0) + parts.length - 1 };
  }

  function redraw(): void {
    const s = progress.snapshot();
    const detail = s.running?.detail ? text(s.running.detail, 200) : undefined;
    const line = liveLine(s, tally(), lang, o.columns ?? 80, detail);
    o.stderr(`${REDRAW}${line.position} ${line.tally} ${c.dim('·')} ${line.rest}`);
  }

  function countsLine(g: VerdictCounts, withReserves: number): string {
    const na = g['not-applicable'] ?? 0;
    const says = (n: number, k: keyof typeof w.counted): string => count(n, lang, ...w.counted[k]);
    const passed = `${says(g.passed, 'passed')}${withReserves ? ` (${w.withReserves(withReserves)})` : ''}`;
    return [
      g.passed ? c.green(passed) : passed,
      g.failed ? c.red(says(g.failed, 'failed')) : says(0, 'failed'),
      g.error ? c.magenta(says(g.error, 'error')) : says(0, 'error'),
      g.skipped ? c.gray(says(g.skipped, 'skipped')) : says(0, 'skipped'),
      na ? c.cyan(says(na, 'not-applicable')) : says(0, 'not-applicable'),
    ].join(', ');
  }

  function officialLine(off: RunOfficial): string {
    const what = off.unavailable
      ? c.yellow(w.officialUnavailable)
      : `${terminalSafe(off.jar)}${off.version ? ` ${terminalSafe(off.version)}` : ''} — ${w.disagreements(off.disagreements)}; ${off.gates ? w.gates : w.noGates}`;
    return `  ${w.official}${cn} ${what}\n`;
  }

  /**
   * Reserves of one message on one line: `ref — message`, the refs joined when several share it (24
   * transport cases not applicable over plain HTTP say it once), with the cases that met them for a
   * not-checked element.
   */
  function reserveLine(same: Reserve[]): string {
    const refs = same.map((r) => r.ref);
    const met = [...new Set(same.flatMap((r) => r.cases ?? []))].filter((x) => !refs.includes(x));
    const seen = fitIds(met, IDS_WIDTH * 0.6);
    const cases = met.length ? c.dim(` (${w.seenIn} ${seen.shown.join(', ')}${seen.rest > 0 ? `, ${w.more(seen.rest)}` : ''})`) : '';
    const ids = same.length === 1 ? { shown: [terminalSafe(oneLine(refs[0], 120))], rest: 0 } : fitIds(refs, IDS_WIDTH * 0.6);
    const shown = `${ids.shown.join(', ')}${ids.rest > 0 ? `, ${w.more(ids.rest)}` : ''}`;
    return `      ${c.bold(shown)} — ${text(same[0].message, 300)}${cases}\n`;
  }

  /** The reserves of one kind, those of one message together, at most LIST_MAX lines. */
  function reserveLines(kind: ReserveKind, reserves: Reserve[]): string {
    // Minor failed cases are in the table of causes already: their ids, and where to read why.
    if (kind === 'failed-minor') {
      const ids = fitIds(
        reserves.map((r) => r.ref),
        IDS_WIDTH,
      );
      return `      ${ids.shown.join(', ')}${ids.rest > 0 ? `, ${w.more(ids.rest)}` : ''} ${c.dim(`— ${w.inCauses}`)}\n`;
    }
    const byMessage = new Map<string, Reserve[]>();
    for (const r of reserves) {
      const key = textOf(r.message, lang);
      byMessage.set(key, [...(byMessage.get(key) ?? []), r]);
    }
    const groups = [...byMessage.values()];
    let out = groups.slice(0, LIST_MAX).map(reserveLine).join('');
    if (groups.length > LIST_MAX) out += `      ${c.dim(w.more(groups.length - LIST_MAX))}\n`;
    return out;
  }

  function summaryBlock(run: RunResult): string {
    const s = run.summary;
    const withReserves = (group?: string): number =>
      run.cases.filter((x) => (group === undefined || x.group === group) && caseState(x) === 'passed-with-reserves').length;
    const total = (n: number): string => `${count(n, lang, ...w.cases)}${cn}`;
    let out = `\n${c.bold(w.summary)}\n`;
    for (const [group, g] of Object.entries(s.byGroup)) {
      out += `  ${terminalSafe(group).padEnd(12)} ${total(g.total)} ${countsLine(g, withReserves(group))}\n`;
    }
    out += `  ${w.all.padEnd(12)} ${total(s.total)} ${countsLine(s, withReserves())}\n`;
    const verdictColor = s.overall === 'favorable' ? c.green : s.overall === 'unfavorable' ? c.red : c.yellow;
    const passedWord = plural(s.passed, lang, ...w.counted.passed);
    out += `  ${c.bold(w.verdict)}${cn} ${verdictColor(c.bold(w[s.overall]))} — ${s.passed}/${s.total} ${passedWord} — ${w.mode[s.mode ?? 'standard']}\n`;
    const validity = acceptanceValidity(run);
    if (validity.notValid) {
      const why = validity.causes.map((k) => w.kind[k]).join(', ');
      out += `  ${c.red(c.bold(`${w.notValid}${why ? ` (${why})` : ''}`))}\n`;
    }
    const blocking = s.blocking ?? [];
    if (blocking.length > 0) {
      out += `  ${c.bold(w.blockingCases)} (${blocking.length})${cn}\n`;
      // A few: each with its title and why. Many: their ids only, the table of causes above says why.
      if (blocking.length <= LIST_MAX) {
        for (const id of blocking) {
          const bc = run.cases.find((x) => x.id === id);
          const why = bc ? whyText(bc) : undefined;
          out += `      ${c.red(terminalSafe(id))}${bc ? ` ${terminalSafe(oneLine(caseTitle(bc, lang), 100))}` : ''}${why ? c.dim(` — ${why}`) : ''}\n`;
        }
      } else {
        const ids = fitIds(blocking, IDS_WIDTH);
        out += `      ${ids.shown.map((id) => c.red(id)).join(', ')}\n`;
        if (ids.rest > 0) out += `      ${c.dim(w.moreBlocking(ids.rest))}\n`;
      }
    }
    const groups = reservesByKind(
      s.reserves,
      RESERVE_KIND_ORDER.filter((k) => k !== 'insecure' && k !== 'nothing-judged'),
    );
    if (groups.length > 0) {
      out += `  ${c.bold(w.reserves)}${cn}\n`;
      for (const g of groups) {
        out += `    ${c.yellow(w.kind[g.kind])} (${g.reserves.length})${cn}\n`;
        out += reserveLines(g.kind, g.reserves);
      }
    }
    return out;
  }

  let done = 0;
  return {
    name: 'console',
    onCaseEnd(r) {
      done += 1;
      counts[caseState(r)] += 1;
      progress.onCaseEnd(r);
      if (o.live) redraw();
      else o.stdout(caseLine(r, done));
    },
    onProgress(p) {
      // A case starting, then a heartbeat about every second while it runs: the live line is redrawn
      // (its clock and estimate move on). Without a live line, nothing: a log gets one line per case.
      progress.onProgress(p);
      if (o.live) redraw();
    },
    onRunEnd(run: RunResult) {
      if (o.live) o.stderr(REDRAW);
      let out = failuresByCause(run, { lang, color: c, maxFindings: o.maxFindings ?? 4 });
      if (run.setupNotes.length > 0) {
        out += `\n${c.bold(w.notes)}\n`;
        for (const n of run.setupNotes) out += `  ${c.yellow('•')} ${terminalSafeLines(textOf(n, lang))}\n`;
      }
      out += summaryBlock(run);
      if (run.official) out += officialLine(run.official);
      o.stdout(out);
      return [];
    },
  };
}
