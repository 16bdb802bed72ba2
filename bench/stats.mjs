/** Small helpers of the benchmark: timing loops and a plain-text table. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

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

/** Heading of the whole-process part of bench/results.md (process-bench.mjs); the in-process part comes before it. */
export const WHOLE_PROCESS = '## Whole process';

/**
 * A part of results.md as Markdown: its intro lines, the table, then the notes as a list.
 */
export function resultsPart(intro, header, body, notes) {
  return [...intro, '', markdownTable(header, body), '', ...notes.map((n) => `- ${n}`), ''].join('\n');
}

/**
 * Writes one part of `file` and keeps the other: 'in-process' is everything before the WHOLE_PROCESS
 * heading, 'whole-process' that heading and what follows.
 */
export function writeResultsPart(file, part, markdown) {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = old.indexOf(WHOLE_PROCESS);
  const inProcess = at >= 0 ? old.slice(0, at) : old;
  const wholeProcess = at >= 0 ? old.slice(at) : '';
  const [first, second] = part === 'in-process' ? [markdown, wholeProcess] : [inProcess, markdown];
  const joined = first && second ? `${first.replace(/\n*$/, '\n\n')}${second}` : first || second;
  writeFileSync(file, joined);
}
