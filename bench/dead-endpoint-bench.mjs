/**
 * How long `sas-recette run` takes on the shipped cahier and JDDs against an endpoint that accepts
 * connections and never answers (issue #12, defect 8), with the default 7 s per-request time-out unless
 * given: wall time, connections and request lines the endpoint saw, and the longest stretch without a
 * line of output. Loopback only; the dead endpoint is written here and closed at the end.
 *
 *   npm run build && node bench/dead-endpoint-bench.mjs [extra run options, e.g. --timeout 2s]
 *
 * Packages: SAS_RECETTE_PACKAGES, else ../shared/fhir-packages next to the repository.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const extra = process.argv.slice(2);

const sockets = new Set();
let connections = 0;
let requests = 0;
const server = createServer((s) => {
  connections += 1;
  sockets.add(s);
  s.on('data', (chunk) => {
    requests += (chunk.toString('latin1').match(/^(GET|POST|HEAD) /gm) ?? []).length;
  });
  s.on('error', () => undefined);
  s.on('close', () => sockets.delete(s));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();

const out = mkdtempSync(join(tmpdir(), 'sas-dead-bench-'));
const jdd = ['recette-psindiv', 'recette-cpts', 'recette-sos'].flatMap((n) => ['--jdd', join(ROOT, 'datasets', `${n}.yaml`)]);
const args = [
  join(ROOT, 'bin/sas-recette.js'),
  'run',
  '--base-url',
  `http://127.0.0.1:${port}/fhir`,
  ...jdd,
  '--out',
  out,
  '--reporter',
  'console,json',
  ...extra,
];
const env = { ...process.env, SAS_RECETTE_PACKAGES: process.env.SAS_RECETTE_PACKAGES ?? resolve(ROOT, '../shared/fhir-packages'), CI: '1' };

const t0 = Date.now();
let last = t0;
let silence = 0;
const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
const seen = () => {
  const now = Date.now();
  silence = Math.max(silence, now - last);
  last = now;
};
child.stdout.on('data', seen);
child.stderr.on('data', seen);
const code = await new Promise((r) => child.on('close', r));
const ms = Date.now() - t0;
for (const s of sockets) s.destroy();
server.close();
rmSync(out, { recursive: true, force: true });
console.log(
  `dead endpoint, shipped cahier${extra.length ? ` (${extra.join(' ')})` : ''}: exit ${code} in ${(ms / 1000).toFixed(1)} s; ` +
    `${requests} requests on ${connections} connections; longest silence ${(silence / 1000).toFixed(1)} s`,
);
