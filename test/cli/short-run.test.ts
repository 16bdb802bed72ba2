/**
 * The JIT tuning of a short `validate` (src/cli/short-run.ts): when it applies, and that it really turns
 * TurboFan off in the process that asks (checked in a child process with V8's own optimisation status,
 * so that the test worker keeps its JIT).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHORT_RUN_MAX_BYTES, skipsOptimisingCompiler } from '../../src/cli/short-run.js';
import { REPO_ROOT } from '../validate/helpers.js';

describe('skipsOptimisingCompiler', () => {
  it('applies on V8 before 12 (Node 20) to inputs under 2 MiB only', () => {
    expect(skipsOptimisingCompiler('11.3.244.8-node.33', 0)).toBe(true);
    expect(skipsOptimisingCompiler('11.3.244.8-node.33', SHORT_RUN_MAX_BYTES - 1)).toBe(true);
    expect(skipsOptimisingCompiler('11.3.244.8-node.33', SHORT_RUN_MAX_BYTES)).toBe(false);
    expect(skipsOptimisingCompiler('11.3.244.8-node.33', 12_000_000)).toBe(false);
  });

  it('never applies where V8 has Maglev (12 and later: Node 22, 24) or when the version cannot be read', () => {
    expect(skipsOptimisingCompiler('12.4.254.21-node.33', 5_000)).toBe(false);
    expect(skipsOptimisingCompiler('13.6.233.10-node.27', 5_000)).toBe(false);
    expect(skipsOptimisingCompiler('', 5_000)).toBe(false);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'sas-short-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * In a child process: tuneForShortValidation(path), then a hot function run until V8 would have
 * optimised it; prints what the tuning returned and whether the function got optimised.
 */
function tuneInChild(path: string): { tuned: boolean; optimised: boolean } {
  const module = join(REPO_ROOT, 'dist', 'cli', 'short-run.js');
  if (!existsSync(module)) throw new Error('dist/ is not built: run `npm run build` before this test');
  const script = `
    const { tuneForShortValidation } = await import(${JSON.stringify(module)});
    const tuned = tuneForShortValidation(${JSON.stringify(path)});
    function hot(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
    %PrepareFunctionForOptimization(hot);
    hot(1000); hot(1000);
    %OptimizeFunctionOnNextCall(hot);
    hot(1000);
    // bit 4 (16) of V8's status: the function runs TurboFan code
    console.log(JSON.stringify({ tuned, optimised: (%GetOptimizationStatus(hot) & 16) !== 0 }));
  `;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { tuned: boolean; optimised: boolean };
}

describe('tuneForShortValidation', () => {
  const onNode20 = skipsOptimisingCompiler(process.versions.v8, 0);

  it('turns TurboFan off for a small file on Node 20, and changes nothing elsewhere', () => {
    const small = join(dir, 'small.json');
    writeFileSync(small, '{"resourceType":"Bundle"}');
    expect(tuneInChild(small)).toEqual({ tuned: onNode20, optimised: !onNode20 });
  });

  it('changes nothing for a file of 2 MiB or more, a folder, or a path that does not exist', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(SHORT_RUN_MAX_BYTES, 0x20));
    expect(tuneInChild(big)).toEqual({ tuned: false, optimised: true });
    expect(tuneInChild(dir)).toEqual({ tuned: false, optimised: true });
    expect(tuneInChild(join(dir, 'absent.json'))).toEqual({ tuned: false, optimised: true });
  });
});
