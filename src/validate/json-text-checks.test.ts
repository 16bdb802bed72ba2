import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scanJsonText } from './json-text-checks.js';

describe('scanJsonText: frames reused from one object to the next', () => {
  it('finds a duplicate among many keys (past the small-object list) and none in the next objects', () => {
    const many = Array.from({ length: 30 }, (_, k) => `"k${k}": ${k}`).join(', ');
    const text = `{"a": [{${many}, "k3": 0, "k29": 1}, {"k3": 1, "k29": 2}, {"x": {"k3": [1, 2]}, "k3": 3}], "b": {"b": 1}}`;
    expect(JSON.parse(text)).toBeTruthy();
    const scan = scanJsonText(text, 'Bundle');
    expect(scan.duplicateKeys.map((d) => [d.path, d.key])).toEqual([
      ['Bundle.a[0].k3', 'k3'],
      ['Bundle.a[0].k29', 'k29'],
    ]);
    expect(scan.duplicateKeyCount).toBe(2);
  });

  it('gives the path of a duplicate and of a number out of range after deeper objects closed', () => {
    const text = '{"a": {"b": {"c": {}}, "d": [1e999, {"e": 1, "e": 2}]}, "a": 1}';
    const scan = scanJsonText(text, 'Bundle');
    expect(scan.duplicateKeys.map((d) => d.path)).toEqual(['Bundle.a.d[1].e', 'Bundle.a']);
    expect(scan.outOfRange.map((o) => [o.path, o.text])).toEqual([['Bundle.a.d[0]', '1e999']]);
  });
});

/**
 * JSON texts written by hand from a tree whose objects are lists of members (so a key can repeat), with
 * keys that need escapes, numbers beyond the double range, and whitespace anywhere JSON allows it.
 */
const space = fc.constantFrom('', '', ' ', '\n  ', '\t', '\r\n');
const key = fc.constantFrom('a', 'b', 'id', 'a"b', 'a\\', '__proto__', 'é', '\u2028', '1', 'x:y', '{');
const number = fc.constantFrom('0', '-1', '2.5', '1e3', '12.5E+3', '1e999', '-1e400', '1e-999', '9'.repeat(320));
const leaf = fc.oneof(number, fc.constantFrom('true', 'false', 'null', '""', '"a\\"b"', '"x: y"', '"\\\\"', '"{["'));
const { value: jsonText } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .array(tie('value'), { maxLength: 4 })
      .chain((items) => fc.tuple(space, space).map(([s1, s2]) => `[${s1}${items.join(`${s2},${s1}`)}${s2}]`)),
    fc
      .array(fc.tuple(key, tie('value'), space, space), { maxLength: 5 })
      .map((members) => `{${members.map(([k, v, s1, s2]) => `${s1}${JSON.stringify(k)}${s2}:${s1}${v}${s2}`).join(',')}}`),
  ),
}));

describe('scanJsonText with the parsed value: the same scan, quicker when there is nothing to report', () => {
  it('gives exactly the result of the scan without it, on generated texts', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        const parsed: unknown = JSON.parse(text);
        expect(scanJsonText(text, 'Bundle', 100, parsed)).toEqual(scanJsonText(text, 'Bundle', 100));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a duplicate, a number out of range, and the nesting of a clean text', () => {
    const dup = '{"a": {"b": 1, "b": 2}}';
    expect(scanJsonText(dup, 'Bundle', 100, JSON.parse(dup)).duplicateKeys.map((d) => d.path)).toEqual(['Bundle.a.b']);
    const big = '{"a": [1, {"v": -1e400}]}';
    expect(scanJsonText(big, 'Bundle', 100, JSON.parse(big)).outOfRange.map((o) => [o.path, o.text])).toEqual([
      ['Bundle.a[1].v', '-1e400'],
    ]);
    const clean = '{"a": [[{"x": "a\\": {"}]], "b": {}}';
    expect(scanJsonText(clean, 'Bundle', 100, JSON.parse(clean))).toEqual({
      duplicateKeys: [],
      outOfRange: [],
      duplicateKeyCount: 0,
      outOfRangeCount: 0,
      maxDepth: 4,
    });
  });
});
