/** The reporter registry: built-in formats, extra factories (console), unknown names, writeReports. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../src/core/errors.js';
import { BUILTIN_REPORTERS, createReporters, writeReports, type ReporterFactory } from '../../src/report/index.js';
import { makeRunResult } from './fixtures/run-result.js';

describe('createReporters', () => {
  it('knows json, junit and html', () => {
    expect(Object.keys(BUILTIN_REPORTERS).sort()).toEqual(['html', 'json', 'junit']);
    expect(createReporters(['html', 'json', 'html'], { outDir: 'x', lang: 'fr' }).map((r) => r.name)).toEqual(['html', 'json']);
  });

  it('takes extra factories such as the console reporter', async () => {
    const seen: string[] = [];
    const consoleFactory: ReporterFactory = () => ({
      name: 'console',
      onCaseEnd: (c) => void seen.push(c.id),
      onRunEnd: (run) => {
        seen.push(`end ${run.runId}`);
        return [];
      },
    });
    const [r] = createReporters(['console'], { outDir: 'x', lang: 'fr' }, { console: consoleFactory });
    await r.onCaseEnd?.(makeRunResult().cases[0]);
    expect(await r.onRunEnd(makeRunResult())).toEqual([]);
    expect(seen).toEqual(['TLS-01', `end ${makeRunResult().runId}`]);
  });

  it('rejects unknown names with the list of known ones', () => {
    expect(() => createReporters(['html', 'pdf'], { outDir: 'x', lang: 'en' })).toThrow(SetupError);
    try {
      createReporters(['pdf'], { outDir: 'x', lang: 'en' });
    } catch (e) {
      expect((e as SetupError).message).toBe('unknown reporter "pdf"');
      expect((e as SetupError).problem.fr).toBe('rapport inconnu «\u00a0pdf\u00a0»');
      expect((e as SetupError).hint).toEqual({ fr: 'choisir parmi\u00a0: html, json, junit', en: 'choose among: html, json, junit' });
    }
  });
});

describe('writeReports', () => {
  it('writes run.json, junit.xml and pv.html in outDir, or at the given paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sas-write-'));
    const out = join(dir, 'reports');
    const files = await writeReports(makeRunResult(), ['json', 'junit', 'html'], {
      outDir: out,
      lang: 'en',
      paths: { html: join(dir, 'custom', 'PV.html') },
    });
    expect(files).toEqual([join(out, 'run.json'), join(out, 'junit.xml'), join(dir, 'custom', 'PV.html')]);
    for (const f of files) expect(existsSync(f)).toBe(true);
    expect(readFileSync(files[2], 'utf8')).toContain('<html lang="en">');
    expect(readFileSync(files[1], 'utf8')).toContain('Resources conform to the SAS profiles');
  });
});
