/**
 * Issue #12, defect 5: every input is capped WHILE it is read. /dev/zero (size 0 for stat, endless
 * content) and an endless standard input written by a spawned process stop at the limit with a clear
 * message instead of filling memory: `validate` gives one `input-too-large` finding, a JDD or cahier a
 * SetupError (exit 2). The limits are small here so the tests stay fast; each read is bounded by them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SetupError } from '../../src/core/errors.js';
import { readFileCapped, readFileCappedSync, readStreamCapped } from '../../src/core/read-capped.js';
import { loadCahier } from '../../src/cahier/load-cahier.js';
import { loadJdd } from '../../src/jdd/load-jdd.js';
import { parseFhirJson } from '../../src/validate/parse-input.js';
import { readInput } from '../../src/validate/read-input.js';
import { loadYamlFile } from '../../src/yaml/load-located-yaml.js';

const ZERO = '/dev/zero';
const onLinux = existsSync(ZERO);
const MB = 1024 * 1024;

/** A child process that writes to its stdout forever (until its pipe closes). */
function endlessWriter(): ChildProcess {
  const script =
    "const b = Buffer.alloc(65536, 32); const w = () => { while (process.stdout.write(b)); }; process.stdout.on('drain', w); process.stdout.on('error', () => process.exit(0)); w();";
  return spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
});

describe.runIf(onLinux)('/dev/zero: stat says 0 bytes, the content never ends', () => {
  it('the capped readers stop one byte past the limit', async () => {
    const sync = readFileCappedSync(ZERO, MB);
    expect(sync).toMatchObject({ overLimit: true });
    expect(sync.bytes.length).toBe(MB + 1);
    const async = await readFileCapped(ZERO, MB);
    expect(async.overLimit).toBe(true);
    expect(async.bytes.length).toBe(MB + 1);
  });

  it('validate /dev/zero → one input-too-large finding, "input larger than"', async () => {
    const raw = await readInput(ZERO, { cwd: '/', readStdin: async () => Buffer.alloc(0) }, MB);
    expect(raw.content).toBeNull();
    const parsed = parseFhirJson(raw, MB);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.finding).toMatchObject({ severity: 'fatal', ruleId: 'input-too-large' });
    expect(parsed.finding.message.en).toBe(`Input larger than 1 MB: ${ZERO} (reading stopped at the limit).`);
    expect(parsed.finding.message.fr).toBe(`Entrée de plus de 1 Mo : ${ZERO} (lecture arrêtée à la limite).`);
  });

  it('--jdd /dev/zero → SetupError (exit 2) naming the limit', () => {
    let error: unknown;
    try {
      loadJdd(ZERO);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SetupError);
    expect((error as Error).message).toContain('/dev/zero:1:1: JDD is too large: input larger than 5 MB (reading stopped at the limit)');
  });

  it('--cahier /dev/zero → SetupError naming the limit', () => {
    expect(() => loadCahier(ZERO)).toThrow(/cahier de recette file is too large: input larger than 5 MB/);
  });

  it('any located YAML file is capped too (pv-info, tls profile…)', () => {
    const r = loadYamlFile(ZERO, {}, { label: { fr: 'fichier PV', en: 'PV info' }, maxBytes: 1000 });
    expect(r).toMatchObject({
      ok: false,
      errors: [
        {
          file: ZERO,
          line: 1,
          col: 1,
          message: {
            fr: 'fichier PV trop volumineux\u00a0: plus de 1000 octets (lecture arrêtée à la limite)',
            en: 'PV info is too large: input larger than 1000 bytes (reading stopped at the limit)',
          },
        },
      ],
    });
  });
});

describe('an endless standard input from a spawned process', () => {
  it('readStreamCapped stops at the limit and releases the writer', async () => {
    const child = endlessWriter();
    children.push(child);
    const r = await readStreamCapped(child.stdout!, 2 * MB);
    expect(r.overLimit).toBe(true);
    expect(r.bytes.length).toBe(2 * MB + 1);
    // The stream was destroyed: the writer sees its pipe closed and ends by itself.
    const code = await new Promise((done) => (child.exitCode !== null ? done(child.exitCode) : child.once('exit', done)));
    expect(code).toBe(0);
  });

  it('validate - → input-too-large, the stream read only up to the limit', async () => {
    const child = endlessWriter();
    children.push(child);
    let asked: number | undefined;
    const raw = await readInput(
      '-',
      {
        cwd: '/',
        readStdin: (max) => {
          asked = max;
          return readStreamCapped(child.stdout!, max ?? Infinity).then((r) => r.bytes);
        },
      },
      MB,
    );
    expect(asked).toBe(MB);
    expect(raw).toMatchObject({ label: 'stdin', content: null, sizeKnown: false });
    const parsed = parseFhirJson(raw, MB);
    expect(!parsed.ok && parsed.finding.message.en).toBe('Input larger than 1 MB: stdin (reading stopped at the limit).');
  });

  it('a small stdin is read whole', async () => {
    const child = spawn(process.execPath, ['-e', 'process.stdout.write(JSON.stringify({resourceType:"Slot"}))'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(child);
    const r = await readStreamCapped(child.stdout!, MB);
    expect(r).toMatchObject({ overLimit: false });
    expect(r.bytes.toString()).toBe('{"resourceType":"Slot"}');
  });
});

describe('regular files at and around the limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-recette-cap-'));
  it('exactly the limit is read; one byte more is refused', async () => {
    const at = join(dir, 'at.json');
    writeFileSync(at, 'x'.repeat(1000));
    expect(readFileCappedSync(at, 1000)).toMatchObject({ overLimit: false });
    expect((await readFileCapped(at, 1000)).bytes.length).toBe(1000);
    expect((await readFileCapped(at, 999)).overLimit).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
