/**
 * Issue #12, defect 5, through the real binary (needs `npm run build`): `validate -` fed by a process
 * that writes forever stops at the 100 MB cap with a clear finding (exit 1, no crash, bounded memory),
 * and `jdd check /dev/zero` is a setup error (exit 2) naming the limit.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGES, REPO_ROOT, STACK_FRAME } from '../validate/helpers.js';

const BIN = join(REPO_ROOT, 'bin', 'sas-recette.js');
const ENV = { PATH: process.env.PATH, SAS_RECETTE_PACKAGES: PACKAGES, NO_COLOR: '1' };

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'core', 'read-capped.js')))
    throw new Error('dist/ is not built: run `npm run build` before this test');
});

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBin(args: string[], stdinFromEndlessWriter: boolean): Promise<Ended> {
  return new Promise((done, fail) => {
    const cli = spawn(process.execPath, [BIN, ...args], { env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      cli.kill('SIGKILL');
      fail(new Error('the CLI did not stop at the cap within 90 s'));
    }, 90_000);
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    cli.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    cli.stdin.on('error', () => undefined); // EPIPE once the CLI stops reading: expected
    if (stdinFromEndlessWriter) {
      const writer = spawn(
        process.execPath,
        [
          '-e',
          "const b = Buffer.alloc(1 << 20, 32); const w = () => { while (process.stdout.write(b)); }; process.stdout.on('drain', w); process.stdout.on('error', () => process.exit(0)); w();",
        ],
        {
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      writer.stdout.pipe(cli.stdin);
      cli.on('exit', () => writer.kill());
    } else cli.stdin.end();
    cli.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe('node bin/sas-recette.js with endless input', () => {
  it('validate - with an endless stdin: input-too-large at 100 MB, exit 1', async () => {
    const r = await runBin(['validate', '-', '--format', 'json', '--lang', 'en', '--now', '2026-03-02T08:00:00+01:00'], true);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { issues: { ruleId: string; message: string }[] };
    expect(json.issues).toMatchObject([
      { ruleId: 'input-too-large', message: 'Input larger than 100 MB: stdin (reading stopped at the limit).' },
    ]);
  }, 120_000);

  it.runIf(existsSync('/dev/zero'))(
    'run --jdd /dev/zero and --cahier /dev/zero: exit 2, "input larger than 5 MB", before any request',
    async () => {
      // Port 9 (discard) on loopback: never reached, the setup error comes first.
      const base = [
        'run',
        '--base-url',
        'http://127.0.0.1:9/fhir',
        '--out',
        join(REPO_ROOT, 'node_modules', '.cache', 'read-cap-never-written'),
        '--lang',
        'en',
      ];
      const jdd = await runBin([...base, '--jdd', '/dev/zero'], false);
      expect(jdd.code).toBe(2);
      expect(jdd.stderr).toContain('/dev/zero:1:1: JDD is too large: input larger than 5 MB (reading stopped at the limit)');
      expect(jdd.stderr).not.toMatch(STACK_FRAME);
      const cahier = await runBin([...base, '--jdd', join(REPO_ROOT, 'datasets', 'recette-cpts.yaml'), '--cahier', '/dev/zero'], false);
      expect(cahier.code).toBe(2);
      expect(cahier.stderr).toContain('/dev/zero:1:1: cahier de recette file is too large: input larger than 5 MB');
    },
    60_000,
  );
});
