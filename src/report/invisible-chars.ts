/**
 * The characters an untrusted text (from an endpoint, a cahier, a JDD) must not bring raw into a report
 * a person reads or signs, and their visible form `⟨U+202E⟩`. One list for the PV (HTML) and JUnit (XML):
 * - bidirectional controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200E/F
 *   marks, U+061C) and every other invisible format character (Unicode category Cf: zero-width space and
 *   joiners, U+FEFF, soft hyphen, tag characters…): they can visually reorder or hide text;
 * - control characters C0 (except tab, line feed, carriage return) and C1, U+2028/U+2029: invalid in XML
 *   1.0 or in HTML, or able to rewrite lines;
 * - U+FFFE / U+FFFF and lone surrogates: not characters, invalid in XML 1.0 and in UTF-8.
 * Written by hand: the need is one regular expression over Unicode categories, which the engine provides.
 * src/report/terminal.ts builds its class from this one (plus tab and line breaks) and writes `\uXXXX`.
 */

/**
 * Every character {@link visibleEscape} rewrites (tab, line feed and carriage return are kept). With the
 * `u` flag a surrogate range matches only lone surrogates: a valid pair is one code point above U+FFFF.
 */
// eslint-disable-next-line no-control-regex
export const INVISIBLE_OR_INVALID = /[\p{Cf}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/** `⟨U+202E⟩`: how a report shows a character it will not write raw. */
export function visibleCodePoint(code: number): string {
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** The text with every invisible, control or invalid character shown as `⟨U+XXXX⟩`; tab, line feed and carriage return kept. */
export function visibleEscape(text: string): string {
  return text.replace(INVISIBLE_OR_INVALID, (c) => visibleCodePoint(c.codePointAt(0)!));
}
