/**
 * Ctrl-C (SIGINT) or SIGTERM during a run: nothing already played is lost. The first signal aborts the
 * run's `signal`: the case in flight is abandoned and every case not yet played ends `skipped` with the
 * reason "interrupted", so the run's reports (run.json, JUnit, PV) are still written with the cases
 * played, the run marked `interrupted: { at, signal }` and not valid for an acceptance; the process then
 * exits 130 (SIGINT) or 143 (SIGTERM), the codes a shell gives a command ended by those signals. A
 * second signal exits at once (the reference editor's PKI and the official validator are still removed
 * by their own exit guards, src/official/lifecycle.ts).
 * Hand-written: signal handling is the process's own lifecycle, which no library models for us.
 */
import type { KindOutcome } from '../cahier/kinds.js';
import type { Message } from '../core/findings.js';
import type { RunInterruption, RunResult } from '../core/model.js';
import { formatParis } from '../sas/time.js';

export const INTERRUPT_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type InterruptSignal = (typeof INTERRUPT_SIGNALS)[number];

/** 128 + the signal's number: what a shell reports for a command ended by it. */
export const INTERRUPT_EXIT_CODES: Readonly<Record<InterruptSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

/** The part of `process` the watch uses (injectable for tests). */
export interface SignalProcess {
  on(event: InterruptSignal, listener: () => void): unknown;
  off(event: InterruptSignal, listener: () => void): unknown;
  exit(code: number): never | void;
}

export interface InterruptWatch {
  /** Aborted at the first signal. */
  readonly signal: AbortSignal;
  /** Set at the first signal. */
  interruption(): RunInterruption | undefined;
  /** 130 / 143 once interrupted. */
  exitCode(): number | undefined;
  /**
   * Stops listening. Once interrupted, the process is made to end soon with the exit code even if an
   * abandoned request still holds the event loop (it would otherwise wait for its time-out).
   */
  dispose(): void;
}

const SAY_FIRST: Message = {
  fr: 'interruption demandée : les rapports des cas déjà joués sont écrits (Ctrl-C de nouveau pour quitter tout de suite)',
  en: 'interrupted: writing the reports of the cases already played (Ctrl-C again to quit at once)',
};
const SAY_SECOND: Message = { fr: 'second signal : arrêt immédiat, sans rapports', en: 'second signal: quitting at once, without reports' };

/** Listens for SIGINT / SIGTERM during a run; `say` prints one line on stderr. */
export function watchInterrupt(
  say: (text: string) => void,
  proc: SignalProcess = process,
  clock: () => Date = () => new Date(),
): InterruptWatch {
  const controller = new AbortController();
  let interrupted: RunInterruption | undefined;
  let code: number | undefined;
  const handlers = new Map<InterruptSignal, () => void>();
  for (const sig of INTERRUPT_SIGNALS) {
    const handler = (): void => {
      if (interrupted) {
        say(`\n${SAY_SECOND.en} / ${SAY_SECOND.fr}\n`);
        proc.exit(code ?? INTERRUPT_EXIT_CODES[sig]);
        return;
      }
      interrupted = { at: formatParis(clock()), signal: sig };
      code = INTERRUPT_EXIT_CODES[sig];
      say(`\n${sig} — ${SAY_FIRST.en}\n${sig} — ${SAY_FIRST.fr}\n`);
      controller.abort(sig);
    };
    handlers.set(sig, handler);
    proc.on(sig, handler);
  }
  let disposed = false;
  return {
    signal: controller.signal,
    interruption: () => interrupted,
    exitCode: () => code,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const [sig, handler] of handlers) proc.off(sig, handler);
      if (code !== undefined) {
        const exitCode = code;
        // unref: a process whose event loop empties ends by itself first, with process.exitCode
        setTimeout(() => proc.exit(exitCode), 500).unref();
      }
    },
  };
}

/** The reason of a case not played because the run was interrupted. */
export function interruptedReason(signal: string): Message {
  return { fr: `non exécuté : recette interrompue (${signal})`, en: `not run: the run was interrupted (${signal})` };
}

/** The outcome of a case not played (or abandoned in flight) because the run was interrupted. */
export function interruptedOutcome(signal: string): KindOutcome {
  return { exchanges: [], findings: [], skip: interruptedReason(signal) };
}

/** `work`, or `onAbort()` as soon as `signal` is aborted (the work is then abandoned, never awaited). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => T): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => resolve(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', abort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(e);
      },
    );
  });
}

/**
 * The run marked interrupted: the `interrupted` field, a note first among the run's notes (console and
 * PV show it), and not valid for an acceptance (cases were not played).
 */
export function markInterrupted(run: RunResult, interruption: RunInterruption): RunResult {
  const reason = interruptedReason(interruption.signal).en;
  const notRun = run.cases.filter((c) => c.verdict === 'skipped' && c.reason?.en === reason).length;
  const played = run.cases.length - notRun;
  const note: Message = {
    fr: `Recette interrompue (${interruption.signal}) le ${interruption.at} : ${played} cas joué(s) conservé(s), ${notRun} cas non exécuté(s). Cette exécution ne vaut pas recette.`,
    en: `Run interrupted (${interruption.signal}) at ${interruption.at}: ${played} case(s) played and kept, ${notRun} case(s) not run. This run is not a valid acceptance.`,
  };
  return {
    ...run,
    interrupted: { ...interruption, played, notRun },
    setupNotes: [note, ...run.setupNotes],
    summary: { ...run.summary, validForAcceptance: false },
  };
}
