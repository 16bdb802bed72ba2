/**
 * The schedule of a watch (no I/O of its own: the probe, the clock and the sleep are given): `--once`
 * plays one probe; otherwise probes start every `--every` until `--for` has passed, with the back-off
 * of src/watch/backoff.ts after probes that did not pass. A stop request (Ctrl-C, SIGTERM) is honoured
 * between probes: a probe in flight finishes and its line is written, the sleep is cut short.
 */
import type { ProbeRecord } from '../core/probe-record.js';
import { backoffFactor, nextWait } from './backoff.js';
import type { Scheduler } from './scheduler.js';

export interface WatchSchedule {
  once: boolean;
  everyMs: number;
  forMs: number;
}

export interface WatchLoopInput {
  schedule: WatchSchedule;
  scheduler: Scheduler;
  probe: () => Promise<ProbeRecord>;
  /** Aborted by Ctrl-C / SIGTERM. */
  stop: AbortSignal;
  /** After each probe: its record, and the wait before the next one (undefined: none follows). */
  onProbe?: (record: ProbeRecord, next?: { waitMs: number; factor: number }) => void;
}

export interface WatchLoopResult {
  records: ProbeRecord[];
  /** Ended by a stop request rather than by `--once` or the end of `--for`. */
  stopped: boolean;
}

export async function watchLoop(input: WatchLoopInput): Promise<WatchLoopResult> {
  const { schedule, scheduler, stop } = input;
  const records: ProbeRecord[] = [];
  const endAt = scheduler.now().getTime() + schedule.forMs;
  let failures = 0;
  for (;;) {
    if (stop.aborted) return { records, stopped: true };
    const started = scheduler.now().getTime();
    const record = await input.probe();
    records.push(record);
    failures = record.verdict === 'passed' ? 0 : failures + 1;
    if (schedule.once) {
      input.onProbe?.(record);
      return { records, stopped: false };
    }
    const now = scheduler.now().getTime();
    const waitMs = nextWait({ everyMs: schedule.everyMs, failures, probeMs: now - started });
    const last = now + waitMs >= endAt || stop.aborted;
    input.onProbe?.(record, last ? undefined : { waitMs, factor: backoffFactor(failures) });
    if (stop.aborted) return { records, stopped: true };
    // the last wait runs to the end of --for, then the watch ends
    await scheduler.sleep(Math.min(waitMs, Math.max(0, endAt - now)), stop);
    if (stop.aborted) return { records, stopped: true };
    if (scheduler.now().getTime() >= endAt) return { records, stopped: false };
  }
}
