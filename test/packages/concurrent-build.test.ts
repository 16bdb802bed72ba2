/**
 * Two processes building the same empty definitions cache at once (real processes, the built dist/, the
 * default packages): both succeed with the findings of an uncached load, and the cache they leave is
 * valid (a later load only hits, without any note) and holds no temporary file. Needs `npm run build`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/fhir/packages/load-definitions.js';
import { findingsOf, fixture, PACKAGES, removeTemps, SAS_12, states, tempDir } from './helpers.js';

afterAll(removeTemps);

const DIST = resolve(__dirname, '../../dist');
const FIXTURE = resolve(__dirname, '../fixtures/bundles/cpts-valid.json');

/** Waits until `go` (ms since epoch), loads the definitions into `cache`, validates the fixture, prints what happened. */
const CHILD = `
import { readFileSync } from 'node:fs';
const [dist, packages, ig, cache, fixture, go] = process.argv.slice(1);
const { loadDefinitions } = await import(dist + '/fhir/packages/index.js');
const { validateResource } = await import(dist + '/fhir/validator/index.js');
await new Promise((r) => setTimeout(r, Math.max(0, Number(go) - Date.now())));
const started = Date.now();
const r = await loadDefinitions({ sources: [packages], ig, cache });
const loaded = Date.now();
const findings = validateResource(JSON.parse(readFileSync(fixture, 'utf8')), { index: r.index }).findings;
process.stdout.write(JSON.stringify({ started, loaded, states: r.cache.entries.map((e) => e.state), warnings: r.warnings, findings }));
`;

interface ChildResult {
  code: number | null;
  stderr: string;
  out?: { started: number; loaded: number; states: string[]; warnings: unknown[]; findings: unknown[] };
}

function child(cache: string, go: number): Promise<ChildResult> {
  return new Promise((done) => {
    const p = spawn(
      process.execPath,
      ['--input-type=module', '-e', CHILD, pathToFileURL(DIST).href, PACKAGES, SAS_12, cache, FIXTURE, String(go)],
      {
        env: { PATH: process.env.PATH },
      },
    );
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => done({ code, stderr, ...(code === 0 ? { out: JSON.parse(stdout) as ChildResult['out'] } : {}) }));
  });
}

describe('two processes building the same cache at once', () => {
  it('both succeed, and the entries they leave are valid', async () => {
    expect(existsSync(join(DIST, 'fhir/packages/package-store.js')), 'run npm run build first').toBe(true);
    const cache = tempDir();
    const go = Date.now() + 1500; // both are loaded and waiting by then
    const [a, b] = await Promise.all([child(cache, go), child(cache, go)]);
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    // they did build at the same time: each started before the other had finished loading
    expect(Math.max(a.out!.started, b.out!.started)).toBeLessThan(Math.min(a.out!.loaded, b.out!.loaded));
    expect(a.out!.states).toContain('built');
    expect(b.out!.states).toContain('built');

    const uncached = await loadDefinitions({ sources: [PACKAGES], ig: SAS_12, cache: false });
    const reference = JSON.parse(JSON.stringify(findingsOf(fixture('cpts-valid.json'), uncached.index))) as unknown;
    expect(a.out!.findings).toEqual(reference);
    expect(b.out!.findings).toEqual(reference);
    // no note about a corrupt entry: neither saw the other's entry half-written
    expect(a.out!.warnings).toEqual(uncached.warnings);
    expect(b.out!.warnings).toEqual(uncached.warnings);

    const after = await loadDefinitions({ sources: [PACKAGES], ig: SAS_12, cache });
    expect(Object.values(states(after.cache))).toEqual(['hit', 'hit', 'hit', 'hit', 'hit']);
    expect(after.warnings).toEqual(uncached.warnings);
    expect(findingsOf(fixture('cpts-valid.json'), after.index)).toEqual(findingsOf(fixture('cpts-valid.json'), uncached.index));
    expect(readdirSync(cache).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(readdirSync(cache).filter((f) => f.endsWith('.sasdefs'))).toHaveLength(5);
  });
});
