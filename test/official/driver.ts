/**
 * A driver process that uses src/official like a run would, so that tests can SIGINT / SIGTERM it or
 * let it exit. src/official is transpiled (TypeScript's transpileModule) into the test's temp dir; a
 * `node_modules` link lets it find fhir-validator-wrapper.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { GUARD_JS } from './net-guard.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function transpile(rel: string, outRoot: string): void {
  const source = readFileSync(path.join(REPO, rel), 'utf8');
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: rel,
  });
  const dest = path.join(outRoot, rel.replace(/\.ts$/, '.js'));
  mkdirSync(path.dirname(dest), { recursive: true });
  writeFileSync(dest, out.outputText);
}

const DRIVER = String.raw`
import fs from 'node:fs';
import net from 'node:net';
${GUARD_JS}
const proto = net.Socket.prototype;
const original = proto.connect;
proto.connect = function (...args) {
  const t = target(args);
  if (!isLocal(t)) fs.appendFileSync(process.env.NET_VIOLATIONS, t + '\n');
  return original.apply(this, args);
};
const { startOfficialValidator, isOfficialUnavailable } = await import('./src/official/index.js');
const mode = process.argv[2];
const v = await startOfficialValidator({
  jar: process.env.DRIVER_JAR,
  igPackages: [process.env.DRIVER_IG],
  log: () => {},
});
if (isOfficialUnavailable(v)) {
  console.log(JSON.stringify({ unavailable: v.reason }));
} else {
  const findings = await v.validate({ resourceType: 'Bundle', type: 'searchset' });
  console.log(JSON.stringify({ ready: true, findings: findings.length }));
  if (mode === 'exit') process.exit(0); // no stop(): the exit guard must stop the service
  if (mode === 'throw') setTimeout(() => { throw new Error('driver failure'); }, 0);
  if (mode === 'wait') setInterval(() => {}, 1 << 30); // until a signal comes
}
`;

/** Writes the transpiled modules and the driver; returns the driver's path. */
export function buildDriver(dir: string): string {
  const files = [
    'src/core/findings.ts',
    'src/core/collate.ts',
    ...readdirSync(path.join(REPO, 'src/official'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
      .map((f) => `src/official/${f}`),
  ];
  for (const f of files) transpile(f, dir);
  symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const driver = path.join(dir, 'driver.mjs');
  writeFileSync(driver, DRIVER);
  return driver;
}
