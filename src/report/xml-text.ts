/**
 * Text made safe for the JUnit XML whatever the XML library does with it, and a structural check of the
 * XML it built. junit-report-builder (5.1) writes failure bodies and system-out as CDATA and escapes only
 * the FIRST `]]>` of a text, then silently deletes characters XML 1.0 forbids, which can re-create a
 * `]]>` (`]\u0000]>`): an endpoint value could close the CDATA section and write markup, such as a fake
 * passing <testcase>. So every text is made safe before it reaches the builder:
 * - invisible, control and invalid characters shown as `⟨U+XXXX⟩` (invisible-chars.ts), so nothing is
 *   deleted behind our back and bidi controls cannot reorder what CI shows;
 * - every `]]>` split as `]]⟨U+003E⟩`, so no text can contain the end of a CDATA section.
 * Then the built XML is checked (testcases counted outside CDATA sections, no forbidden character): a
 * document that does not have one <testcase> per case is never written.
 */
import { visibleCodePoint, visibleEscape } from './invisible-chars.js';

/** The end of a CDATA section, in any text, shown with its `>` as `⟨U+003E⟩`. */
const CDATA_END = /]]>/g;

/** A text safe inside CDATA, an attribute value or element content of XML 1.0 (the library still escapes `<&"`). */
export function xmlText(text: string): string {
  return visibleEscape(text).replace(CDATA_END, `]]${visibleCodePoint(0x3e)}`);
}

/**
 * Checks the structure of a JUnit document the reporter built: no character XML 1.0 forbids, CDATA
 * sections closed, and exactly `expectedCases` <testcase> elements outside CDATA (text inside CDATA may
 * quote markup harmlessly). Throws an Error naming the problem: a broken or forged report is never written.
 */
export function assertJunitStructure(xml: string, expectedCases: number): void {
  const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u.exec(xml); // eslint-disable-line no-control-regex
  if (forbidden)
    throw new Error(`JUnit XML has a character XML 1.0 forbids (U+${forbidden[0].codePointAt(0)!.toString(16)}) at ${forbidden.index}`);
  let markup = '';
  let at = 0;
  for (;;) {
    const open = xml.indexOf('<![CDATA[', at);
    if (open < 0) break;
    const close = xml.indexOf(']]>', open + 9);
    if (close < 0) throw new Error('JUnit XML has an unclosed CDATA section');
    markup += xml.slice(at, open);
    at = close + 3;
  }
  markup += xml.slice(at);
  if (markup.includes(']]>')) throw new Error('JUnit XML has "]]>" outside a CDATA section');
  const testcases = markup.match(/<testcase[\s>/]/g)?.length ?? 0;
  if (testcases !== expectedCases) throw new Error(`JUnit XML has ${testcases} <testcase> elements for ${expectedCases} cases`);
}
