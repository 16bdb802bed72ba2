import { describe, expect, it } from 'vitest';
import { CorruptEntry, ResourcePositions } from './cache-entry.js';

describe('ResourcePositions', () => {
  it('gives back each length and crc32, and the offsets that follow from the lengths', () => {
    const length = [0, 1, 35, 36, 4_294_967_296];
    const crc = [0, 4_294_967_295, 123_456_789, 1, 36 ** 5];
    const stored = ResourcePositions.of(length, crc);
    const read = new ResourcePositions(length.length, stored.lengthColumn, stored.crcColumn);
    expect(length.map((_, i) => read.at(i))).toEqual([
      { offset: 0, length: 0, crc: 0 },
      { offset: 0, length: 1, crc: 4_294_967_295 },
      { offset: 1, length: 35, crc: 123_456_789 },
      { offset: 36, length: 36, crc: 1 },
      { offset: 72, length: 4_294_967_296, crc: 36 ** 5 },
    ]);
  });

  it('says the entry is corrupt when a column does not hold one count per resource', () => {
    expect(() => new ResourcePositions(3, '1,2', '1,2,3').at(0)).toThrow(CorruptEntry);
    expect(() => new ResourcePositions(2, '1,2', '1,2,3').at(0)).toThrow(CorruptEntry);
    expect(() => new ResourcePositions(2, '1,-2', '1,2').at(0)).toThrow(CorruptEntry);
    expect(() => new ResourcePositions(2, '1,', '1,2').at(0)).toThrow(CorruptEntry);
    expect(() => new ResourcePositions(2, '1,2', '1,%').at(1)).toThrow(CorruptEntry);
  });
});
