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
 * Writes one part of `file` and keeps the others. The parts: 'in-process' (everything before the first
 * `## ` heading, written by validate-bench.mjs), then one part per `## ` heading (WHOLE_PROCESS,
 * `## VSR`, `## Campaign`…), each from its heading to the next. A part other than 'in-process' is named by
 * its heading, which its markdown starts with; a new one goes at the end, an existing one keeps its place.
 */
export function writeResultsPart(file, part, markdown) {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const sections = old.split(/\n(?=## )/);
  const top = sections[0].startsWith('## ') ? '' : sections.shift();
  const body = markdown.replace(/\n*$/, '\n');
  if (part === 'in-process') {
    writeFileSync(file, [body, ...sections].map((x) => x.replace(/\n*$/, '\n')).join('\n'));
    return;
  }
  const heading = (x) => x.split('\n', 1)[0].trim();
  const at = sections.findIndex((x) => heading(x) === part);
  if (at >= 0) sections[at] = body;
  else sections.push(body);
  writeFileSync(
    file,
    [top, ...sections]
      .filter((x) => x)
      .map((x) => x.replace(/\n*$/, '\n'))
      .join('\n'),
  );
}
