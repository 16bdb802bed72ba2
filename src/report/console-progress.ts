/**
 * Where a run stands, for the console: the position of a case in the plan (`[37/92]`), the time since
 * the first case started and an estimate of the time left (the mean duration of the cases played times
 * the cases to come, less what the running case has already spent of it), and the one-line live view of it.
 * The clock is given (monotonic milliseconds), so the view is a pure function of the events and times.
 */
import type { Lang } from '../core/findings.js';
import type { CaseResult } from '../core/model.js';
import { CONSOLE_WORDS } from './console-words.js';
import type { CaseProgressEvent } from './types.js';

/** `[ 7/92]`: the index padded to the width of the total, so case lines stay aligned. */
export function position(index: number, total: number): string {
  return `[${String(index).padStart(String(total).length)}/${total}]`;
}

/** `42 s`, `3 min 5 s`, `1 h 02 min`: a duration on a clock's scale (whole seconds), for people. */
export function clockText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

export interface ProgressSnapshot {
  total: number;
  /** Cases ended. */
  done: number;
  /** The case running now, if a progress event said so since the last case ended. */
  running?: CaseProgressEvent;
  /** Since the first event (ms). */
  elapsedMs: number;
  /** Estimated time to the last case's end (ms); undefined before any case ended. */
  leftMs?: number;
}

export interface ProgressTracker {
  onProgress(p: CaseProgressEvent): void;
  onCaseEnd(r: CaseResult): void;
  snapshot(): ProgressSnapshot;
}

/**
 * Follows the events of a run on the reporter's own clock (`now`, monotonic ms: monotonicMs in the
 * CLI), so the times it shows agree with each other: a case's start is when its first event came (less
 * what that event says it had already spent), the mean duration is the time from the first case's start
 * to the last case's end over the cases ended (what a case costs, overheads included).
 */
export function progressTracker(total: number, now: () => number): ProgressTracker {
  let start: number | undefined;
  let done = 0;
  let playedMs = 0;
  let running: { event: CaseProgressEvent; at: number } | undefined;
  return {
    onProgress(p) {
      const t = now();
      const same = running && running.event.index === p.index && running.event.caseId === p.caseId;
      const at = same ? running!.at : t - p.elapsedMs;
      start ??= at;
      running = { event: p, at };
    },
    onCaseEnd(r) {
      const t = now();
      start ??= t - r.durationMs;
      done += 1;
      playedMs = t - start;
      running = undefined;
    },
    snapshot() {
      const t = now();
      const elapsedMs = start === undefined ? 0 : t - start;
      const out: ProgressSnapshot = { total, done, elapsedMs };
      if (running) out.running = { ...running.event, elapsedMs: Math.max(0, t - running.at) };
      if (done > 0) {
        const mean = playedMs / done;
        const toCome = Math.max(0, total - done - (running ? 1 : 0));
        const current = running ? Math.max(0, mean - out.running!.elapsedMs) : 0;
        out.leftMs = current + mean * toCome;
      }
      return out;
    },
  };
}

/** Cuts plain text to `width` characters (counted as code points), with an ellipsis. */
function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 1 ? '…'.slice(0, width) : `${chars.slice(0, width - 1).join('')}…`;
}

export interface LiveLineParts {
  /** `[37/92]`. */
  position: string;
  /** `34✓ 2✗`, already coloured; `tallyWidth` is its visible width. */
  tally: string;
  tallyWidth: number;
  /** `elapsed 1 min 12 s · ≈ 1 min 30 s left · CPTS-48H 12 s — latency 1 id, c=1: 4/10`, plain, cut to the width. */
  rest: string;
}

/**
 * The live line's parts: position, tally, then times and the running case (its id, its own time once
 * it passes a second, what its kind says it does), cut so the whole fits in `columns - 1` characters (a
 * line that wraps cannot be redrawn in place). `detail` is already made safe for the terminal.
 */
export function liveLine(
  s: ProgressSnapshot,
  tally: { text: string; width: number },
  lang: Lang,
  columns: number,
  detail?: string,
): LiveLineParts {
  const w = CONSOLE_WORDS[lang];
  const index = s.running ? s.running.index : s.done;
  const pos = position(index, s.total);
  const times = [`${w.elapsed} ${clockText(s.elapsedMs)}`, ...(s.leftMs !== undefined ? [w.left(clockText(s.leftMs))] : [])];
  const current = s.running
    ? [`${s.running.caseId}${s.running.elapsedMs >= 1000 ? ` ${clockText(s.running.elapsedMs)}` : ''}${detail ? ` — ${detail}` : ''}`]
    : [];
  const room = Math.max(0, columns - 1 - pos.length - 1 - tally.width - 3);
  return { position: pos, tally: tally.text, tallyWidth: tally.width, rest: fit([...times, ...current].join(' · '), room) };
}
