import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFhirJson, lineCol, type RawInput } from './parse-input.js';

const raw = (s: string | Buffer, label = 'in.json'): RawInput => {
  const content = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  return { label, size: content.length, content };
};

function fatalOf(s: string | Buffer) {
  const r = parseFhirJson(raw(s));
  if (r.ok) throw new Error('expected a fatal finding');
  expect(r.finding.severity).toBe('fatal');
  expect(r.finding.message.fr).not.toBe('');
  expect(r.finding.message.en).not.toBe('');
  return r.finding;
}

describe('parseFhirJson', () => {
  it('accepts a resource, with or without a UTF-8 BOM', () => {
    for (const s of ['{"resourceType":"Bundle","type":"searchset"}', '\ufeff {"resourceType":"Slot"}\n']) {
      const r = parseFhirJson(raw(s));
      expect(r.ok).toBe(true);
    }
  });

  it('judges nesting on the value: too deep is fatal, a deep part JSON.parse dropped (duplicate key) is not', () => {
    const deep = `${'['.repeat(300)}${']'.repeat(300)}`;
    expect(fatalOf(`{"resourceType":"Bundle","x":${deep}}`).ruleId).toBe('input-too-deep');
    const r = parseFhirJson(raw(`{"resourceType":"Bundle","x":${deep},"x":1}`));
    if (!r.ok) throw new Error('expected a resource');
    expect(r.findings.map((f) => [f.ruleId, f.location])).toEqual([['json-duplicate-key', 'Bundle.x']]);
  });

  it('reports an empty or blank input', () => {
    expect(fatalOf('').ruleId).toBe('input-empty');
    expect(fatalOf(' \n\t ').ruleId).toBe('input-empty');
  });

  it('recognises an HTML page and XML', () => {
    const html = fatalOf('\n<!DOCTYPE html><html><body>Login</body></html>');
    expect(html.ruleId).toBe('input-not-json');
    expect(html.message.en).toMatch(/HTML page/);
    expect(fatalOf('<Bundle xmlns="http://hl7.org/fhir"/>').message.en).toMatch(/XML/);
  });

  it('locates broken JSON by line and column', () => {
    const f = fatalOf('{\n  "resourceType": "Bundle",\n  "total": }');
    expect(f.ruleId).toBe('input-not-json');
    expect(f.location).toBe('in.json:3:12');
    expect(f.message.en).toMatch(/line 3, column 12/);
  });

  it('says a truncated JSON is incomplete', () => {
    const f = fatalOf('{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Slot"');
    expect(f.ruleId).toBe('input-not-json');
    expect(f.message.en).toMatch(/truncated/);
  });

  it('rejects JSON that is not a resource', () => {
    expect(fatalOf('null').message.en).toMatch(/null value/);
    expect(fatalOf('[{"resourceType":"Slot"}]').message.en).toMatch(/array \(1 items\)/);
    expect(fatalOf('"Bundle"').message.en).toMatch(/string value/);
    expect(fatalOf('{"type":"searchset"}').message.en).toMatch(/no "resourceType"/);
    expect(fatalOf('{"resourceType":42}').ruleId).toBe('input-not-resource');
  });

  it('rejects UTF-16 and invalid UTF-8', () => {
    expect(fatalOf(Buffer.from('\ufeff{"resourceType":"Slot"}', 'utf16le')).ruleId).toBe('input-not-utf8');
    expect(fatalOf(Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d])).ruleId).toBe('input-not-utf8');
    // a surrogate encoded in UTF-8 (CESU-8), an overlong encoding, a truncated sequence
    for (const bad of [
      [0xed, 0xa0, 0x80],
      [0xc0, 0xaf],
      [0xe2, 0x82],
    ]) {
      expect(fatalOf(Buffer.from([0x7b, 0x22, ...bad, 0x22, 0x7d])).ruleId).toBe('input-not-utf8');
    }
    // valid UTF-8 with a real U+FFFD in it is accepted
    expect(parseFhirJson(raw('{"resourceType":"Slot","comment":"\uFFFD"}')).ok).toBe(true);
  });

  it('says "not UTF-8" exactly for the inputs that are not, whatever the bytes', () => {
    const utf8Bytes = fc.array(
      fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x22, 0x7b, 0x7d, 0xef, 0xbf, 0xbd, 0xed, 0xf4)),
      {
        maxLength: 40,
      },
    );
    fc.assert(
      fc.property(utf8Bytes, (codes) => {
        const bytes = Buffer.from([0x7b, 0x22, ...codes, 0x22, 0x7d]);
        const r = parseFhirJson(raw(bytes));
        const saidNotUtf8 = !r.ok && r.finding.ruleId === 'input-not-utf8';
        expect(saidNotUtf8).toBe(!isUtf8(bytes));
      }),
      { numRuns: 5000, seed: 2026 },
    );
  });

  it('reports an input over the size limit without reading it', () => {
    const r = parseFhirJson({ label: 'big.json', size: 300 * 1024 * 1024, content: null });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.finding.ruleId).toBe('input-too-large');
      expect(r.finding.message.en).toMatch(/300\.0 MB exceeds the 100\.0 MB limit/);
    }
  });

  it('applies a custom limit', () => {
    const r = parseFhirJson(raw('{"resourceType":"Slot"}'), 5);
    expect(r.ok).toBe(false);
  });
});

describe('lineCol', () => {
  it('counts lines and columns from 1', () => {
    expect(lineCol('ab\ncd', 0)).toEqual({ line: 1, col: 1 });
    expect(lineCol('ab\ncd', 4)).toEqual({ line: 2, col: 2 });
    expect(lineCol('ab\n', 3)).toEqual({ line: 2, col: 1 });
  });
});
