/**
 * Campaign benchmark (part of `npm run bench`, after `npm run build`): time and peak memory of
 * `sas-recette campaign` on 300 runs, as a user starts it (whole process). The runs: one real run of the
 * shipped search cases against the reference editor with a defect (in-process, loopback), copied 300
 * times as 100 editors × 3 runs a day apart, each copy with its own run id, date and identification;
 * the third run of every other editor has the defect fixed (its blocking cases passed), so the actions
 * are both open and fixed. Rows: the first campaign (no workbook yet) and a regeneration (the workbook
 * read back, annotations carried over). Its results are the `## Campaign` part of bench/results.md
 * (after the other parts, which are kept).
 *
 *   npm run build && node bench/campaign-bench.mjs            # writes the part
 *   node bench/campaign-bench.mjs --runs 3 --no-write [--unbundled]
 *
 * Packages: SAS_RECETTE_PACKAGES, else ../shared/fhir-packages next to the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, resultsPart, table, writeResultsPart } from './stats.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const BIN = join(ROOT, 'bin', 'sas-recette.js');
const RESULTS = join(HERE, 'results.md');
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const HEADING = '## Campaign';
const EDITORS = 100;
const RUNS_PER_EDITOR = 3;

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const runs = Number(arg('--runs') ?? 5);
const unbundled = process.argv.includes('--unbundled');
const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? resolve(ROOT, '..', 'shared', 'fhir-packages');
const dist = (p) => import(pathToFileURL(join(ROOT, 'dist', p)).href);

/** One real run.json: the shipped search cases against the reference editor serving slots busy instead of free. */
async function seedRun(dir) {
  const { startMockServer } = await dist('mock/server.js');
  const { loadJdd, SHIPPED_JDD_FILES } = await dist('jdd/load-jdd.js');
  const { main } = await dist('cli/main.js');
  const server = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)), defects: ['wrong-status'] });
  const pv = join(dir, 'pv.yaml');
  writeFileSync(pv, 'editor: Seed\nsoftware: Seed\n');
  const args = ['run', '--base-url', server.url, ...SHIPPED_JDD_FILES.flatMap((f) => ['--jdd', f])];
  args.push('--tag', '!transport,!flux-v1,!flux-v2,!flux-v3', '--pv-info', pv, '--reporter', 'json', '--out', join(dir, 'seed'));
  const io = {
    stdout: () => {},
    stderr: () => {},
    readStdin: async () => Buffer.alloc(0),
    env: { ...process.env, SAS_RECETTE_PACKAGES: PACKAGES, NO_COLOR: '1' },
    cwd: dir,
    isTTY: false,
  };
  await main(['node', 'sas-recette', ...args], io);
  await server.close();
  const folder = readdirSync(join(dir, 'seed')).find((f) => /^\d{8}-/.test(f));
  return JSON.parse(readFileSync(join(dir, 'seed', folder, 'run.json'), 'utf8'));
}

/** The seed's blocking cases passed, as a run after the fix would record them. */
function fixed(run) {
  const blocking = new Set(run.summary.blocking);
  for (const c of run.cases) {
    if (!blocking.has(c.id)) continue;
    c.verdict = 'passed';
    c.findings = c.findings.filter((f) => f.severity !== 'error' && f.severity !== 'fatal');
    delete c.reason;
  }
  run.summary = {
    ...run.summary,
    failed: run.summary.failed - blocking.size,
    passed: run.summary.passed + blocking.size,
    blocking: [],
    overall: 'favorable-with-reserves',
  };
}

function writeRuns(seed, dir) {
  const start = Date.parse(seed.startedAt);
  let bytes = 0;
  for (let e = 0; e < EDITORS; e++) {
    for (let k = 0; k < RUNS_PER_EDITOR; k++) {
      const run = globalThis.structuredClone(seed);
      run.runId = `${String(e).padStart(4, '0')}${k}bench-${seed.runId}`;
      run.startedAt = new Date(start + (k * 24 + e / 10) * 3600_000).toISOString();
      run.pvInfo = { editor: `Éditeur ${e}`, software: `Agenda ${e % 7}`, softwareVersion: `${k + 1}.0`, pvNumber: `PV-${e}-${k}` };
      if (k === RUNS_PER_EDITOR - 1 && e % 2 === 0) fixed(run);
      const folder = join(dir, `editor-${e}`, `run-${k}`);
      mkdirSync(folder, { recursive: true });
      const text = JSON.stringify(run);
      writeFileSync(join(folder, 'run.json'), text);
      bytes += Buffer.byteLength(text);
    }
  }
  return bytes;
}

/** One whole-process campaign: wall time and peak RSS (GNU time). */
function campaign(runsDir, out) {
  const argv = [process.execPath, BIN, 'campaign', runsDir, '--xlsx', join(out, 'campaign.xlsx'), '--html', join(out, 'campaign.html')];
  const rssFile = join(out, 'rss.txt');
  const cmd = GNU_TIME ?? argv[0];
  const args = GNU_TIME ? ['-f', '%M', '-o', rssFile, ...argv] : argv.slice(1);
  const t0 = performance.now();
  const r = spawnSync(cmd, args, {
    env: { ...process.env, ...(unbundled ? { SAS_RECETTE_UNBUNDLED: '1' } : {}), NO_COLOR: '1' },
    encoding: 'utf8',
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`campaign exited ${r.status}: ${r.stderr}`);
  const mb = GNU_TIME && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024 : NaN;
  return { ms, mb, out: r.stdout.trim().split('\n').at(-1) };
}

const work = mkdtempSync(join(tmpdir(), 'sas-campaign-bench-'));
try {
  const t0 = performance.now();
  const seed = await seedRun(work);
  const runsDir = join(work, 'runs');
  const bytes = writeRuns(seed, runsDir);
  const genMs = performance.now() - t0;
  const out = join(work, 'out');
  mkdirSync(out);
  const first = campaign(runsDir, out);
  const again = [];
  for (let i = 0; i < runs; i++) again.push(campaign(runsDir, out));
  spawnSync(process.execPath, ['-e', '']);
  const floor = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '']);
    floor.push(performance.now() - t);
  }
  const fmt = (n) => (Number.isFinite(n) ? String(Math.round(n)) : '—');
  const header = ['measure', 'runs', 'median ms', 'peak RSS MB'];
  const body = [
    ['campaign, first (no workbook yet)', '1', fmt(first.ms), fmt(first.mb)],
    [
      'campaign, regeneration (workbook read back)',
      String(runs),
      fmt(median(again.map((r) => r.ms))),
      fmt(Math.max(...again.map((r) => r.mb))),
    ],
    ["node -e '' (floor)", String(runs), fmt(median(floor)), ''],
  ];
  const xlsxKb = statSync(join(out, 'campaign.xlsx')).size / 1024;
  const htmlKb = statSync(join(out, 'campaign.html')).size / 1024;
  process.stdout.write(`${table(header, body)}\n${first.out}\n`);
  const date = new Date().toISOString().slice(0, 10);
  const part = resultsPart(
    [
      HEADING,
      '',
      `Run of \`node bench/campaign-bench.mjs\` on ${date}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'CPU'}. Input: ${EDITORS * RUNS_PER_EDITOR} runs (${EDITORS} editors × ${RUNS_PER_EDITOR}, copies of one real run of the ${seed.cases.length} shipped search cases against the reference editor with the wrong-status defect; ${(bytes / 1048576).toFixed(1)} MB of run.json, made in ${Math.round(genMs)} ms), the last run of every other editor fixed. Output: ${first.out}; workbook ${Math.round(xlsxKb)} kB, dashboard ${Math.round(htmlKb)} kB.`,
    ],
    header,
    body,
    [
      `whole process: \`node bin/sas-recette.js campaign RUNS --xlsx … --html …\` as a user starts it${unbundled ? ' (modules of dist/, SAS_RECETTE_UNBUNDLED=1)' : ''}; peak RSS from GNU time.`,
      'regeneration: the workbook of the previous run read back first (exceljs), its annotations carried over by key.',
      `Load average at the end (1 / 5 / 15 min): ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')} on ${cpus().length} cores (shared machine: absolute times move with its load).`,
    ],
  );
  if (!process.argv.includes('--no-write')) {
    writeResultsPart(RESULTS, HEADING, part);
    process.stderr.write(`campaign-bench: wrote the ${HEADING} part of ${RESULTS}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
