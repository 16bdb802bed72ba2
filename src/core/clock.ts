/**
 * The one monotonic clock of the tool, in milliseconds (durations, time-outs, progress). From
 * process.hrtime rather than `performance.now()`: the first use of the `performance` global loads
 * node:perf_hooks and its eight internal modules, about 2 ms of a short `validate`.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
