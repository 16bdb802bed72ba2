import { describe, expect, it } from 'vitest';
import { findJsonErrorOffset } from './json-error-position.js';

describe('findJsonErrorOffset', () => {
  it('returns -1 for valid JSON of every kind', () => {
    for (const s of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0', '{"a":{"b":[{}]}}']) {
      expect(findJsonErrorOffset(s), s).toBe(-1);
      expect(() => JSON.parse(s)).not.toThrow();
    }
  });

  it('points at the offending character', () => {
    expect(findJsonErrorOffset('{"a":}')).toBe(5);
    expect(findJsonErrorOffset('{"a" 1}')).toBe(5);
    expect(findJsonErrorOffset('[1,,2]')).toBe(3);
    expect(findJsonErrorOffset('{"a":1,}')).toBe(7);
    expect(findJsonErrorOffset("{'a':1}")).toBe(1);
    expect(findJsonErrorOffset('{} x')).toBe(3);
    expect(findJsonErrorOffset('{"a":tru}')).toBe(5);
    expect(findJsonErrorOffset('{"a":"bad \\x escape"}')).toBe(5);
    expect(findJsonErrorOffset('{"a":01}')).toBe(6);
  });

  it('returns the text length when the text stops too early', () => {
    for (const s of ['{"a":', '{"a":[1,2', '[', '{"resourceType":"Bundle","entry":[{']) {
      expect(findJsonErrorOffset(s), s).toBe(s.length);
    }
  });

  it('does not overflow on deep nesting nor on long strings full of escapes', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(199_999);
    expect(findJsonErrorOffset(deep)).toBe(deep.length);
    const escapes = `{"a":"${'x\\n'.repeat(2_000_000)}"}`;
    expect(findJsonErrorOffset(escapes)).toBe(-1);
  });
});
