/**
 * The one terminal sanitiser of every human output (`validate` text, the `run` console, `ig list`).
 * Text from an endpoint or an input (ids, values quoted in messages) is untrusted: before it reaches a
 * terminal, control characters (C0 and C1, so ANSI escape sequences and carriage returns), line and
 * paragraph separators, bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the other
 * invisible format characters (Unicode category Cf: zero-width spaces and joiners, U+FEFF, soft hyphen…),
 * lone surrogates and U+FFFE/U+FFFF are shown as `\uXXXX` (`\u{XXXXX}` beyond the BMP), so that a
 * response cannot rewrite, reorder or hide lines of the report. The same characters as the PV and JUnit
 * escape (invisible-chars.ts), plus tab, line feed and carriage return, which a terminal line must not carry.
 */
import { INVISIBLE_OR_INVALID } from './invisible-chars.js';

/** The PV's and JUnit's class (one list, invisible-chars.ts) plus tab, line feed and carriage return. */
const UNSAFE = new RegExp(`${INVISIBLE_OR_INVALID.source.replace(/\]$/, '')}\t\n\r]`, 'gu');

function escape(c: string): string {
  const code = c.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text on one line, every unsafe character escaped (line breaks included). */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, escape);
}

/** Multi-line text of the tool's own (a note, a set-up message): each line made safe, the line breaks kept. */
export function terminalSafeLines(s: string): string {
  return s.split('\n').map(terminalSafe).join('\n');
}
