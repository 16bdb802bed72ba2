/**
 * `sas-recette validate` on hostile or broken input: every case gives a clear finding, the right exit code
 * and no stack trace. Big inputs are generated in a temp folder, never committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCptsBundle } from '../../bench/cpts-bundle.mjs';
import { NOW, STACK_FRAME, runCli, tempDir, type TempDir } from './helpers.js';

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

interface JsonOut {
  valid: boolean;
  issues: { severity: string; ruleId: string; location: string; message: string }[];
  stats: Record<string, number>;
}

async function validateJson(name: string, content: string | Buffer, extra: string[] = []) {
  const file = tmp.file(name, content);
  const r = await runCli(['validate', file, '--now', NOW, '--format', 'json', '--lang', 'en', ...extra]);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stdout).not.toMatch(STACK_FRAME);
  return { ...r, json: JSON.parse(r.stdout) as JsonOut };
}

function onlyFatal(json: JsonOut, ruleId: string) {
  expect(json.valid).toBe(false);
  expect(json.issues).toHaveLength(1);
  expect(json.issues[0]).toMatchObject({ severity: 'fatal', ruleId });
  return json.issues[0];
}

describe('input that is not a FHIR JSON resource', () => {
  it('empty file', async () => {
    const r = await validateJson('empty.json', '');
    expect(r.code).toBe(1);
    expect(onlyFatal(r.json, 'input-empty').message).toMatch(/input is empty/);
  });

  it('null, an array, a number', async () => {
    for (const [name, content, text] of [
      ['null.json', 'null', /null value/],
      ['array.json', '[{"resourceType":"Bundle"}]', /array \(1 items\)/],
      ['number.json', '42', /number value/],
      ['no-type.json', '{"type":"searchset","entry":[]}', /no "resourceType"/],
    ] as const) {
      const r = await validateJson(name, content);
      expect(r.code, name).toBe(1);
      expect(onlyFatal(r.json, 'input-not-resource').message, name).toMatch(text);
    }
  });

  it('an HTML page (error or login page served instead of JSON)', async () => {
    const r = await validateJson('page.html', '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body></body></html>');
    expect(r.code).toBe(1);
    expect(onlyFatal(r.json, 'input-not-json').message).toMatch(/HTML page/);
  });

  it('truncated JSON, with the line where it stops', async () => {
    const full = JSON.stringify(generateCptsBundle({ slots: 3, now: new Date(NOW) }).bundle, null, 2);
    const cut = full.slice(0, Math.floor(full.length / 2));
    const r = await validateJson('truncated.json', cut);
    expect(r.code).toBe(1);
    const issue = onlyFatal(r.json, 'input-not-json');
    expect(issue.message).toMatch(/truncated/);
    expect(issue.location).toMatch(/truncated\.json:\d+:\d+$/);
  });

  it('invalid JSON in the middle: file, line and column', async () => {
    const r = await validateJson('broken.json', '{\n  "resourceType": "Bundle",\n  "type": "searchset",,\n  "entry": []\n}');
    expect(r.code).toBe(1);
    expect(onlyFatal(r.json, 'input-not-json').location).toMatch(/broken\.json:3:23$/);
  });

  it('text output of a fatal input is clear too', async () => {
    const file = tmp.file('null-text.json', 'null');
    const r = await runCli(['validate', file, '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/fatal +input-not-resource/);
    expect(r.stdout).toContain('✗ NON CONFORME — 1 fatale, 0 erreur');
  });
});

describe('size and depth', () => {
  it('a 50 MB answer is validated completely', async () => {
    let slots = 40_000;
    let g = generateCptsBundle({ slots, now: new Date(NOW) });
    let text = JSON.stringify(g.bundle);
    slots = Math.ceil((slots * 50.5 * 1024 * 1024) / text.length);
    g = generateCptsBundle({ slots, now: new Date(NOW) });
    text = JSON.stringify(g.bundle);
    expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
    const r = await validateJson('big.json', text, ['--use-case', 'cpts']);
    expect(r.json.stats.bytes).toBe(Buffer.byteLength(text));
    expect(r.json.stats.resources).toBeGreaterThan(slots);
    expect(r.json.issues.filter((i) => i.severity === 'fatal' || i.severity === 'error')).toEqual([]);
    expect(r.json.valid).toBe(true);
    expect(r.code).toBe(0);
  }, 180_000);

  it('nesting 10,000 levels deep: findings, not a crash', async () => {
    const depth = 10_000;
    const shapes: Record<string, string> = {
      // nested extensions inside a Slot of a Bundle (the engine walks extensions)
      extensions: `{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Slot","extension":${'[{"url":"http://x.example/e","extension":'.repeat(depth)}[]${'}]'.repeat(depth)}}}]}`,
      // an unknown element holding deep objects
      objects: `{"resourceType":"Slot","status":"free","foo":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`,
      // nested arrays where a string is expected
      arrays: `{"resourceType":"Slot","comment":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      // Bundles in Bundles
      bundles: `${'{"resourceType":"Bundle","type":"collection","entry":[{"resource":'.repeat(depth)}{"resourceType":"Slot"}${'}]}'.repeat(depth)}`,
    };
    for (const [name, content] of Object.entries(shapes)) {
      const r = await validateJson(`deep-${name}.json`, content);
      expect(r.code, name).toBe(1);
      expect(r.json.valid, name).toBe(false);
      expect(
        r.json.issues.some((i) => i.severity === 'error' || i.severity === 'fatal'),
        name,
      ).toBe(true);
    }
  }, 120_000);

  it('an input over the size limit is refused without being read', async () => {
    const { validateFile } = await import('../../src/validate/index.js');
    const file = tmp.file('over.json', JSON.stringify({ resourceType: 'Bundle', type: 'searchset', pad: 'x'.repeat(2048) }));
    const { PACKAGES } = await import('./helpers.js');
    const report = await validateFile({
      input: file,
      from: { cwd: process.cwd(), readStdin: async () => Buffer.alloc(0) },
      sources: [PACKAGES],
      ig: 'ans.fhir.fr.sas#1.2.0',
      now: new Date(NOW),
      maxBytes: 1024,
    });
    expect(report.valid).toBe(false);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['input-too-large']);
  });
});

describe('a non-Bundle resource', () => {
  it('is validated against its own type, with the rules said not run', async () => {
    const r = await validateJson('patient.json', JSON.stringify({ resourceType: 'Patient', id: 'p1', gender: 'unknown' }));
    expect(r.json.issues.find((i) => i.ruleId === 'sas-rules-not-run')).toBeDefined();
    expect(r.code).toBe(r.json.valid ? 0 : 1);
  });

  it('an unknown resource type is an error, not a crash', async () => {
    const r = await validateJson('weird.json', JSON.stringify({ resourceType: 'NotAType', id: 'x' }));
    expect(r.code).toBe(1);
    expect(r.json.issues.some((i) => i.severity === 'error' || i.severity === 'fatal')).toBe(true);
  });
});
