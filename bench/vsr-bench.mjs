/**
 * Benchmark of `sas-recette vsr` on a generated 60-day, 15-minute history (5,760 probes, with the
 * outages, slow day and failing rule of bench/vsr-history.mjs): time and peak memory
 * - in-process: reading the history, drawing the figures and rendering the PV VSR (the compiled modules
 *   of dist/), medians over repeated runs in this process, heap growth and peak RSS of the process;
 * - whole process: `node bin/sas-recette.js vsr HISTORY --force` as a user starts it, medians of several
 *   runs, peak RSS from GNU time when /usr/bin/time is there.
 * Its results are the `## VSR` part of bench/results.md (after the other parts, which are kept).
 *
 *   npm run build && node --expose-gc bench/vsr-bench.mjs            # writes the part
 *   node bench/vsr-bench.mjs --runs 3 --no-write [--unbundled]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, resultsPart, table, writeResultsPart } from './stats.mjs';
import { generateHistory } from './vsr-history.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const BIN = join(ROOT, 'bin', 'sas-recette.js');
const RESULTS = join(HERE, 'results.md');
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const VSR_HEADING = '## VSR';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('--runs') ?? 7);
/** `--unbundled`: the whole process runs the modules of dist/ instead of the esbuild bundle (SAS_RECETTE_UNBUNDLED=1). */
const unbundled = process.argv.includes('--unbundled');

if (!existsSync(join(ROOT, 'dist', 'report', 'vsr', 'index.js'))) {
  process.stderr.write('vsr-bench: dist/ is missing or old: run `npm run build` first\n');
  process.exit(2);
}
const vsr = await import(pathToFileURL(join(ROOT, 'dist', 'report', 'vsr', 'index.js')).href);

const work = mkdtempSync(join(tmpdir(), 'sas-vsr-bench-'));
const history = join(work, 'history.jsonl');
const t0 = performance.now();
const gen = generateHistory();
writeFileSync(history, gen.text);
const generateMs = performance.now() - t0;
const historyMb = statSync(history).size / (1024 * 1024);

// in-process: read + figures + render, each step timed
const meta = { historyLabel: 'history.jsonl', tool: 'sas-recette bench', command: 'sas-recette vsr history.jsonl' };
async function once() {
  const a = performance.now();
  const h = await vsr.readHistory(history);
  const b = performance.now();
  const report = vsr.computeVsr(h);
  const c = performance.now();
  const html = vsr.renderVsrPv(report, { lang: 'fr', meta });
  const d = performance.now();
  return { read: b - a, compute: c - b, render: d - c, total: d - a, htmlKb: html.length / 1024, report };
}
const heapBefore = process.memoryUsage().heapUsed;
const first = await once(); // cold: module code compiled on the way
globalThis.gc?.();
const samples = [];
for (let i = 0; i < runs; i++) samples.push(await once());
const heapAfter = process.memoryUsage().heapUsed;
const inProcessRss = process.resourceUsage().maxRSS / 1024;
const med = (key) => median(samples.map((s) => s[key]));

// whole process
function measure() {
  const rssFile = join(work, 'rss');
  const argv = [process.execPath, BIN, 'vsr', history, '--force'];
  const cmd = GNU_TIME ?? argv[0];
  const args = GNU_TIME ? ['-f', '%M', '-o', rssFile, ...argv] : argv.slice(1);
  const a = performance.now();
  const r = spawnSync(cmd, args, {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? tmpdir(),
      NO_COLOR: '1',
      ...(unbundled ? { SAS_RECETTE_UNBUNDLED: '1' } : {}),
    },
    encoding: 'utf8',
  });
  const ms = performance.now() - a;
  if (r.status !== 0) {
    process.stderr.write(`vsr-bench: vsr exited ${r.status}:\n${r.stderr}\n`);
    process.exit(1);
  }
  const mb = GNU_TIME && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024 : NaN;
  return { ms, mb };
}
const whole = [];
for (let i = 0; i < runs; i++) whole.push(measure());
const floor = [];
for (let i = 0; i < runs; i++) {
  const a = performance.now();
  spawnSync(process.execPath, ['-e', '']);
  floor.push(performance.now() - a);
}
rmSync(work, { recursive: true, force: true });

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const HEADER = ['measure', 'runs', 'median ms', 'read ms', 'figures ms', 'render ms', 'peak RSS MB'];
const body = [
  ['in-process, first run', '1', fmt(first.total), fmt(first.read), fmt(first.compute), fmt(first.render), '—'],
  ['in-process', String(runs), fmt(med('total')), fmt(med('read')), fmt(med('compute')), fmt(med('render')), fmt(inProcessRss)],
  [
    'whole process (`node bin/sas-recette.js vsr`)',
    String(runs),
    fmt(median(whole.map((w) => w.ms))),
    '',
    '',
    '',
    fmt(median(whole.map((w) => w.mb))),
  ],
  ["node -e '' (floor)", String(runs), fmt(median(floor)), '', '', '', ''],
];
process.stdout.write(`${table(HEADER, body)}\n`);

const r = first.report;
const intro = [
  VSR_HEADING,
  '',
  `Run of \`node bench/vsr-bench.mjs\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}. ` +
    `Input: a generated 60-day history, one probe every 15 minutes (${gen.records.length} probes of 3 checks, ${fmt(historyMb, 1)} MB; bench/vsr-history.mjs, generated in ${fmt(generateMs)} ms) ` +
    `with ${r.incidents.length} incidents, one slow day and one failing rule. PV VSR: ${fmt(first.htmlKb)} kB of HTML.`,
];
const notes = [
  '**in-process**: the compiled modules of dist/ (`readHistory` streaming the file, `computeVsr`, `renderVsrPv`), medians after the first run; peak RSS = this process after all runs (Node included).',
  `Heap growth over the in-process runs (after a GC before them): ${fmt((heapAfter - heapBefore) / (1024 * 1024), 1)} MB.`,
  `**whole process**: the command as a user starts it (${unbundled ? 'the modules of dist/, `--unbundled`' : 'the esbuild bundle'}), PV written (\`--force\`), no PDF; peak RSS from GNU time.`,
  `Load average at the end (1 / 5 / 15 min): ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} on ${cpus().length} cores (shared machine: absolute times move with its load).`,
];
const part = resultsPart(intro, HEADER, body, notes);

if (!process.argv.includes('--no-write')) {
  writeResultsPart(RESULTS, VSR_HEADING, part);
  process.stderr.write(`vsr-bench: wrote the ${VSR_HEADING} part of ${RESULTS}\n`);
}
