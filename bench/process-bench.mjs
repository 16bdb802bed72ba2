/**
 * Whole-process benchmark (part of `npm run bench`, after `npm run build`): what a user pays per command,
 * process start included, side by side with `node -e ''` (the floor) in the same loop. Rows: `--version`,
 * `--help`, `validate` of generated CPTS answers (1, 500 and 10,000 slots) cold (empty definitions cache,
 * each run) and warm (cache built), and `demo`. Medians of interleaved runs (the machine is shared: each
 * round runs every command once, so a busy moment hits all rows alike); peak RSS from GNU time when
 * /usr/bin/time is there.
 *
 *   npm run build && node bench/process-bench.mjs              # writes the "Whole process" part of bench/results.md
 *   node bench/process-bench.mjs --rounds 5 --no-demo --no-write
 *
 * Packages: SAS_RECETTE_PACKAGES, else ../shared/fhir-packages next to the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCptsBundle } from './cpts-bundle.mjs';
import { median, resultsPart, table, WHOLE_PROCESS, writeResultsPart } from './stats.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const BIN = join(ROOT, 'bin', 'sas-recette.js');
const RESULTS = join(HERE, 'results.md');
const NOW = '2026-03-02T08:00:00+01:00';
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Goals of issue #13 (ms, MB). */
const GOALS = {
  version: { ms: 150 },
  help: { ms: 150 },
  'validate 1 slot (warm)': { ms: 250, mb: 150 },
  'validate 500 slots (warm)': { ms: 350 },
  'validate 10000 slots (warm)': { ms: 1500, mb: 300 },
  demo: { ms: 5000 },
};

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function packageSources() {
  return process.env.SAS_RECETTE_PACKAGES ?? resolve(ROOT, '../shared/fhir-packages');
}

/** Runs one command once: wall ms (measured here, around the whole child) and peak RSS MB (GNU time). */
function measure(argv, env) {
  const rssFile = join(work, 'rss');
  const cmd = GNU_TIME ? GNU_TIME : argv[0];
  const args = GNU_TIME ? ['-f', '%M', '-o', rssFile, ...argv] : argv.slice(1);
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const mb = GNU_TIME && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024 : NaN;
  return { ms, mb, status: r.status, stderr: r.stderr };
}

const work = mkdtempSync(join(tmpdir(), 'sas-process-bench-'));
const warmCache = join(work, 'cache-warm');
const rounds = Number(arg('--rounds') ?? 9);
const withDemo = !process.argv.includes('--no-demo');

function bundleFile(slots) {
  const file = join(work, `cpts-${slots}.json`);
  const { bundle } = generateCptsBundle({ slots, now: new Date(NOW) });
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? tmpdir(), NO_COLOR: '1', SAS_RECETTE_PACKAGES: packageSources() };
const warmEnv = { ...baseEnv, SAS_RECETTE_CACHE: warmCache };
const validate = (file) => [process.execPath, BIN, 'validate', file, '--use-case', 'cpts', '--now', NOW, '--format', 'json'];

const one = bundleFile(1);
const rows = [
  { name: "node -e ''", argv: [process.execPath, '-e', ''], env: baseEnv },
  { name: 'version', argv: [process.execPath, BIN, '--version'], env: warmEnv },
  { name: 'help', argv: [process.execPath, BIN, '--help'], env: warmEnv },
  { name: 'validate 1 slot (cold)', argv: validate(one), env: () => ({ ...baseEnv, SAS_RECETTE_CACHE: mkdtempSync(join(work, 'cold-')) }) },
  { name: 'validate 1 slot (warm)', argv: validate(one), env: warmEnv },
  { name: 'validate 500 slots (warm)', argv: validate(bundleFile(500)), env: warmEnv },
  { name: 'validate 10000 slots (warm)', argv: validate(bundleFile(10000)), env: warmEnv },
];
if (withDemo) {
  rows.push({ name: 'demo', argv: [process.execPath, BIN, 'demo', '--out', join(work, 'reports')], env: warmEnv, rounds: 3 });
}

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  process.stderr.write('bench: dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}
// build the warm cache once (a validate run does it), and say how long that first run took
const first = measure(validate(one), warmEnv);
if (first.status !== 0 && first.status !== 1) {
  process.stderr.write(`bench: validate failed (exit ${first.status}):\n${first.stderr}\n`);
  process.exit(1);
}

const samples = new Map(rows.map((r) => [r.name, []]));
for (let round = 0; round < rounds; round++) {
  process.stderr.write(`bench: round ${round + 1}/${rounds}\n`);
  for (const row of rows) {
    if (round >= (row.rounds ?? rounds)) continue;
    const env = typeof row.env === 'function' ? row.env() : row.env;
    const m = measure(row.argv, env);
    if (m.status !== 0 && m.status !== 1) {
      process.stderr.write(`bench: ${row.name} failed (exit ${m.status}):\n${m.stderr}\n`);
      process.exit(1);
    }
    samples.get(row.name).push(m);
  }
}
rmSync(work, { recursive: true, force: true });

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const floor = median(samples.get("node -e ''").map((s) => s.ms));
const HEADER = ['command', 'runs', 'median ms', 'fastest ms', 'over floor ms', 'peak RSS MB', 'goal', 'met'];
const body = rows.map((row) => {
  const list = samples.get(row.name);
  const ms = median(list.map((s) => s.ms));
  const mb = Math.max(...list.map((s) => s.mb));
  const goal = GOALS[row.name];
  const met = goal ? ms <= goal.ms && (goal.mb === undefined || !(mb > goal.mb)) : undefined;
  return [
    row.name,
    String(list.length),
    fmt(ms),
    fmt(Math.min(...list.map((s) => s.ms))),
    row.name === "node -e ''" ? '—' : fmt(ms - floor),
    fmt(mb),
    goal ? `≤ ${goal.ms} ms${goal.mb ? `, ≤ ${goal.mb} MB` : ''}` : '',
    met === undefined ? '' : met ? 'yes' : 'NO',
  ];
});
const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const notes = [
  `First \`validate\` of one slot with an empty definitions cache (builds it): ${fmt(first.ms)} ms, ${fmt(first.mb)} MB peak RSS.`,
  `Load average at the end (1 / 5 / 15 min): ${load} on ${cpus().length} cores.`,
];
process.stdout.write(`\n${table(HEADER, body)}\n\n${notes.join('\n')}\n`);

if (!process.argv.includes('--no-write')) {
  const section = resultsPart(
    [
      WHOLE_PROCESS,
      '',
      `Run of \`node bench/process-bench.mjs\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}. Whole processes as a user starts them (\`node bin/sas-recette.js …\`), medians of ${rounds} interleaved rounds (demo: ${Math.min(3, rounds)}), \`node -e ''\` measured in the same rounds as the floor. **cold** = an empty definitions cache for each run (the first run after a package or tool change); **warm** = the cache built. \`validate\` inputs are the benchmark's generated CPTS answers, judged at a pinned instant (\`--now\`), JSON output. **fastest** = the quickest of the rounds: on this shared machine, other jobs slow whole rounds down (the same run can take a third longer minutes later), and the fastest run is the closest to what the command itself costs.`,
    ],
    HEADER,
    body,
    notes,
  );
  writeResultsPart(RESULTS, WHOLE_PROCESS, section);
  process.stdout.write(`\nwritten: the "${WHOLE_PROCESS}" part of bench/results.md\n`);
}
