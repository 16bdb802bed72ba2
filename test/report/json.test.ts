/** run.json: stable key order, redaction, and reading it back (valid, broken, foreign files). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../src/core/errors.js';
import { jsonReporter, renderRunJson } from '../../src/report/json.js';
import { parseRunResult, readRunJson } from '../../src/report/read-run.js';
import type { RunResult } from '../../src/core/model.js';
import { makeRunResult, SECRETS } from './fixtures/run-result.js';

/** The same value with every object's keys inserted in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).reverse()) out[k] = reverseKeys((value as Record<string, unknown>)[k]);
  return out as T;
}

describe('renderRunJson', () => {
  it('gives the same bytes whatever the key insertion order', () => {
    const run = makeRunResult();
    expect(renderRunJson(reverseKeys(run))).toBe(renderRunJson(run));
  });

  it('starts with schemaVersion, runId, tool and sorts nested keys', () => {
    const text = renderRunJson(makeRunResult());
    const keys = Object.keys(JSON.parse(text));
    expect(keys.slice(0, 3)).toEqual(['schemaVersion', 'runId', 'tool']);
    expect(keys.indexOf('summary')).toBeLessThan(keys.indexOf('cases'));
    const firstCase = JSON.parse(text).cases[0] as Record<string, unknown>;
    expect(Object.keys(firstCase)).toEqual([...Object.keys(firstCase)].sort());
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('never contains secrets (headers, cookies, command-line passphrase, private keys)', () => {
    const text = renderRunJson(makeRunResult());
    for (const s of SECRETS) expect(text).not.toContain(s);
    expect(text).toContain('"authorization": "[redacted]"');
    expect(text).toContain('--passphrase [redacted]');
  });

  it('does not modify the run it is given', () => {
    const run = makeRunResult();
    renderRunJson(run);
    expect(run.cases[0].exchanges[0].request.headers.authorization).toContain(SECRETS[0]);
  });

  it('reads back as the same run (minus secrets)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sas-json-'));
    const files = await jsonReporter({ outDir: dir, lang: 'fr' }).onRunEnd(makeRunResult());
    expect(files).toEqual([join(dir, 'run.json')]);
    const back = await readRunJson(files[0]);
    expect(back.runId).toBe(makeRunResult().runId);
    expect(back.cases).toHaveLength(12);
    expect(renderRunJson(back)).toBe(readFileSync(files[0], 'utf8'));
  });
});

describe('readRunJson / parseRunResult', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-json-bad-'));
  const write = (name: string, content: string): string => {
    const f = join(dir, name);
    writeFileSync(f, content);
    return f;
  };

  it('reports JSON syntax errors with line and column', async () => {
    const f = write('broken.json', '{\n  "schemaVersion": 1\n  "runId": "x"\n}');
    await expect(readRunJson(f)).rejects.toThrow(SetupError);
    await expect(readRunJson(f)).rejects.toThrow(/broken\.json:3:3: not valid JSON/);
    // V8 gives no position for some errors: the message still names the file
    await expect(readRunJson(write('trunc.json', '{"schemaVersion": '))).rejects.toThrow(
      /trunc\.json: not valid JSON \(Unexpected end of JSON input\)/,
    );
  });

  it('rejects a JSON file that is not a sas-recette run', async () => {
    const f = write('package.json', JSON.stringify({ name: 'x', version: '1.0.0' }));
    await expect(readRunJson(f)).rejects.toThrow(/not a sas-recette run result/);
    await expect(readRunJson(write('array.json', '[]'))).rejects.toThrow(/expected a JSON object/);
  });

  it('rejects an unsupported schema version', () => {
    const run = { ...makeRunResult(), schemaVersion: 2 } as unknown as RunResult;
    expect(() => parseRunResult(run, 'run.json')).toThrow(/schema version 2 is not supported/);
  });

  it('names the broken field', () => {
    const run = JSON.parse(JSON.stringify(makeRunResult()));
    run.cases[2].verdict = 'maybe';
    expect(() => parseRunResult(run, 'run.json')).toThrow(
      'run.json: broken run result at /cases/2/verdict: must be equal to one of the allowed values',
    );
    delete run.cases[2].verdict;
    expect(() => parseRunResult(run, 'run.json')).toThrow(/at \/cases\/2: must have required property 'verdict' "verdict"/);
  });

  it('says when the file is missing', async () => {
    await expect(readRunJson(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: not found/);
  });
});
