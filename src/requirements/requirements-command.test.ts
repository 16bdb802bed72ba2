/** The `requirements` command, run in-process through the CLI entry point. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import type { CliIo } from '../cli/context.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: async () => Buffer.alloc(0),
    env: { NO_COLOR: '1' },
    cwd: process.cwd(),
    isTTY: false,
  };
  const code = await main(['node', 'sas-recette', 'requirements', ...args], io);
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'sas-req-cli-'));
const cahier = join(dir, 'cahier');
writeFileSync(join(dir, 'placeholder'), '');

function writeCahier(requirements: string[]): string {
  const d = mkdtempSync(join(dir, 'c-'));
  writeFileSync(
    join(d, 'mini.yaml'),
    [
      'group: psindiv',
      'useCase: psindiv',
      'cases:',
      '  - id: MINI-1',
      '    title: { fr: Cas minimal, en: Minimal case }',
      `    requirements: [${requirements.join(', ')}]`,
      '',
    ].join('\n'),
  );
  return d;
}

describe('sas-recette requirements', () => {
  it('prints the catalogue as JSON with rules, cases and gaps', async () => {
    const { code, out } = await run(['--format', 'json', '--cahier', writeCahier(['agg-psindiv@10', 'sas-cpts@1'])]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as {
      requirements: { id: string; rules: string[]; cases: string[]; status: string }[];
      gaps: string[];
      counts: { total: number };
    };
    expect(json.counts.total).toBe(155);
    const r10 = json.requirements.find((r) => r.id === 'agg-psindiv@10')!;
    expect(r10).toMatchObject({ status: 'tested', cases: ['MINI-1'] });
    expect(r10.rules).toContain('SAS-WIN-001');
    expect(json.requirements.find((r) => r.id === 'sas-cpts@1')?.rules).toEqual(['SAS-CPTS-001']);
    expect(json.gaps).toContain('agg-psindiv@1');
    expect(json.gaps).not.toContain('agg-psindiv@10');
    expect(json.gaps).not.toContain('sas-decl@1'); // declarative, not a gap
  });

  it('prints text with the gaps and unknown ids, and --strict fails on them', async () => {
    const c = writeCahier(['agg-psindiv@10', 'agg-psindiv@99']);
    const text = await run(['--cahier', c]);
    expect(text.code).toBe(0);
    expect(text.out).toContain('agg-psindiv@10  SHALL  automatic');
    expect(text.out).toContain('SAS-BDL-002 → warning [sos]');
    expect(text.out).toMatch(/^ {2}règles\u00a0: SAS-WIN-001/m);
    expect(text.out).toMatch(/^\d+ exigences\u00a0: \d+ testées, /m);
    expect(text.out).toMatch(/Écarts \(aucun cas de test\)\u00a0: agg-psindiv@1, /);
    expect(text.out).toContain("cas MINI-1 cite l'exigence inconnue agg-psindiv@99");
    expect((await run(['--cahier', c, '--strict'])).code).toBe(1);

    const en = await run(['--cahier', c, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out).toMatch(/^agg-psindiv@10 {2}SHALL {2}automatic .* ✓ tested$/m);
    expect(en.out).toMatch(/^ {2}rules: SAS-WIN-001/m);
    expect(en.out).toMatch(/^\d+ requirements: \d+ tested, /m);
    expect(en.out).toMatch(/Gaps \(no test case\): agg-psindiv@1, /);
    expect(en.out).toContain('case MINI-1 cites the unknown requirement agg-psindiv@99');
  });

  it('reads the shipped cahier by default', async () => {
    const { code, out } = await run(['--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { requirements: { cases: string[] }[] };
    expect(json.requirements.some((r) => r.cases.length > 0)).toBe(true);
  });

  it('exits 2 with a located message on a broken catalogue or cahier', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 2\nrequirements: []\n');
    const r = await run(['--requirements', bad, '--cahier', writeCahier(['agg-psindiv@1'])]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/le catalogue des exigences contient \d+ erreurs?\u00a0:/);
    expect(r.err).toContain('bad.yaml:1');
    expect((await run(['--cahier', cahier])).code).toBe(2);
  });
});
