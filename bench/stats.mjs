/** Small helpers of the benchmark: timing loops and a plain-text table. */

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `fn` `warmup` times unmeasured, then `runs` times; returns the durations in ms. One full GC
 * before the series only: a forced GC before each run leaves concurrent sweeping running during the
 * measured call and made medians 1.5–3× worse.
 */
export function timeRuns(fn, { warmup, runs }) {
  for (let i = 0; i < warmup; i++) fn();
  globalThis.gc?.();
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Right-aligned columns except the first; `rows` are arrays of strings. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Markdown version of the same table. */
export function markdownTable(header, rows) {
  const esc = (c) => c.replaceAll('|', '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
