import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatYamlErrors,
  loadYamlFile,
  parseYamlText,
  yamlErrorsText,
  type LoadedYaml,
  type LocatedYamlError,
} from './load-located-yaml.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'people'],
  properties: {
    id: { type: 'string' },
    version: { type: 'string' },
    keys: { anyOf: [{ const: 'all' }, { type: 'array', items: { type: 'string' } }] },
    contact: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    people: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['idnps', 'family'],
        properties: {
          idnps: { type: 'string', pattern: '^(8[0-9]{11}|0[0-9A-Za-z]{9})$', description: 'an IDNPS (8 + RPPS or 0 + ADELI)' },
          family: { type: 'string' },
          phone: { type: 'string' },
          kind: { enum: ['individual', 'cpts'] },
        },
      },
    },
  },
};

const JDD = { fr: 'JDD', en: 'JDD' };
const NBSP = '\u00a0';

const dir = mkdtempSync(join(tmpdir(), 'sas-yaml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(name: string, text: string): LoadedYaml<unknown> {
  const file = join(dir, name);
  writeFileSync(file, text);
  return loadYamlFile(file, schema, { label: JDD });
}

function errorsOf(result: LoadedYaml<unknown>): LocatedYamlError[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

const good = `id: demo
version: "1.10"
people:
  - idnps: "810002909371"
    family: Martin
    phone: "+33612345678"
`;

describe('loadYamlFile', () => {
  it('loads a valid file and locates its values', () => {
    const result = load('good.yaml', good);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      id: 'demo',
      version: '1.10',
      people: [{ idnps: '810002909371', family: 'Martin', phone: '+33612345678' }],
    });
    expect(result.locate(['people', 0, 'phone'])).toEqual({ file: join(dir, 'good.yaml'), line: 6, col: 12 });
    expect(result.locate(['people', 0])).toMatchObject({ line: 4, col: 5 });
    // a path that does not exist falls back to its nearest ancestor
    expect(result.locate(['people', 0, 'nope'])).toMatchObject({ line: 4, col: 5 });
  });

  it('reports a YAML syntax error with line and column', () => {
    const errors = errorsOf(load('syntax.yaml', 'id: demo\nversion: "1"\npeople: [1, 2\nother: 3\n'));
    expect(errors[0]).toMatchObject({ line: 4, col: 1 });
    expect(errors[0].message.en).not.toContain('\n');
    // the parser's English words, inside a French sentence
    expect(errors[0].message.fr).toBe(`YAML invalide${NBSP}: ${errors[0].message.en}`);
  });

  it('reports a duplicate key with its position and field', () => {
    const errors = errorsOf(load('dup.yaml', 'id: demo\nversion: "1"\npeople: []\nversion: "2"\n'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 4, col: 1, field: 'version' });
    expect(errors[0].message).toEqual({
      fr: `clé en double${NBSP}: cette clé est déjà définie dans la même table clé-valeur`,
      en: 'duplicate key: this key is already defined in the same mapping',
    });
  });

  it('catches an alias bomb', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '',
    ].join('\n');
    const errors = errorsOf(load('bomb.yaml', bomb));
    expect(errors[0].message.en).toMatch(/alias bomb/);
    expect(errors[0].message.fr).toMatch(/^trop d'expansions d'alias/);
    expect(errors[0]).toMatchObject({ line: 2, col: 8 });
  });

  it('asks to quote an unquoted phone, with the value as written', () => {
    const errors = errorsOf(load('phone.yaml', good.replace('"+33612345678"', '+33612345678')));
    expect(errors).toEqual([
      expect.objectContaining({
        line: 6,
        col: 12,
        field: 'people[0].phone',
        message: {
          en: 'expected text but YAML read the number 33612345678: quote this value (write "+33612345678")',
          fr: `texte attendu, mais YAML a lu le nombre 33612345678${NBSP}: mettre cette valeur entre guillemets (écrire "+33612345678")`,
        },
      }),
    ]);
  });

  it('asks to quote an identifier with a leading zero and a version like 1.10', () => {
    const text = good.replace('"810002909371"', '0810002909371').replace('"1.10"', '1.10');
    const errors = errorsOf(load('zero.yaml', text));
    const byField = Object.fromEntries(errors.map((e) => [e.field, e]));
    expect(byField['version']).toMatchObject({ line: 2, col: 10 });
    expect(byField['version'].message.en).toContain('the number 1.1: quote this value (write "1.10")');
    expect(byField['version'].message.fr).toContain(`le nombre 1.1${NBSP}: mettre cette valeur entre guillemets (écrire "1.10")`);
    expect(byField['people[0].idnps']).toMatchObject({ line: 4, col: 12 });
    expect(byField['people[0].idnps'].message.en).toContain('write "0810002909371"');
    expect(byField['people[0].idnps'].message.fr).toContain('écrire "0810002909371"');
  });

  it('reports a wrong type that is not a quoting problem plainly', () => {
    const errors = errorsOf(load('type.yaml', good.replace('family: Martin', 'family: [Martin]')));
    expect(errors).toEqual([
      expect.objectContaining({
        line: 5,
        col: 13,
        field: 'people[0].family',
        message: { fr: `type attendu${NBSP}: texte, trouvé${NBSP}: une liste`, en: 'expected string, found a list' },
      }),
    ]);
  });

  it('reports a missing field at its parent', () => {
    const errors = errorsOf(load('missing.yaml', good.replace('    family: Martin\n', '')));
    expect(errors).toEqual([
      expect.objectContaining({
        line: 4,
        col: 5,
        field: 'people[0].family',
        message: { fr: `champ obligatoire «${NBSP}family${NBSP}» manquant`, en: 'missing required field "family"' },
      }),
    ]);
  });

  it('reports an unknown field at its key, with a suggestion', () => {
    const errors = errorsOf(load('unknown.yaml', good.replace('    family: Martin', '    familly: Martin\n    family: Martin')));
    expect(errors).toEqual([
      expect.objectContaining({
        line: 5,
        col: 5,
        field: 'people[0].familly',
        message: {
          fr: `champ «${NBSP}familly${NBSP}» inconnu (vouliez-vous dire «${NBSP}family${NBSP}»${NBSP}?)`,
          en: 'unknown field "familly" (did you mean "family"?)',
        },
      }),
    ]);
  });

  it('reports every error at once (allErrors), pattern and enum included', () => {
    const text = good.replace('"810002909371"', '"7123"').replace('    family: Martin', '    family: Martin\n    kind: both');
    const errors = errorsOf(load('many.yaml', text));
    expect(errors.map((e) => e.field).sort()).toEqual(['people[0].idnps', 'people[0].kind']);
    expect(errors.find((e) => e.field === 'people[0].idnps')?.message).toEqual({
      // no French description in this schema: the English one is quoted as it is
      fr: `le texte «${NBSP}7123${NBSP}» ne respecte pas le format attendu${NBSP}: an IDNPS (8 + RPPS or 0 + ADELI)`,
      en: 'the text "7123" does not match an IDNPS (8 + RPPS or 0 + ADELI)',
    });
    expect(errors.find((e) => e.field === 'people[0].kind')?.message).toEqual({
      fr: `valeur refusée${NBSP}: le texte «${NBSP}both${NBSP}»${NBSP}; valeurs acceptées${NBSP}: "individual", "cpts"`,
      en: 'the text "both" is not allowed; use one of "individual", "cpts"',
    });
  });

  it('reports an empty file, a missing file and a file over the size cap', () => {
    expect(errorsOf(load('empty.yaml', '# nothing\n'))[0].message).toEqual({ fr: 'le fichier est vide', en: 'the file is empty' });
    expect(errorsOf(loadYamlFile(join(dir, 'absent.yaml'), schema, { label: JDD }))[0].message).toEqual({
      fr: 'JDD introuvable',
      en: 'JDD not found',
    });
    const file = join(dir, 'big.yaml');
    writeFileSync(file, good);
    expect(errorsOf(loadYamlFile(file, schema, { label: JDD, maxBytes: 10 }))[0].message).toEqual({
      fr: `JDD trop volumineux${NBSP}: plus de 10 octets (lecture arrêtée à la limite)`,
      en: 'JDD is too large: input larger than 10 bytes (reading stopped at the limit)',
    });
  });
});

describe('anyOf / oneOf errors', () => {
  it('lists the accepted forms once when no form fits', () => {
    const errors = errorsOf(load('anyof.yaml', `${good}keys: 5\n`));
    expect(errors).toEqual([
      expect.objectContaining({
        line: 7,
        col: 7,
        field: 'keys',
        message: {
          fr: `ne correspond à aucune des formes acceptées${NBSP}: doit valoir "all"${NBSP}; ou type attendu${NBSP}: liste, trouvé${NBSP}: le nombre 5`,
          en: 'does not match any accepted form: must be "all"; or expected array, found the number 5',
        },
      }),
    ]);
  });

  it('keeps only the deeper error when the value fits one form', () => {
    const errors = errorsOf(load('anyof-deep.yaml', `${good}keys: [a, +33612345678]\n`));
    expect(errors).toEqual([
      expect.objectContaining({
        line: 7,
        col: 11,
        field: 'keys[1]',
        message: expect.objectContaining({ en: expect.stringContaining('write "+33612345678"') }),
      }),
    ]);
  });

  it('gives the quoting advice when text is one of the forms', () => {
    const errors = errorsOf(load('anyof-quote.yaml', `${good}contact: +33612345678\n`));
    expect(errors).toEqual([
      expect.objectContaining({
        line: 7,
        col: 10,
        field: 'contact',
        message: expect.objectContaining({
          en: expect.stringContaining('quote this value (write "+33612345678")'),
          fr: expect.stringContaining('mettre cette valeur entre guillemets (écrire "+33612345678")'),
        }),
      }),
    ]);
  });
});

describe('formatYamlErrors', () => {
  it('prints file:line:col field "x": message, one per line, in English', () => {
    const errors = errorsOf(parseYamlText('id: 1\n', 'cahier/ps.yaml', schema));
    const text = formatYamlErrors(errors, 'en');
    expect(text.split('\n')).toContain(
      'cahier/ps.yaml:1:5 field "id": expected text but YAML read the number 1: quote this value (write "1")',
    );
    expect(text.split('\n')).toContain('cahier/ps.yaml:1:1 field "version": missing required field "version"');
    expect(text).not.toMatch(/[«»\u00a0é]/);
    expect(formatYamlErrors([{ file: 'f.yaml', line: 2, col: 3, field: '', message: { fr: 'mauvais', en: 'bad' } }], 'en')).toBe(
      'f.yaml:2:3: bad',
    );
  });

  it('prints file:line:col champ « x » : message in French, with its non-breaking spaces', () => {
    const errors = errorsOf(parseYamlText('id: 1\n', 'cahier/ps.yaml', schema));
    const lines = formatYamlErrors(errors, 'fr').split('\n');
    expect(lines).toContain(
      `cahier/ps.yaml:1:5 champ «${NBSP}id${NBSP}»${NBSP}: texte attendu, mais YAML a lu le nombre 1${NBSP}: mettre cette valeur entre guillemets (écrire "1")`,
    );
    expect(lines).toContain(`cahier/ps.yaml:1:1 champ «${NBSP}version${NBSP}»${NBSP}: champ obligatoire «${NBSP}version${NBSP}» manquant`);
    expect(formatYamlErrors([{ file: 'f.yaml', line: 2, col: 3, field: '', message: { fr: 'mauvais', en: 'bad' } }], 'fr')).toBe(
      `f.yaml:2:3${NBSP}: mauvais`,
    );
  });

  it('yamlErrorsText gives both languages, for a SetupError', () => {
    const errors = errorsOf(parseYamlText('id: 1\n', 'cahier/ps.yaml', schema));
    expect(yamlErrorsText(errors)).toEqual({ fr: formatYamlErrors(errors, 'fr'), en: formatYamlErrors(errors, 'en') });
  });
});
