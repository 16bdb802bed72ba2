import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/context.js';
import { decideColor } from '../../src/cli/context.js';
import { mockServerOptions } from '../../src/cli/actions/mock.js';
import type { MockCommandOptions } from '../../src/cli/commands/mock.js';
import { serveMock } from '../../src/mock/serve-mock.js';
import { SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { DEFECT_NAMES } from '../../src/mock/defects.js';

const dir = mkdtempSync(join(tmpdir(), 'sas-mock-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(): CliIo & { out: string; err: string } {
  const state = {
    out: '',
    err: '',
    stdout: (s: string) => void (state.out += s),
    stderr: (s: string) => void (state.err += s),
    readStdin: async () => Buffer.alloc(0),
    env: { NO_COLOR: '1' } as NodeJS.ProcessEnv,
    cwd: dir,
    isTTY: false,
  };
  return state;
}

const defaults: MockCommandOptions = { jdd: [], port: '0', host: '127.0.0.1', defect: [], lang: 'fr' };

describe('sas-recette mock', () => {
  it('lists the defects (exit 0)', async () => {
    const out = io();
    expect(await main(['node', 'sas-recette', 'mock', '--list-defects', '--lang', 'en'], out)).toBe(0);
    for (const name of DEFECT_NAMES) expect(out.out).toContain(name);
    expect(out.out).toContain('The first returned slot has status busy');
  });

  it('refuses an unknown defect and a bad port (exit 2, no stack)', async () => {
    const bad = io();
    expect(await main(['node', 'sas-recette', 'mock', '--defect', 'slowly'], bad)).toBe(2);
    expect(bad.err).toContain('défaut inconnu\u00a0: «\u00a0slowly\u00a0»');
    expect(bad.err).not.toMatch(/at .*\.ts:\d+/);
    const port = io();
    expect(await main(['node', 'sas-recette', 'mock', '--port', '99999', '--lang', 'en'], port)).toBe(2);
    expect(port.err).toContain('--port must be an integer from 0 to 65535');
  });

  it('passes --crl to the HTTPS server and refuses it without --ca or without HTTPS', () => {
    const https = { ...defaults, cert: 's.crt', key: 's.key', ca: 'ca.crt', crl: 'ca.crl' };
    expect(mockServerOptions(https, '/x').tls).toMatchObject({ caFile: '/x/ca.crt', crlFile: '/x/ca.crl' });
    expect(() => mockServerOptions({ ...https, ca: undefined }, '/x')).toThrow(/--crl needs --ca/);
    expect(() => mockServerOptions({ ...defaults, crl: 'ca.crl' }, '/x')).toThrow(/need HTTPS/);
  });

  it('reports a broken JDD with file, line and field (exit 2)', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, readFileSync(SHIPPED_JDD_FILES[1], 'utf8').replace('phone: "+33199000301"', 'phone: +33199000301'));
    const out = io();
    expect(await main(['node', 'sas-recette', 'mock', '--jdd', 'broken.yaml', '--port', '0', '--lang', 'en'], out)).toBe(2);
    expect(out.err).toMatch(/broken\.yaml:\d+:12 field "cpts\[0\]\.phone": .*quote this value \(write "\+33199000301"\)/);
  });

  it('serves the shipped JDDs until stopped, then closes', async () => {
    const out = io();
    const ctx = { io: out, color: decideColor(out.env, false, []), setExitCode: () => undefined };
    let url = '';
    await serveMock(ctx, mockServerOptions({ ...defaults, defect: ['total-mismatch'] }, out.cwd), 'en', async (server) => {
      url = server.url;
      const res = await request(`${server.url}/metadata`);
      expect(res.statusCode).toBe(200);
      await res.body.text();
    });
    expect(out.out).toContain(`reference editor listening on ${url}`);
    expect(out.out).toMatch(/JDD recette-psindiv \(psindiv\): 27 PS/);
    expect(out.out).toContain('defects: total-mismatch');
    expect(out.out).toContain('stopped');
    await expect(request(`${url}/metadata`)).rejects.toThrow();
  });

  it('stops on SIGTERM with exit 0', async () => {
    const out = io();
    const running = main(['node', 'sas-recette', 'mock', '--port', '0'], out);
    for (let i = 0; i < 200 && !out.out.includes('Ctrl-C'); i += 1) await new Promise((r) => setTimeout(r, 10));
    // the default language: the start and stop lines in French only
    expect(out.out).toContain('éditeur de référence à l’écoute sur');
    expect(out.out).toContain('Ctrl-C pour arrêter');
    expect(out.out).not.toMatch(/listening|to stop/);
    process.emit('SIGTERM');
    expect(await running).toBe(0);
    expect(out.out).toContain('sas-recette mock\u00a0: arrêté');
  });
});
