/**
 * The official-validator mode in-process, with a stand-in `java` on PATH (see stand-in.ts): started
 * once per run, stopped on success and failure, never downloading anything, saying clearly why it
 * cannot run.
 */
import https from 'node:https';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOfficialUnavailable, startOfficialValidator, withOfficialValidator, type OfficialValidator } from '../../src/official/index.js';
import { BUNDLE, CPTS_BUNDLE_PROFILE, SAS_TGZ, expectStopped, listenerCounts, portOf, useOfficialFixture } from './fixture.js';
import { waitGone } from './process-probe.js';
import { readCalls } from './stand-in.js';

const fx = useOfficialFixture();

describe('official validator with a stand-in java', () => {
  it.skipIf(!existsSync(SAS_TGZ))('starts once per run, passes the SAS IG, maps the answers, stops on success', async () => {
    const before = listenerCounts();
    const lines: string[] = [];
    let seen: OfficialValidator | undefined;
    const results = await withOfficialValidator(fx.options({ log: (l) => lines.push(l) }), async (v) => {
      if (isOfficialUnavailable(v)) throw new Error(v.reason.en);
      seen = v;
      expect(listenerCounts()).toEqual(before.map((n) => n + 1)); // guarded while running
      const a = await v.validate(BUNDLE, CPTS_BUNDLE_PROFILE);
      const b = await v.validate({ resourceType: 'Slot', id: 'slot-7' });
      const c = await v.validate(BUNDLE);
      return [a, b, c];
    });

    const calls = readCalls(fx.standIn.log);
    const started = calls.filter((c) => c.event === 'start');
    expect(started).toHaveLength(1);
    const args = started[0].args ?? [];
    const txLog = args[args.indexOf('-txLog') + 1];
    expect(args).toEqual([
      '-jar',
      fx.standIn.jar,
      'server',
      String(portOf(started[0])),
      '-tx',
      'n/a',
      '-txLog',
      txLog,
      '-version',
      '4.0.1',
      '-ig',
      SAS_TGZ,
    ]);
    expect(seen?.info).toMatchObject({ port: portOf(started[0]), version: '6.9.9', txServer: 'n/a', java: fx.standIn.java });

    const validations = calls.filter((c) => c.event === 'validate');
    expect(validations.map((c) => [c.resourceType, c.profiles])).toEqual([
      ['Bundle', CPTS_BUNDLE_PROFILE],
      ['Slot', null],
      ['Bundle', null],
    ]);
    expect(validations[0].contentType).toBe('application/fhir+json');

    expect(results[0]).toEqual([
      expect.objectContaining({
        severity: 'error',
        ruleId: 'official:Terminology_TX_NoValid_1_CC',
        location: 'Bundle.entry[1].resource.meta.security[1]',
        resource: 'Slot/slot-7',
        engine: 'official',
        source: 'structure',
      }),
      expect.objectContaining({ severity: 'warning', location: 'Bundle.entry[0]', resource: 'Schedule/sch-1' }),
    ]);
    expect(results[0][0].message.fr).toBe("[validateur officiel] Aucun des codes fournis n'est dans le jeu de valeurs requis");

    // Its own output reaches the log, colour codes removed.
    expect(lines).toContain(`[official validator] FHIR validation server listening on port ${portOf(started[0])}`);

    // Stopped, unguarded, temp files removed.
    await expectStopped(started[0]);
    expect(listenerCounts()).toEqual(before);
    expect(existsSync(path.dirname(txLog))).toBe(false);
    const after = await seen!.validate(BUNDLE);
    expect(after).toEqual([expect.objectContaining({ ruleId: 'official:unavailable', notChecked: true })]);

    // Nothing left the machine and no download code ran.
    expect(started[0].proxies).toEqual(['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']);
    expect(fx.proxy.connections).toBe(0);
    expect(fx.connects.outbound()).toEqual([]);
    for (const spy of fx.downloadSpies) expect(spy).not.toHaveBeenCalled();
  });

  it.skipIf(!existsSync(SAS_TGZ))('stops the service when the run fails', async () => {
    const before = listenerCounts();
    await expect(
      withOfficialValidator(fx.options(), async (v) => {
        expect(isOfficialUnavailable(v)).toBe(false);
        throw new Error('run failed');
      }),
    ).rejects.toThrow('run failed');
    const [call] = fx.starts();
    await expectStopped(call);
    expect(listenerCounts()).toEqual(before);
  });

  it.skipIf(!existsSync(SAS_TGZ))('uses the port and terminology server given', async () => {
    const free = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const v = await startOfficialValidator(fx.options({ port: free, txServer: 'https://tx.example.org/r4' }));
    expect(isOfficialUnavailable(v)).toBe(false);
    await (v as OfficialValidator).stop();
    const args = fx.starts()[0].args ?? [];
    expect(args.slice(2, 6)).toEqual(['server', String(free), '-tx', 'https://tx.example.org/r4']);
    expect(fx.connects.outbound()).toEqual([]);
  });

  it.skipIf(!existsSync(SAS_TGZ))('sends one request at a time when validations are asked together', async () => {
    const results = await withOfficialValidator(fx.options({}, { FAKE_JAVA_DELAY_MS: '100' }), async (v) => {
      if (isOfficialUnavailable(v)) throw new Error(v.reason.en);
      return Promise.all([v.validate(BUNDLE), v.validate(BUNDLE), v.validate(BUNDLE)]);
    });
    expect(results.map((r) => r.length)).toEqual([2, 2, 2]);
    const validations = readCalls(fx.standIn.log).filter((c) => c.event === 'validate');
    expect(validations.map((c) => c.inflight)).toEqual([1, 1, 1]);
  });

  it('says clearly that java is absent (PATH without java) and starts nothing', async () => {
    const empty = path.join(fx.dir, 'empty-bin');
    mkdirSync(empty, { recursive: true });
    const v = await startOfficialValidator(fx.options({}, { PATH: empty }));
    expect(v).toMatchObject({ unavailable: true });
    if (!isOfficialUnavailable(v)) return;
    expect(v.reason.en).toContain('Java not found ("java" is not on PATH)');
    expect(v.reason.fr).toContain('Java introuvable');
    expect(v.reason.en).toContain('Validation goes on with the sas-recette engine only.');
    const other = await startOfficialValidator(fx.options({ javaCommand: path.join(fx.dir, 'no-jdk', 'bin', 'java') }));
    expect(isOfficialUnavailable(other) && other.reason.en).toContain('does not exist or is not executable');
    expect(fx.starts()).toEqual([]);
  });

  it('says clearly that the jar is missing, never fetching it', async () => {
    const jar = path.join(fx.dir, 'tools', 'validator_cli.jar');
    const v = await startOfficialValidator(fx.options({ jar }));
    expect(isOfficialUnavailable(v)).toBe(true);
    if (!isOfficialUnavailable(v)) return;
    expect(v.reason.en).toContain(`the jar "${jar}" does not exist`);
    expect(v.reason.en).toContain('sas-recette never downloads the jar');
    expect(v.reason.fr).toContain('https://github.com/hapifhir/org.hl7.fhir.core/releases');
    expect(existsSync(jar)).toBe(false);
    const relative = await startOfficialValidator(fx.options({ jar: path.join('tools', 'validator_cli.jar'), cwd: fx.dir }));
    expect(isOfficialUnavailable(relative) && relative.reason.en).toContain(`the jar "${jar}" does not exist`);
    expect(fx.starts()).toEqual([]);
    expect(fx.connects.outbound()).toEqual([]);
    for (const spy of fx.downloadSpies) expect(spy).not.toHaveBeenCalled();
  });

  it('says which IG package is missing, and that one is needed', async () => {
    const missing = path.join(fx.dir, 'ans.fhir.fr.sas#9.9.9.tgz');
    const v = await startOfficialValidator(fx.options({ igPackages: [missing] }));
    expect(isOfficialUnavailable(v) && v.reason.en).toContain(`the IG package "${missing}" was not found`);
    const none = await startOfficialValidator(fx.options({ igPackages: [] }));
    expect(isOfficialUnavailable(none) && none.reason.en).toContain('no IG package to load');
    expect(fx.starts()).toEqual([]);
  });

  it('says that the requested port is taken', async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const v = await startOfficialValidator(fx.options({ port }));
      expect(isOfficialUnavailable(v) && v.reason.en).toContain(`port ${port} is already in use`);
    } finally {
      await new Promise((r) => busy.close(r));
    }
    expect(fx.starts()).toEqual([]);
  });

  it.skipIf(!existsSync(SAS_TGZ))('reports a validator that stops during start-up with its last lines', async () => {
    const before = listenerCounts();
    const v = await startOfficialValidator(fx.options({}, { FAKE_JAVA_MODE: 'crash' }));
    expect(isOfficialUnavailable(v)).toBe(true);
    if (!isOfficialUnavailable(v)) return;
    expect(v.reason.en).toContain('it failed to start (exit code 1)');
    expect(v.reason.fr).toContain('échec du démarrage (code de sortie 1)');
    expect(v.reason.en).toContain('Exception: Unable to find package hl7.fhir.fr.core#1.1.0');
    expect(listenerCounts()).toEqual(before);
    const [call] = fx.starts();
    const args = call.args ?? [];
    expect(existsSync(path.dirname(args[args.indexOf('-txLog') + 1]))).toBe(false);
  });

  it.skipIf(!existsSync(SAS_TGZ))('gives up on a validator that never answers, and kills it', async () => {
    const v = await startOfficialValidator(fx.options({ startTimeoutMs: 2000 }, { FAKE_JAVA_MODE: 'mute' }));
    expect(isOfficialUnavailable(v) && v.reason.en).toContain('no answer within 2 s');
    expect(isOfficialUnavailable(v) && v.reason.fr).toContain('aucune réponse en 2 s');
    await expectStopped(fx.starts()[0]);
  });

  it.skipIf(!existsSync(SAS_TGZ))('turns a validator dying mid-run into not-checked findings, not a crash', async () => {
    const v = await startOfficialValidator(fx.options({}, { FAKE_JAVA_MODE: 'die-on-validate' }));
    if (isOfficialUnavailable(v)) throw new Error(v.reason.en);
    const first = await v.validate(BUNDLE);
    expect(first).toEqual([
      expect.objectContaining({ ruleId: 'official:unavailable', notChecked: true, engine: 'official', location: 'Bundle' }),
    ]);
    await waitGone(fx.starts()[0].pid);
    const second = await v.validate(BUNDLE);
    expect(second[0].message.en).toContain('not checked by the official validator');
    await v.stop();
  });
});

describe('the outbound-connection guard itself', () => {
  it('sees an attempt to reach GitHub (where the wrapper would fetch the jar)', () => {
    const seen = fx.connects.targets.length;
    const req = https.get({ host: 'api.github.com', path: '/repos/hapifhir/org.hl7.fhir.core/releases/latest' });
    req.on('error', () => undefined);
    req.destroy();
    expect(fx.connects.targets.slice(seen)).toEqual(['api.github.com:443']);
    expect(fx.connects.outbound().slice(-1)).toEqual(['api.github.com:443']);
    fx.connects.targets.length = seen; // forget the deliberate attempt
  });
});
