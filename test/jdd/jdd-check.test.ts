/**
 * `sas-recette jdd check` and `run --list` with an editor's own JDD, through the built CLI (spawned:
 * what a user runs). Needs `npm run build` first (dist/).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';

const BIN = resolve('bin/sas-recette.js');
const dir = mkdtempSync(join(tmpdir(), 'sas-jdd-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sas(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, NO_COLOR: '1' }, timeout: 60_000 }, (error, out, err) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, out, err });
    });
  });
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

/** An editor's JDD: its own keys and identifiers, no PS with two places, no "minimal" PS, no bulk. */
const OTHER = `id: editeur-autre
version: "2"
useCase: psindiv
bookingBaseUrl: "https://rdv.editeur-autre.example/sas"
practitioners:
  - key: dr-dupont
    roles: [one-place, identity, multi-ps]
    idnps: "819999970015"
    family: DUPONT
    given: [Anne]
    phone: "+33639970001"
    places:
      - { key: cab, line: ["1 rue Haute"], city: Rennes, postalCode: "35000", organizationIdnst: "399000001000118" }
  - key: dr-durand
    roles: [multi-ps, all-types]
    idnps: "819999970023"
    family: DURAND
    given: [Luc]
    slotTypes: [PUBLIC, SNP]
    consultationTypes: [AMB, VR]
    places:
      - { key: cab, line: ["2 rue Basse"], city: Rennes, postalCode: "35000" }
`;

describe('sas-recette jdd check', () => {
  it('passes the shipped JDDs (exit 0), listing each role the cahier needs with the entries that fill it', async () => {
    const r = await sas(['jdd', 'check', ...SHIPPED_JDD_FILES, '--lang', 'en']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('two-places → ps-deux-lieux (819999900020)');
    expect(r.out).toContain('multi-ps → ps-multi-a (819999900038), ps-multi-b (819999900046)');
    expect(r.out).toContain('cpts-shared-slot → ps-cpts-partage (819999900129)');
    expect(r.out).toContain('0 error(s), 0 warning(s); 44 of 44 cases applicable');
  });

  it('lists the roles an editor JDD lacks as warnings (exit 0) with the cases left not-applicable', async () => {
    const file = write('other.yaml', OTHER);
    const r = await sas(['jdd', 'check', file, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('one-place → dr-dupont (819999970015)');
    expect(r.out).toContain('two-places → NOT FILLED');
    expect(r.out).toMatch(
      /! .*other\.yaml:\d+:\d+ field "practitioners": role "bulk" \(PS of a 25-identifier search\): JDD "editeur-autre" .* does not fill it — it needs at least 2 entries in practitioners declaring roles: \[bulk\] \(2 to 25 entries, individual slots\); could play it: dr-dupont, dr-durand — cases not applicable: PS-25-IDENTIFIERS/,
    );
    expect(r.out).toMatch(/PS-4\.4-TWO-PLACES — role "two-places"/);
    // no regulator identities: the flux-v1 cases (useCase all) would be not applicable
    expect(r.out).toMatch(
      /field "regulators": no regulator identity \(regulators\): if this JDD is the run's first, the 31 regulator-account cases \(flux V1\) will be not applicable/,
    );
    expect(r.out).toContain('of 44 cases applicable');
    const json = JSON.parse((await sas(['jdd', 'check', file, '--format', 'json'])).out) as {
      files: { ok: boolean; roles: { role: string; filled: boolean }[] }[];
    };
    expect(json.files[0].ok).toBe(true);
    expect(json.files[0].roles.find((x) => x.role === 'minimal')).toMatchObject({ filled: false });
  });

  it('names each problem with file:line and exits 1', async () => {
    const text = OTHER.replace('idnps: "819999970023"', 'idnps: "819999970024"') // wrong Luhn key
      .replace('roles: [multi-ps, all-types]', 'roles: [multi-ps, all-types, two-places, two-place]') // cannot play, unknown
      .replace('phone: "+33639970001"', 'phone: +33639970001'); // unquoted: YAML reads a number
    const file = write('bad.yaml', text);
    const r = await sas(['jdd', 'check', file, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `${file}:${lineOf(text, 'phone: +33639970001')}:12 field "practitioners[0].phone": expected text but YAML read the number`,
    );
    // the same located problem in French (the default language), and both languages in the JSON output
    const frBad = await sas(['jdd', 'check', file]);
    expect(frBad.out).toContain(
      `${file}:${lineOf(text, 'phone: +33639970001')}:12 champ «\u00a0practitioners[0].phone\u00a0»\u00a0: texte attendu, mais YAML a lu le nombre 33639970001\u00a0: mettre cette valeur entre guillemets (écrire "+33639970001")`,
    );
    const json = JSON.parse((await sas(['jdd', 'check', file, '--format', 'json'])).out) as {
      files: { ok: boolean; problems: { field: string; message: { fr: string; en: string } }[] }[];
    };
    expect(json.files[0].ok).toBe(false);
    expect(json.files[0].problems.find((p) => p.field === 'practitioners[0].phone')?.message).toEqual({
      fr: 'texte attendu, mais YAML a lu le nombre 33639970001\u00a0: mettre cette valeur entre guillemets (écrire "+33639970001")',
      en: 'expected text but YAML read the number 33639970001: quote this value (write "+33639970001")',
    });
    // schema problems stop the reading of the file: fix them, then the rest is checked
    const fixed = write('bad2.yaml', text.replace('phone: +33639970001', 'phone: "+33639970001"'));
    const r2 = await sas(['jdd', 'check', fixed, '--lang', 'en']);
    expect(r2.code).toBe(1);
    const roleLine = lineOf(text, 'roles: [multi-ps, all-types, two-places');
    expect(r2.out).toContain(
      `✗ ${fixed}:${roleLine}:34 field "practitioners[1].roles[2]": entry "dr-durand" declares role "two-places" (at least 2 places, individual slots) but 1 place (places), at least 2 needed`,
    );
    expect(r2.out).toContain(`! ${fixed}:${roleLine}:46 field "practitioners[1].roles[3]": unknown role "two-place" for use case psindiv`);
    expect(r2.out).toContain(
      `! ${fixed}:${lineOf(text, '819999970024')}:12 field "practitioners[1].idnps": "819999970024": the check digit (Luhn) of RPPS 19999970024 is wrong`,
    );
    const fr = await sas(['jdd', 'check', fixed]);
    expect(fr.out).toMatch(
      /champ «\u00a0practitioners\[1\]\.roles\[2\]\u00a0»\u00a0: l'entrée «.dr-durand.» déclare le rôle «.two-places.»/,
    );
  });

  it('exits 2 on an unreadable file or a missing argument', async () => {
    const r = await sas(['jdd', 'check', join(dir, 'absent.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('JDD introuvable\u00a0:');
    expect((await sas(['jdd', 'check', join(dir, 'absent.yaml'), '--lang', 'en'])).err).toContain('JDD not found');
    expect((await sas(['jdd', 'check'])).code).toBe(2);
  });
});

describe('an editor JDD with its own keys runs the shipped cahier', () => {
  it('run --list loads without error and shows, for each case, the roles and entries chosen or why it does not apply', async () => {
    const file = write('other-run.yaml', OTHER);
    const r = await sas(['run', '--list', '--jdd', file, '--lang', 'en']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const after = (id: string) => r.out.split('\n')[r.out.split('\n').findIndex((l) => l.startsWith(`${id} `)) + 1];
    expect(after('PS-4.3-SEARCH')).toBe('    editeur-autre: roles one-place → dr-dupont (819999970015)');
    expect(after('PS-4.5-MULTI-PS')).toBe('    editeur-autre: roles multi-ps → dr-dupont (819999970015), dr-durand (819999970023)');
    expect(after('PS-4.4-TWO-PLACES')).toMatch(
      /^ {4}not applicable: role "two-places" \(PS practising in several places \(kit 4\.4\)\): JDD "editeur-autre" \(.*other-run\.yaml\) does not fill it/,
    );
    expect(after('PS-ALL-RULES')).toContain('two-places? → (not filled, left out)');
  });
});
