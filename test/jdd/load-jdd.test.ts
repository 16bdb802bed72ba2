import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../src/core/errors.js';
import { loadJdd, parseJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import type { Jdd } from '../../src/jdd/types.js';

const [psFile, cptsFile, sosFile] = SHIPPED_JDD_FILES;

function setupMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SetupError);
    return (err as Error).message;
  }
  throw new Error('expected a SetupError');
}

function tagged(jdd: Jdd, tag: string) {
  return jdd.practitioners.filter((p) => p.roles?.includes(tag));
}

const cptsText = readFileSync(cptsFile, 'utf8');

describe('shipped JDDs', () => {
  const ps = loadJdd(psFile);
  const cpts = loadJdd(cptsFile);
  const sos = loadJdd(sosFile);

  it('load with defaults filled in', () => {
    expect(ps.useCase).toBe('psindiv');
    expect(ps.file).toBe(psFile);
    const minimal = tagged(ps, 'minimal')[0];
    expect(minimal).toMatchObject({
      participation: 'individual',
      cpts: [],
      slotTypes: ['PUBLIC'],
      consultationTypes: ['AMB'],
      appointmentTypes: ['ROUTINE'],
    });
    expect(minimal.phone).toBeUndefined();
  });

  it('cover every scenario of the ANS kit for PS', () => {
    expect(tagged(ps, 'one-place')[0].places).toHaveLength(1);
    expect(tagged(ps, 'two-places')[0].places).toHaveLength(2);
    expect(tagged(ps, 'multi-ps')).toHaveLength(2);
    const identity = tagged(ps, 'identity');
    expect(identity.every((p) => p.family && p.given.length > 0 && p.phone)).toBe(true);
    const all = tagged(ps, 'all-types')[0];
    expect(all.slotTypes.sort()).toEqual(['PRO', 'PUBLIC', 'SNP']);
    expect(all.consultationTypes.sort()).toEqual(['AMB', 'HH', 'VR']);
    expect(all.appointmentTypes.sort()).toEqual(['ROUTINE', 'WALKIN']);
    expect(ps.practitioners.length).toBeGreaterThanOrEqual(26);
    expect(ps.unknownIdentifiers.length).toBeGreaterThan(0);
  });

  it('cover the CPTS scenarios', () => {
    const [two] = tagged(cpts, 'cpts-two-cpts');
    expect(two).toMatchObject({ participation: 'cpts' });
    expect(two.sharedCptsSlots).toBeFalsy();
    expect(two.cpts).toHaveLength(2);
    expect(tagged(cpts, 'cpts-shared-slot')[0]).toMatchObject({ sharedCptsSlots: true });
    expect(tagged(cpts, 'cpts-individual-only')[0]).toMatchObject({ participation: 'individual', cpts: [] });
    expect(tagged(cpts, 'cpts-one-cpts')[0].cpts).toEqual([cpts.cpts[0].key]);
  });

  it('cover the SOS scenarios', () => {
    expect(sos.sos.map((s) => s.locations.length).sort()).toEqual([1, 2]);
    expect(sos.sos.every((s) => s.slotTypes.every((t) => t === 'PUBLIC' || t === 'SNP'))).toBe(true);
  });

  it('keep identifiers unique across the three files (the mock serves them together)', () => {
    const ids = [ps, cpts, sos].flatMap((j) => [
      ...j.practitioners.map((p) => p.idnps),
      ...j.sos.map((s) => s.siret),
      ...j.unknownIdentifiers,
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('loadJdd errors', () => {
  it('asks to quote an unquoted phone, with file, line and field', () => {
    const text = cptsText.replace('phone: "+33199000301"', 'phone: +33199000301');
    const message = setupMessage(() => parseJdd(text, 'datasets/x.yaml'));
    const line = text.split('\n').findIndex((l) => l.includes('phone: +33199000301')) + 1;
    expect(message).toContain(
      `datasets/x.yaml:${line}:12 field "cpts[0].phone": expected text but YAML read the number 33199000301: quote this value (write "+33199000301")`,
    );
  });

  it('rejects malformed identifiers with the rule', () => {
    const text = cptsText.replace('finess: "1750900011"', 'finess: "2A0900011"').replace('idnps: "819999900111"', 'idnps: "81999990011"');
    const message = setupMessage(() => parseJdd(text, 'x.yaml'));
    expect(message).toMatch(/field "cpts\[0\]\.finess": the text "2A0900011" does not match an IDNST FINESS: 1 \+ 9-digit FINESS/);
    expect(message).toMatch(/field "practitioners\[0\]\.idnps": the text "81999990011" does not match an IDNPS/);
    expect(message).toMatch(/^JDD x\.yaml has 2 problems:/);
  });

  it('rejects a phone with spaces and a bad SIRET', () => {
    const sosText = readFileSync(sosFile, 'utf8')
      .replace('"+33199000401"', '"01 99 00 04 01"')
      .replace('siret: "399000502700323"', 'siret: "39900050270032"');
    const message = setupMessage(() => parseJdd(sosText, 'sos.yaml'));
    expect(message).toContain('field "sos[0].phone": the text "01 99 00 04 01" does not match an international phone number');
    expect(message).toContain('field "sos[1].siret": the text "39900050270032" does not match an IDNST SIRET');
  });

  it('reports an unknown CPTS key, a duplicate IDNPS and a duplicate key at their lines', () => {
    const text = cptsText
      .replace('cpts: [cpts-loire-nord]', 'cpts: [cpts-loire-ouest]')
      .replace('idnps: "819999900129"', 'idnps: "819999900111"')
      .replace('key: ps-mixte', 'key: ps-individuel');
    const message = setupMessage(() => parseJdd(text, 'c.yaml'));
    const lines = text.split('\n');
    const lineOf = (needle: string, nth = 0) => lines.map((l, i) => (l.includes(needle) ? i + 1 : 0)).filter(Boolean)[nth];
    expect(message).toContain(
      `c.yaml:${lineOf('cpts-loire-ouest')}:12 field "practitioners[3].cpts[0]": CPTS "cpts-loire-ouest" is not defined`,
    );
    expect(message).toContain(
      `c.yaml:${lineOf('idnps: "819999900111"', 1)}:12 field "practitioners[1].idnps": IDNPS "819999900111" is already used`,
    );
    expect(message).toContain(
      `c.yaml:${lineOf('key: ps-individuel', 1)}:10 field "practitioners[4].key": key "ps-individuel" is already used`,
    );
    // the same lines in French, for a run in French
    let french = '';
    try {
      parseJdd(text, 'c.yaml');
    } catch (err) {
      french = (err as SetupError).problem.fr;
    }
    expect(french).toMatch(/^le JDD c\.yaml contient 3 problèmes\u00a0:\n/);
    expect(french).toContain(
      `c.yaml:${lineOf('cpts-loire-ouest')}:12 champ «\u00a0practitioners[3].cpts[0]\u00a0»\u00a0: CPTS «\u00a0cpts-loire-ouest\u00a0» absente de la liste «\u00a0cpts\u00a0» de ce JDD`,
    );
    expect(french).toContain(
      `c.yaml:${lineOf('key: ps-individuel', 1)}:10 champ «\u00a0practitioners[4].key\u00a0»\u00a0: clé «\u00a0ps-individuel\u00a0» déjà utilisée par une entrée précédente`,
    );
  });

  it('checks participation against the declared CPTS', () => {
    const text = cptsText
      .replace('    participation: individual\n', '    participation: individual\n    cpts: [cpts-loire-nord]\n')
      .replace('    cpts: [cpts-loire-sud]\n', '');
    const message = setupMessage(() => parseJdd(text, 'c.yaml'));
    expect(message).toContain('field "practitioners[2].cpts": this PS is declared individual only');
    expect(message).toContain('field "practitioners[4].participation": participation "both" needs at least one CPTS key');
  });

  it('rejects an unknown identifier that belongs to the JDD, and unknown fields', () => {
    const text = cptsText
      .replace('unknownIdentifiers: ["819999909104"]', 'unknownIdentifiers: ["819999900111"]')
      .replace('sharedCptsSlots: true', 'sharedCptsSlot: true');
    const message = setupMessage(() => parseJdd(text, 'c.yaml'));
    expect(message).toContain('field "practitioners[1].sharedCptsSlot": unknown field "sharedCptsSlot" (did you mean "sharedCptsSlots"?)');
    const fixed = text.replace('sharedCptsSlot: true', 'sharedCptsSlots: true');
    expect(setupMessage(() => parseJdd(fixed, 'c.yaml'))).toContain(
      'field "unknownIdentifiers[0]": "819999900111" is listed as unknown but belongs to an entry',
    );
  });

  it('reports a missing file as a setup error', () => {
    expect(setupMessage(() => loadJdd('/nonexistent/jdd.yaml'))).toContain('/nonexistent/jdd.yaml:1:1: JDD not found');
  });
});
