/**
 * Issue #12, item 11 (data): what JSON.parse and the yaml library hide or say badly.
 * - `1e999999` (Infinity after JSON.parse) is a number out of range, shown as written, never `"null"`;
 * - duplicate JSON keys (FHIR forbids them) are error findings with the path of the repetition;
 * - a deeply nested cahier / JDD gives one located "nested too deeply" error, not "Maximum call stack size exceeded".
 */
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../src/core/errors.js';
import type { DefinitionIndex } from '../../src/fhir/packages/types.js';
import { validateResource } from '../../src/fhir/validator/index.js';
import { parseJdd } from '../../src/jdd/load-jdd.js';
import { duplicateKeys, jsonTextFindings, scanJsonText } from '../../src/validate/json-text-checks.js';
import { parseFhirJson } from '../../src/validate/parse-input.js';
import { MAX_YAML_DEPTH, parseYamlText } from '../../src/yaml/load-located-yaml.js';
import { loadIndex } from '../validator/helpers.js';

const parse = (text: string) => parseFhirJson({ label: 'answer.json', size: text.length, content: Buffer.from(text) });

describe('numbers beyond the double range', () => {
  const text =
    '{"resourceType":"Slot","id":"s","status":"free","extension":[{"url":"http://example.org/n","valueDecimal":1e999999}],"minutesDuration":-1E400}';

  it('parse-input reports them with their source text and path', () => {
    const r = parse(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.findings.map((f) => [f.ruleId, f.location, f.severity])).toEqual([
      ['json-number-out-of-range', 'Slot.extension[0].valueDecimal', 'error'],
      ['json-number-out-of-range', 'Slot.minutesDuration', 'error'],
    ]);
    expect(r.findings[0].message.en).toContain('Number out of range: 1e999999 exceeds what a number can represent');
    expect(r.findings[0].message.fr).toContain('Nombre hors limites : 1e999999');
    expect(r.findings[1].message.en).toContain('-1E400');
  });

  it('the structural validator says "out of range", never "null"', async () => {
    const index: DefinitionIndex = await loadIndex('1.2.0');
    const r = parse(text);
    if (!r.ok) throw new Error('parsed');
    const found = validateResource(r.resource, { index }).findings.filter((f) => f.location.includes('valueDecimal'));
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      expect(f.message.en).not.toContain('null');
      expect(f.message.fr).not.toContain('null');
    }
    expect(found.map((f) => f.message.en)).toContain(
      'Number out of range for decimal: the value written exceeds what a number can represent (about ±1.8e308).',
    );
  });

  it('large but finite numbers and tiny ones are left alone', () => {
    expect(scanJsonText('{"a":1.7976931348623157e308,"b":1e-999999,"c":-0.5,"d":12345678901234567890}').outOfRange).toEqual([]);
  });
});

describe('duplicate JSON keys', () => {
  it('are found with the path of the repetition, at any depth, escapes decoded', () => {
    const text =
      '{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Slot","id":"a","id":"b"}},{"fullUrl":"x","search":{"mode":"match"},"fullUrl":"y"}],"\\u0074ype":"collection"}';
    expect(duplicateKeys(text, 'Bundle')).toEqual([
      { path: 'Bundle.entry[0].resource.id', key: 'id', offset: text.indexOf('"id":"b"') },
      { path: 'Bundle.entry[1].fullUrl', key: 'fullUrl', offset: text.lastIndexOf('"fullUrl"') },
      { path: 'Bundle.type', key: 'type', offset: text.indexOf('"\\u0074ype"') },
    ]);
  });

  it('the same key in sibling objects, or keys inside strings, are not duplicates', () => {
    expect(duplicateKeys('{"a":[{"id":1},{"id":2}],"b":{"id":"\\"id\\":"},"c":"{\\"a\\":1,\\"a\\":2}"}')).toEqual([]);
  });

  it('validate gets them as error findings (the answer is not valid)', () => {
    const r = parse('{"resourceType":"Slot","status":"free","status":"busy"}');
    expect(r.ok && r.findings).toMatchObject([{ severity: 'error', ruleId: 'json-duplicate-key', location: 'Slot.status' }]);
    expect(r.ok && r.findings[0].message.en).toBe(
      'JSON key "status" appears twice in the same object: FHIR JSON forbids duplicates, and readers keep either value.',
    );
  });

  it('a flood of duplicates is summarised, and odd keys are quoted in the path', () => {
    const keys = Array.from({ length: 1000 }, () => '"k":1').join(',');
    const findings = jsonTextFindings(`{"resourceType":"Basic","a b":{${keys}}}`, 'Basic', 10);
    expect(findings).toHaveLength(10);
    expect(findings[0].location).toBe('Basic["a b"].k');
    expect(findings[9].message.en).toContain('(and 989 more not listed)');
  });

  it('deep nesting (100,000 levels JSON.parse accepts) does not overflow the scanner', () => {
    const deep = `${'['.repeat(100_000)}{"a":1,"a":2}${']'.repeat(100_000)}`;
    expect(duplicateKeys(deep)).toHaveLength(1);
  });
});

describe('deeply nested YAML (cahier, JDD)', () => {
  const flow = (n: number) => `useCase: ${'['.repeat(n)}${']'.repeat(n)}\n`;
  const block = (n: number) => `id: x\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}a:`).join('\n')} 1\n`;

  it.each([
    ['flow, 5,000 levels (the yaml library overflows)', flow(5000)],
    ['block, 2,000 levels (the yaml library overflows)', block(2000)],
    ['flow, 200 levels (parses, but deeper than allowed)', flow(200)],
  ])('%s → one located "nested too deeply" error', (_what, text) => {
    const r = parseYamlText(text, 'deep.yaml', {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    const [e] = r.errors;
    expect(e.file).toBe('deep.yaml');
    expect(e.line).toBeGreaterThan(0);
    expect(e.message.en).toBe(
      `nested too deeply: more than ${MAX_YAML_DEPTH} levels of lists and mappings (a cahier or JDD needs fewer than 10); flatten the data`,
    );
    expect(e.message.fr).toMatch(/^imbrication trop profonde\u00a0: plus de 64 niveaux/);
    expect(`${e.message.fr} ${e.message.en}`).not.toMatch(/call stack/i);
    expect(e.field.length).toBeLessThan(60);
  });

  it('a JDD nested too deeply is a SetupError naming file:line:col', () => {
    let error: unknown;
    try {
      parseJdd(flow(3000), 'jdd.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SetupError);
    expect((error as Error).message).toMatch(
      /^JDD jdd\.yaml has a problem:\njdd\.yaml:1:\d+ field "useCase\[0\]\[0\]\[0\]…": nested too deeply/,
    );
  });

  it(`${MAX_YAML_DEPTH} levels are accepted`, () => {
    const r = parseYamlText(flow(MAX_YAML_DEPTH - 1), 'ok.yaml', {});
    expect(r.ok).toBe(true);
  });
});
