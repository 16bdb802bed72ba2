import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeLines } from './terminal.js';

describe('terminalSafe', () => {
  it('keeps ordinary text including accents and emoji', () => {
    expect(terminalSafe('Créneau réservé ✓ 🙂')).toBe('Créneau réservé ✓ 🙂');
    expect(terminalSafe('le 2 mars à 8\u00a0h\u202f: ok')).toBe('le 2 mars à 8\u00a0h\u202f: ok'); // spaces are not format characters
  });

  it('escapes control characters, ANSI escapes included, and C1 controls', () => {
    expect(terminalSafe('a\u001b[2Jb\nc\u009bd\re\t\u0007\u007f')).toBe('a\\u001b[2Jb\\u000ac\\u009bd\\u000de\\u0009\\u0007\\u007f');
  });

  it('escapes bidi overrides and isolates, and the other invisible format characters', () => {
    const bidi = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
    expect(terminalSafe(bidi)).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c');
    expect(terminalSafe('x\u200by\u200dz\u2060\ufeff\u00ad\u2028\u2029')).toBe('x\\u200by\\u200dz\\u2060\\ufeff\\u00ad\\u2028\\u2029');
    expect(terminalSafe('tag\u{e0041}')).toBe('tag\\u{e0041}');
    expect(terminalSafe('a\ud800b\udc00c\ufffe 😀')).toBe('a\\ud800b\\udc00c\\ufffe 😀'); // lone surrogates, non-characters; a pair is kept
  });

  it('keeps the line breaks of multi-line text of the tool, each line made safe', () => {
    expect(terminalSafeLines('java absent\n  \u202eessayez\u001b[31m')).toBe('java absent\n  \\u202eessayez\\u001b[31m');
  });
});
