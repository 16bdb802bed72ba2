/**
 * Ctrl-C (SIGINT) and SIGTERM during a watch: the first one asks the watch to stop between probes (a
 * probe in flight finishes and its line is written, then the summary is printed and the process exits
 * 130 / 143, as a run does); a second one exits at once. The process's signals are injectable for tests.
 */
import type { Message } from '../core/findings.js';
import { INTERRUPT_EXIT_CODES, INTERRUPT_SIGNALS, type InterruptSignal, type SignalProcess } from '../run/interrupt.js';

const SAY_FIRST: Message = {
  fr: 'arrêt demandé : la sonde en cours se termine, puis le bilan (Ctrl-C de nouveau pour quitter tout de suite)',
  en: 'stop requested: the probe in flight finishes, then the summary (Ctrl-C again to quit at once)',
};
const SAY_SECOND: Message = { fr: 'second signal : arrêt immédiat', en: 'second signal: quitting at once' };

export interface StopSignals {
  readonly signal: AbortSignal;
  /** 130 / 143 once a signal came. */
  exitCode(): number | undefined;
  dispose(): void;
}

export function listenForStop(say: (m: Message) => void, proc: SignalProcess = process): StopSignals {
  const controller = new AbortController();
  let code: number | undefined;
  const handlers = new Map<InterruptSignal, () => void>();
  for (const sig of INTERRUPT_SIGNALS) {
    const handler = (): void => {
      if (code !== undefined) {
        say(SAY_SECOND);
        proc.exit(code);
        return;
      }
      code = INTERRUPT_EXIT_CODES[sig];
      say(SAY_FIRST);
      controller.abort(sig);
    };
    handlers.set(sig, handler);
    proc.on(sig, handler);
  }
  return {
    signal: controller.signal,
    exitCode: () => code,
    dispose() {
      for (const [sig, handler] of handlers) proc.off(sig, handler);
      handlers.clear();
    },
  };
}
