/**
 * Makes sure a child service is stopped on every way out of the process: normal exit, `process.exit()`,
 * an uncaught exception (all end with the 'exit' event) and Ctrl-C / SIGINT, SIGTERM, SIGHUP.
 */

export const GUARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type GuardedSignal = (typeof GUARDED_SIGNALS)[number];

/** The part of `process` the guard uses (injectable for tests). */
export interface ProcessLike {
  readonly pid: number;
  on(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
  listenerCount(event: string): number;
  kill(pid: number, signal?: string): unknown;
}

/**
 * Registers `killNow` (synchronous: it must work inside the 'exit' event) for process exit and the
 * guarded signals. On a signal it kills the service, unregisters, and, when no one else listens to that
 * signal, raises it again so the process ends the way it would have without us (exit status 128+n).
 * When other listeners exist (e.g. a command that writes a partial report on Ctrl-C), ending the
 * process is left to them. Returns the function that unregisters everything (call it from stop()).
 */
export function guardProcessExit(killNow: () => void, proc: ProcessLike = process): () => void {
  let active = true;
  const onExit = (): void => killNow();
  const handlers = new Map<GuardedSignal, () => void>();
  const unregister = (): void => {
    if (!active) return;
    active = false;
    proc.off('exit', onExit);
    for (const [signal, handler] of handlers) proc.off(signal, handler);
  };
  for (const signal of GUARDED_SIGNALS) {
    const handler = (): void => {
      const alone = proc.listenerCount(signal) === 1;
      try {
        killNow();
      } finally {
        unregister();
        if (alone) proc.kill(proc.pid, signal);
      }
    };
    handlers.set(signal, handler);
    proc.on(signal, handler);
  }
  proc.on('exit', onExit);
  return unregister;
}
