import { describe, expect, it } from 'vitest';
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
