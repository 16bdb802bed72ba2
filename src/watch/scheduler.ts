/**
 * The watch's clock and its sleep, behind one small interface so the tests drive a two-month watch
 * without waiting: the real one reads Date and sleeps on a timer that an AbortSignal (Ctrl-C,
 * SIGTERM) cuts short; a test's advances a fake time at once.
 */
import { setTimeout as sleepTimer } from 'node:timers/promises';

export interface Scheduler {
  now(): Date;
  /** Resolves after `ms`, or as soon as `signal` is aborted (never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realScheduler: Scheduler = {
  now: () => new Date(),
  async sleep(ms, signal) {
    if (signal?.aborted) return;
    try {
      await sleepTimer(ms, undefined, signal ? { signal } : {});
    } catch {
      // aborted: the watch stops between probes
    }
  },
};
