import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SetupError } from '../core/errors.js';
import { loadJdd, SHIPPED_JDD_FILES } from '../jdd/load-jdd.js';
import type { Jdd } from '../jdd/types.js';
import { resolveCaseData } from './jdd-refs.js';
import { defaultCahierDir, loadCahier } from './load-cahier.js';

const dir = mkdtempSync(join(tmpdir(), 'sas-cahier-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function loadError(files: string | string[], options = {}): string {
  try {
    loadCahier(files, options);
  } catch (err) {
    expect(err).toBeInstanceOf(SetupError);
    return (err as Error).message;
  }
  throw new Error('expected a SetupError');
}

const one = `useCase: psindiv
cases:
  - id: PS-ONE
    title: { fr: Un, en: One }
    requirements: [agg-psindiv@4]
    practitioners: [ps-un-lieu]
`;

describe('loadCahier', () => {
  it('loads the shipped cahier: unique ids, every use case, roles only (no JDD key), all filled by the shipped JDDs', () => {
    const cases = loadCahier(defaultCahierDir());
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.useCase))).toEqual(new Set(['psindiv', 'cpts', 'sos']));
    const jdds = new Map<string, Jdd>(SHIPPED_JDD_FILES.map((f) => loadJdd(f)).map((j) => [j.useCase, j]));
    for (const tc of cases) {
      expect(
        [tc.practitioners, tc.sos, tc.cpts].filter((k) => k !== undefined && k !== 'all'),
        tc.id,
      ).toEqual([]);
      const jdd = jdds.get(tc.useCase);
      expect(jdd && 'refs' in resolveCaseData(tc, jdd), tc.id).toBe(true);
    }
    // the kit groups 4.1 to 4.9 each have at least one case
    for (const g of ['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9']) {
      expect(
        cases.some((c) => c.tags.includes(`ans-${g}`)),
        g,
      ).toBe(true);
    }
  });

  it('applies the file defaults and locates each case', () => {
    const file = write(
      'one.yaml',
      `group: mine\nseverity: minor\ntags: [a]\n${one.replace('    practitioners', '    tags: [b]\n    practitioners')}`,
    );
    const [tc] = loadCahier(file);
    expect(tc).toMatchObject({
      id: 'PS-ONE',
      group: 'mine',
      useCase: 'psindiv',
      kind: 'search',
      severity: 'minor',
      tags: ['a', 'b'],
      request: {},
      expect: {},
    });
    expect(tc.source).toMatchObject({ file, line: 6, col: 5 });
    expect(tc.locate(['practitioners', 0])).toMatchObject({ line: 10, col: 21 });
  });

  it('names the group after the file when none is given', () => {
    const [tc] = loadCahier(write('my-group.yaml', one));
    expect(tc.group).toBe('my-group');
  });

  it('reports a schema error with file, line and field', () => {
    const file = write('bad.yaml', one.replace('[agg-psindiv@4]', '[agg-psindiv-4]'));
    expect(loadError(file)).toContain(
      `${file}:5:20 field "cases[0].requirements[0]": the text "agg-psindiv-4" does not match a requirement id such as agg-psindiv@17`,
    );
  });

  it('reports an unknown expectation with a suggestion', () => {
    const file = write('typo.yaml', `${one}    expect:\n      stauts: 200\n`);
    expect(loadError(file)).toContain(`${file}:8:7 field "cases[0].expect.stauts": unknown field "stauts" (did you mean "status"?)`);
  });

  it('reports duplicate ids across files at the second definition', () => {
    const a = write('dup-a.yaml', one);
    const b = write('dup-b.yaml', `\n${one}`);
    expect(loadError([a, b])).toContain(`${b}:4:9 field "cases[0].id": duplicate test case id "PS-ONE" (first defined at ${a}:3)`);
    // the same line in French, for a run in French
    let french = '';
    try {
      loadCahier([a, b]);
    } catch (err) {
      french = (err as SetupError).problem.fr;
    }
    expect(french).toMatch(/^le cahier de recette contient 1 erreur\u00a0:\n/);
    expect(french).toContain(
      `${b}:4:9 champ «\u00a0cases[0].id\u00a0»\u00a0: identifiant de cas de test «\u00a0PS-ONE\u00a0» en double (défini d'abord en ${a}:3)`,
    );
  });

  it('requires a use case, on the case or the file', () => {
    const file = write('nouc.yaml', one.replace('useCase: psindiv\n', ''));
    expect(loadError(file)).toContain(`field "cases[0].useCase": missing use case`);
  });

  it('refuses SOS structures in a PS case and unknown requirement ids when a catalogue is given', () => {
    const file = write('mixed.yaml', one.replace('practitioners: [ps-un-lieu]', 'sos: [sos-a]'));
    expect(loadError(file)).toContain('field "cases[0].sos": a psindiv case names practitioners, not SOS structures');
    const other = write('req.yaml', one);
    expect(loadError(other, { requirementIds: new Set(['agg-psindiv@5']) })).toContain(
      `${other}:5:20 field "cases[0].requirements[0]": unknown requirement id "agg-psindiv@4"`,
    );
  });

  it('checks registered kinds and their params, and refuses request/expect on them', () => {
    const kinds = [
      {
        kind: 'tls-version',
        paramsSchema: { type: 'object', additionalProperties: false, properties: { min: { enum: ['TLSv1.2', 'TLSv1.3'] } } },
      },
    ];
    const good = write(
      'kind.yaml',
      `${one}    kind: tls-version\n    params: { min: TLSv1.2 }\n`.replace('    practitioners: [ps-un-lieu]\n', ''),
    );
    expect(loadCahier(good, { kinds })[0]).toMatchObject({ kind: 'tls-version', params: { min: 'TLSv1.2' } });
    const badParam = write(
      'kind-bad.yaml',
      `${one}    kind: tls-version\n    params: { min: SSLv3 }\n`.replace('    practitioners: [ps-un-lieu]\n', ''),
    );
    expect(loadError(badParam, { kinds })).toContain('field "cases[0].params.min": the text "SSLv3" is not allowed');
    const unknownKind = write('kind-unknown.yaml', `${one}    kind: dns-probe\n`);
    expect(loadError(unknownKind, { kinds })).toContain('field "cases[0].kind"');
    const mixed = write('kind-mixed.yaml', `${one}    kind: tls-version\n    expect: { status: 200 }\n`);
    expect(loadError(mixed, { kinds })).toContain(
      'field "cases[0].expect": "expect" is for search cases; kind "tls-version" takes "params"',
    );
  });

  it('reads role: x as roles: [x], and refuses unknown roles, roles of another use case, and roles beside keys', () => {
    const [tc] = loadCahier(write('role.yaml', one.replace('practitioners: [ps-un-lieu]', 'role: two-places')));
    expect(tc.roles).toEqual(['two-places']);
    const typo = write('role-typo.yaml', one.replace('practitioners: [ps-un-lieu]', 'role: two-place'));
    expect(loadError(typo)).toContain(
      `${typo}:6:11 field "cases[0].roles[0]": unknown role "two-place" for use case psindiv; roles of psindiv: one-place, two-places,`,
    );
    const other = write('role-other.yaml', one.replace('practitioners: [ps-un-lieu]', 'roles: [one-place, sos-two-places?]'));
    expect(loadError(other)).toContain(
      `${other}:6:24 field "cases[0].roles[1]": unknown role "sos-two-places" for use case psindiv (a role of use case sos)`,
    );
    const both = write('role-both.yaml', one.replace('practitioners: [ps-un-lieu]', 'practitioners: [ps-un-lieu]\n    role: one-place'));
    expect(loadError(both)).toContain('field "cases[0].practitioners": a case names roles or JDD keys, not both');
  });

  it('leaves JDD keys to the run: an unknown key is no load error', () => {
    const file = write('keys.yaml', one.replace('[ps-un-lieu]', '[ps-un-lieu, ps-absent]'));
    expect(loadCahier(file)[0].practitioners).toEqual(['ps-un-lieu', 'ps-absent']);
  });

  it('says when a folder holds no test case file or does not exist', () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    expect(loadError(empty)).toMatch(/no \*\.yaml test case file/);
    expect(loadError(join(dir, 'absent'))).toMatch(/cahier de recette not found/);
  });
});
