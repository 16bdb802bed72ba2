/**
 * The long mode end to end with an injected clock (no real waiting): `--every 15m --for 1h` against
 * the reference editor plays four real probes, one line each on stdout and in the history, then the
 * summary, exit 0; the history's probe times are 15 minutes apart on the injected clock, which the
 * editor follows too (its slots move with it, so the search windows are judged at the probes' times).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchAction } from '../../src/cli/actions/watch.js';
import type { WatchOptions } from '../../src/cli/commands/watch.js';
import type { CliContext } from '../../src/core/io.js';
import type { ProbeRecord } from '../../src/core/probe-record.js';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import type { Scheduler } from '../../src/watch/scheduler.js';
import { PACKAGES, tempDir } from '../e2e/support.js';

/** The injected clock, shared by the watch and the editor (whose slots follow it). */
let t = Date.parse('2026-03-02T07:00:00Z');
let editor: MockServer;
beforeAll(async () => {
  editor = await startMockServer({ jdd: SHIPPED_JDD_FILES.map((f) => loadJdd(f)), now: () => new Date(t) });
});
afterAll(async () => {
  await editor?.close();
});

describe('watch --every 15m --for 1h', () => {
  it('plays four probes on the injected clock, prints a line each and the summary, exits 0', async () => {
    const sleeps: number[] = [];
    const scheduler: Scheduler = {
      now: () => new Date(t),
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
      },
    };
    let out = '';
    let err = '';
    let code: number | undefined;
    const ctx: CliContext = {
      io: {
        stdout: (s) => void (out += s),
        stderr: (s) => void (err += s),
        readStdin: async () => Buffer.alloc(0),
        env: { SAS_RECETTE_PACKAGES: PACKAGES },
        cwd: process.cwd(),
        isTTY: false,
      },
      color: new Chalk({ level: 0 }),
      setExitCode: (c) => void (code = c),
    };
    const history = join(tempDir('watch-long'), 'history.jsonl');
    const options: WatchOptions = {
      baseUrl: editor.url,
      jdd: [SHIPPED_JDD_FILES[0]],
      history,
      every: '15m',
      for: '1h',
      cahier: [],
      useCase: [],
      timeout: '7s',
      ig: 'ans.fhir.fr.sas#1.2.0',
      packages: [],
      lang: 'en',
    };
    const signals = { on: () => undefined, off: () => undefined, exit: () => undefined };
    await watchAction(ctx, options, { scheduler, signals });
    expect(err).toContain('every 15\u00a0min for 1\u00a0h');
    expect(code).toBe(0);
    const records = readFileSync(history, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ProbeRecord);
    expect(records.map((r) => r.verdict)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(records.map((r) => r.at.slice(11, 16))).toEqual(['08:00', '08:15', '08:30', '08:45']);
    expect(records[0].checks.map((c) => c.caseId)).toEqual(['PS-ALL-RULES', 'TR-PS-CAPABILITY']);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(60 * 60_000);
    expect(out.split('\n').filter((l) => /passed/.test(l) && /^\d{4}-/.test(l))).toHaveLength(4);
    expect(out).toContain('Summary: 4 probes — 4 passed, 0 failed, 0 error; availability 100.0%');
  });
});
