/**
 * The official-validator mode in separate processes: a driver using src/official like a run would is
 * interrupted (SIGINT, SIGTERM), exits, or crashes, and the service must be gone; with PATH lacking
 * java it must go on without crashing; with the real java (when installed), a broken jar is reported.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findExecutable } from '../../src/official/find-executable.js';
import { isOfficialUnavailable, startOfficialValidator } from '../../src/official/index.js';
import { buildDriver } from './driver.js';
import { SAS_TGZ, expectStopped, portOf, useOfficialFixture } from './fixture.js';
import { standInAnswers } from './process-probe.js';

const fx = useOfficialFixture();
let driver: string;

beforeAll(() => {
  const driverDir = path.join(fx.dir, 'driver');
  mkdirSync(driverDir);
  driver = buildDriver(driverDir);
});

const REAL_JAVA = findExecutable('java', process.env);

describe.skipIf(!REAL_JAVA || !existsSync(SAS_TGZ))('official validator with the real java', () => {
  it("reports a file that is not a jar with Java's own words, in both languages", async () => {
    const notAJar = path.join(fx.dir, 'not-a-jar.jar');
    writeFileSync(notAJar, 'this is not a zip file');
    const v = await startOfficialValidator({ jar: notAJar, igPackages: [SAS_TGZ], javaCommand: REAL_JAVA, env: process.env });
    expect(isOfficialUnavailable(v)).toBe(true);
    if (!isOfficialUnavailable(v)) return;
    expect(v.reason.en).toMatch(/^Official validator unavailable: it failed to start \(exit code 1\)\. Validation goes on/);
    expect(v.reason.fr).toMatch(/^Validateur officiel indisponible : échec du démarrage \(code de sortie 1\)\./);
    expect(v.reason.en).toContain(`Invalid or corrupt jarfile ${notAJar}`);
  });
});

describe('official validator in a separate process (signals, exit, no java)', () => {
  function runDriver(mode: string, extraEnv: NodeJS.ProcessEnv = {}) {
    const violations = path.join(fx.dir, `net-${mode}-${Date.now()}.log`);
    writeFileSync(violations, '');
    const child = spawn(process.execPath, [driver, mode], {
      cwd: path.dirname(driver),
      env: fx.env({ DRIVER_JAR: fx.standIn.jar, DRIVER_IG: SAS_TGZ, NET_VIOLATIONS: violations, ...extraEnv }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => stdout.includes('"ready":true') && resolve());
      void ended.then(() => reject(new Error(`driver ended before ready: ${stdout} ${stderr}`)));
    });
    ready.catch(() => undefined); // only the signal tests wait for it
    return { child, ended, ready, violations, out: () => stdout, err: () => stderr };
  }

  it.skipIf(!existsSync(SAS_TGZ)).each(['SIGINT', 'SIGTERM'] as const)('stops the service on %s', async (signal) => {
    const d = runDriver('wait');
    await d.ready;
    const [call] = fx.starts();
    expect(await standInAnswers(portOf(call), call.pid)).toBe(true);
    d.child.kill(signal);
    const end = await d.ended;
    expect(end.signal).toBe(signal); // re-raised: the driver ends the way it would have without us
    await expectStopped(call);
    expect(fx.starts()).toHaveLength(1);
    expect(readFileSync(d.violations, 'utf8')).toBe('');
  });

  it.skipIf(!existsSync(SAS_TGZ))('stops the service on process.exit() without stop()', async () => {
    const d = runDriver('exit');
    const end = await d.ended;
    expect(end.code).toBe(0);
    await expectStopped(fx.starts()[0]);
    expect(readFileSync(d.violations, 'utf8')).toBe('');
    expect(fx.proxy.connections).toBe(0);
  });

  it.skipIf(!existsSync(SAS_TGZ))('stops the service on an uncaught exception', async () => {
    const d = runDriver('throw');
    const end = await d.ended;
    expect(end.code).not.toBe(0);
    expect(d.err()).toContain('driver failure');
    await expectStopped(fx.starts()[0]);
  });

  it('goes on without crashing when PATH has no java', async () => {
    const empty = path.join(fx.dir, 'empty-bin');
    mkdirSync(empty, { recursive: true });
    const d = runDriver('wait', { PATH: empty });
    const end = await d.ended;
    expect(end).toEqual({ code: 0, signal: null });
    const said = JSON.parse(d.out().trim()) as { unavailable: { en: string } };
    expect(said.unavailable.en).toContain('Java not found');
    expect(d.err()).toBe('');
    expect(fx.starts()).toEqual([]);
  });
});
