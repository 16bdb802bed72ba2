/**
 * Issue #12, defect 1 (and the JUnit half of 10): untrusted text cannot break or forge the JUnit XML.
 * junit-report-builder escapes only the first `]]>` of a text and deletes forbidden characters after
 * that, so a second `]]>`, or `]\u0000]>`, used to close the CDATA section and let an endpoint write a
 * fake passing <testcase>. Each payload is put in every text field a case has (finding messages and
 * locations, case title, reason, reserves, requirements, group, source, exchange URL and headers); the
 * output must be well-formed (fast-xml-parser's validator and libxml2's, as WebAssembly), have one <testcase> per case,
 * and show the payload as text. Bidi controls are shown as `⟨U+202E⟩`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/core/model.js';
import { INJECTION } from '../../src/mock/apply-defects.js';
import { renderJunit } from '../../src/report/junit.js';
import { assertJunitStructure, xmlText } from '../../src/report/xml-text.js';
import { makeRunResult } from './fixtures/run-result.js';
import { xmllintWellFormed } from './helpers/xmllint.js';

const FAKE_CASE =
  ']]></failure></testcase><testcase name="FORGED — all good" classname="sas.psindiv" time="0"/><testcase name="x"><failure><![CDATA[';

const PAYLOADS: Record<string, string> = {
  'two ]]>': `first ]]> second ]]> ${FAKE_CASE}`,
  'one ]]> then the forged case': `a ]]> b ${FAKE_CASE}`,
  ']\\u0000]>': `x ]\u0000]></failure></testcase><testcase name="FORGED-NUL"/><testcase name="y"><failure> z`,
  ']\\u0007]\\u001f>': `x ]\u0007]\u001f></failure></testcase><testcase name="FORGED-BEL"/>`,
  'lone surrogates': `high \uD800 low \uDC00 reversed \uDC00\uD800 ]]\uD800> end`,
  'U+FFFE / U+FFFF': `non \uFFFE chars \uFFFF ]]\uFFFF>`,
  'bidi override': `Dr \u202Eetnerruoc\u202C and \u2066isolate\u2069 \u200Fmark\u061C`,
  ...Object.fromEntries(Object.entries(INJECTION).map(([k, v]) => [`injection ${k}`, v])),
  ...Object.fromEntries(Object.entries(INJECTION).map(([k, v]) => [`injection ${k} around ]]>`, `${v} ]]> ${v}`])),
};

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  cdataPropName: '#cdata',
  isArray: (n) => n === 'testcase' || n === 'testsuite',
});

/** The fixture run with the payload in every text a case carries. */
function poisoned(payload: string): RunResult {
  const run = makeRunResult();
  for (const c of run.cases) {
    c.title = { fr: `${c.title.fr} ${payload}`, en: `${c.title.en} ${payload}` };
    c.reason = { fr: `raison ${payload}`, en: `reason ${payload}` };
    c.reserves = [...(c.reserves ?? []), { fr: `réserve ${payload}`, en: `reserve ${payload}` }];
    c.requirements = [...c.requirements, `req ${payload}`];
    c.source = `testcases/x.yaml ${payload}:3`;
    for (const f of c.findings) {
      f.message = { fr: `${f.message.fr} ${payload}`, en: `${f.message.en} ${payload}` };
      f.location = `${f.location} ${payload}`;
    }
    for (const x of c.exchanges) {
      x.request = { ...x.request, url: `${x.request.url}&q=${payload}`, headers: { ...x.request.headers, 'x-evil': payload } };
      if (x.response) x.response = { ...x.response, headers: { ...x.response.headers, 'x-echo': payload } };
    }
  }
  run.summary.reserves = run.summary.reserves.map((r) => ({
    ...r,
    message: { fr: `${r.message.fr} ${payload}`, en: `${r.message.en} ${payload}` },
  }));
  run.pvInfo = { ...run.pvInfo, editor: `Editeur ${payload}` };
  return run;
}

function testcaseNames(xml: string): string[] {
  const doc = xmlParser.parse(xml) as { testsuites: { testsuite: Array<{ testcase?: Array<{ name: string }> }> } };
  return doc.testsuites.testsuite.flatMap((s) => (s.testcase ?? []).map((c) => c.name));
}

function countTestcases(xml: string): number {
  const doc = xmlParser.parse(xml) as { testsuites: { testsuite: Array<{ testcase?: unknown[] }> } };
  return doc.testsuites.testsuite.reduce((n, s) => n + (s.testcase?.length ?? 0), 0);
}

describe('JUnit with hostile text (issue #12, defect 1)', () => {
  for (const [name, payload] of Object.entries(PAYLOADS)) {
    it(`stays well-formed with one <testcase> per case: ${name}`, async () => {
      const run = poisoned(payload);
      for (const lang of ['fr', 'en'] as const) {
        const xml = renderJunit(run, lang);
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(countTestcases(xml)).toBe(run.cases.length);
        expect(testcaseNames(xml).every((n) => run.cases.some((c) => n.startsWith(`${c.id} — `)))).toBe(true);
        // eslint-disable-next-line no-control-regex
        expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
        expect(/[\uD800-\uDFFF]/u.test(xml)).toBe(false); // no lone surrogate
        const lint = await xmllintWellFormed(xml);
        expect(lint.messages).toBe('');
        expect(lint.valid).toBe(true);
      }
    });
  }

  it('the forged-testcase payload reaches CI as text, with its markers visibly split', () => {
    const xml = renderJunit(poisoned(PAYLOADS['two ]]>']), 'en');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(testcaseNames(xml).some((n) => n.startsWith('FORGED'))).toBe(false);
    // in a failure body (CDATA): the markup is quoted text
    expect(xml).toContain('first ]]⟨U+003E⟩ second ]]⟨U+003E⟩ ]]⟨U+003E⟩</failure></testcase><testcase name="FORGED — all good"');
    // in the failure message attribute: escaped by the library
    expect(xml).toMatch(/message="[^"]*first ]]⟨U\+003E⟩ second ]]⟨U\+003E⟩ ]]⟨U\+003E⟩&lt;\/failure>/);
  });

  it('shows bidi controls as ⟨U+XXXX⟩ in names, properties and bodies (defect 10)', () => {
    const xml = renderJunit(poisoned(PAYLOADS['bidi override']), 'en');
    expect(xml).toContain('Dr ⟨U+202E⟩etnerruoc⟨U+202C⟩ and ⟨U+2066⟩isolate⟨U+2069⟩ ⟨U+200F⟩mark⟨U+061C⟩');
    const doc = xmlParser.parse(xml) as { testsuites: { testsuite: Array<{ testcase: Array<{ name: string }> }> } };
    expect(doc.testsuites.testsuite[0].testcase[0].name).toContain('⟨U+202E⟩');
  });
});

describe('xmlText', () => {
  it('splits every "]]>" and shows forbidden characters, so the library cannot re-create a marker', () => {
    expect(xmlText('a]]>b]]>c')).toBe('a]]⟨U+003E⟩b]]⟨U+003E⟩c');
    expect(xmlText(']\u0000]>')).toBe(']⟨U+0000⟩]>');
    expect(xmlText('tab\tline\nret\r')).toBe('tab\tline\nret\r');
    expect(xmlText(xmlText('x]]>\u202E'))).toBe(xmlText('x]]>\u202E')); // idempotent
  });
});

describe('assertJunitStructure', () => {
  it('refuses a document with a forged <testcase> outside CDATA, accepts one quoted inside CDATA', () => {
    const ok =
      '<testsuites><testsuite><testcase name="a"><failure><![CDATA[<testcase name="quoted"/>]]></failure></testcase></testsuite></testsuites>';
    expect(() => assertJunitStructure(ok, 1)).not.toThrow();
    const forged =
      '<testsuites><testsuite><testcase name="a"><failure><![CDATA[x]]></failure></testcase><testcase name="forged"/></testsuite></testsuites>';
    expect(() => assertJunitStructure(forged, 1)).toThrow(/2 <testcase> elements for 1 cases/);
    expect(() => assertJunitStructure('<testsuites><![CDATA[x</testsuites>', 0)).toThrow(/unclosed CDATA/);
    expect(() => assertJunitStructure('<testsuites>\u0000</testsuites>', 0)).toThrow(/forbids/);
  });
});
