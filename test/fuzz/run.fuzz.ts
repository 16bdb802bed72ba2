/**
 * `npm run fuzz`: the long fuzz run (not part of `npm test`). FUZZ_RUNS bodies (default 10,000),
 * FUZZ_SEED (default: random, printed), FUZZ_HTTP_RUNS of them also over real HTTP (default 300).
 * Each distinct crash is shrunk and saved under FUZZ_OUT (default reports/fuzz/); the run fails on any.
 * FUZZ_REPLAY=reports/fuzz/crash-….json replays one saved crash instead and prints what each target said.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { TOOL_ROOT } from '../../src/core/version.js';
import { replay, runFuzz, summaryLine } from './property.js';

const int = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isSafeInteger(Number(v)) ? Number(v) : d);

it.runIf(!process.env.FUZZ_REPLAY)(
  'fuzz: validate and the judge hold on every body',
  async () => {
    const seed = int(process.env.FUZZ_SEED, Math.floor(Math.random() * 2 ** 31));
    const runs = int(process.env.FUZZ_RUNS, 10_000);
    const httpRuns = int(process.env.FUZZ_HTTP_RUNS, 300);
    const outDir = process.env.FUZZ_OUT || join(TOOL_ROOT, 'reports', 'fuzz');
    const log = (line: string) => process.stderr.write(`${line}\n`);
    log(`fuzz: seed ${seed} (reproduce with FUZZ_SEED=${seed} FUZZ_RUNS=${runs}), ${runs} bodies, ${httpRuns} over HTTP`);
    const summary = await runFuzz({ seed, runs, httpRuns, outDir, log });
    log(summaryLine(summary));
    for (const c of summary.crashes)
      log(
        `  crash: ${c.signature}\n    body: ${c.shape}, ${c.bodyBytes} bytes${c.file ? `, saved in ${c.file}` : ''}\n    ${c.crash.stack.split('\n').slice(0, 4).join('\n    ')}`,
      );
    expect(summary.crashes.map((c) => c.signature)).toEqual([]);
    expect(summary.bodies).toBeGreaterThanOrEqual(runs);
  },
  6 * 3600_000,
);

it.runIf(Boolean(process.env.FUZZ_REPLAY))('fuzz: replay of a saved crash', async () => {
  const saved = JSON.parse(readFileSync(process.env.FUZZ_REPLAY as string, 'utf8')) as { input: Parameters<typeof replay>[0] };
  const { outcomes, text } = await replay(saved.input);
  process.stderr.write(`body (${Buffer.byteLength(text)} bytes): ${text.slice(0, 300)}\n${JSON.stringify(outcomes, null, 2)}\n`);
  expect(outcomes.filter((o) => !o.ok)).toEqual([]);
});
