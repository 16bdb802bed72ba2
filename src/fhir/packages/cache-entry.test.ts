import { describe, expect, it } from 'vitest';
import { CorruptEntry, ResourcePositions } from './cache-entry.js';

describe('ResourcePositions', () => {
  it("gives back each resource's offset, length and crc32, up to the largest each field holds", () => {
    const list = [
      { offset: 0, length: 0, crc: 0 },
      { offset: 0, length: 1, crc: 4_294_967_295 },
      { offset: 2 ** 48 - 1, length: 36 ** 7 - 1, crc: 123_456_789 },
    ];
    const stored = ResourcePositions.of(list);
    const read = new ResourcePositions(list.length, stored.column);
    expect(list.map((_, i) => read.at(i))).toEqual(list);
    expect(() => ResourcePositions.of([{ offset: 0, length: 36 ** 7, crc: 0 }])).toThrow('does not fit');
  });

  it('says the entry is corrupt when the column does not hold one position per resource, or a field is not a number', () => {
    const column = ResourcePositions.of([{ offset: 5, length: 6, crc: 7 }]).column;
    expect(() => new ResourcePositions(2, column)).toThrow(CorruptEntry);
    expect(() => new ResourcePositions(1, `${column}0`)).toThrow(CorruptEntry);
    const positions = new ResourcePositions(1, column);
    expect(() => positions.at(1)).toThrow(CorruptEntry);
    expect(() => positions.at(-1)).toThrow(CorruptEntry);
    expect(() => new ResourcePositions(1, `%${column.slice(1)}`).at(0)).toThrow(CorruptEntry);
    expect(() => new ResourcePositions(1, `${column.slice(0, -7)}-000001`).at(0)).toThrow(CorruptEntry);
  });
});
