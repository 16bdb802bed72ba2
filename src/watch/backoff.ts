/**
 * How long the watch waits before its next probe (pure). After a probe that did not pass, production
 * may be struggling: the wait doubles with each consecutive failure, up to BACKOFF_MAX_FACTOR times
 * `--every`, and comes back to `--every` after a success. Probes are spaced from start to start, so a
 * slow probe does not push the schedule (the wait never goes below zero).
 */

/** The longest wait, as a multiple of `--every`. */
export const BACKOFF_MAX_FACTOR = 4;

/** Wait factor after `failures` consecutive probes that did not pass: 1, 2, 4, 4… */
export function backoffFactor(failures: number): number {
  if (failures <= 0) return 1;
  return Math.min(BACKOFF_MAX_FACTOR, 2 ** failures);
}

/** Milliseconds from the end of a probe to the start of the next one. */
export function nextWait(o: { everyMs: number; failures: number; probeMs: number }): number {
  return Math.max(0, o.everyMs * backoffFactor(o.failures) - o.probeMs);
}
