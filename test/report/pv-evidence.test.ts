/**
 * Evidence that shows the fault: a failed case's answer is excerpted around each failing location
 * (the resource at `Bundle.entry[n]`, pretty-printed, the failing lines marked, a few lines of
 * context), the full answer behind a disclosure; an answer that is cut, not JSON or without a
 * locatable finding shows its first lines. Request URLs are decoded for reading, the wire form beside.
 * Everything stays escaped.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { RunResult } from '../../src/core/model.js';
import { renderPv } from '../../src/report/html/index.js';
import { EXCERPT_MAX_RESOURCES, faultExcerpts } from '../../src/report/html/fault-excerpt.js';
import { readableUrl } from '../../src/report/html/url-text.js';
import { makeRunResult } from './fixtures/run-result.js';

function card(doc: string, id: string): string {
  const start = doc.indexOf(`<code class="id">${id}</code> — `);
  expect(start, id).toBeGreaterThan(0);
  return doc.slice(start, doc.indexOf('</article>', start));
}

const marked = (html: string): string[] => [...html.matchAll(/<mark>▶ ([^<]*)<\/mark>/g)].map((m) => m[1]);

function bundle(entries: unknown[]): string {
  return JSON.stringify({
    resourceType: 'Bundle',
    type: 'searchset',
    total: entries.length,
    entry: entries.map((resource) => ({ resource })),
  });
}

function error(location: string, resource?: string, ruleId = 'SAS-TEL-001'): Finding {
  return { severity: 'error', ruleId, source: 'rule', location, ...(resource ? { resource } : {}), message: { fr: 'x', en: 'x' } };
}

describe('fault excerpts in the PV', () => {
  const fr = renderPv(makeRunResult(), { lang: 'fr' });

  it('mark the failing element of each resource, with its resource, rule and line numbers of the whole answer', () => {
    const c = card(fr, 'PS-4.2-PROFILES');
    expect(c).toContain(
      '<figcaption>Extrait de la réponse — Bundle.entry[0] (Slot/slot-1) · règles en cause\u00a0: <code class="id">SAS-SLOT-003</code>',
    );
    expect(c).toContain('Bundle.entry[1] (Practitioner/pra-1)');
    expect(marked(c)).toEqual(['        &quot;code&quot;: &quot;PUBLICC&quot;', '      &quot;value&quot;: &quot;10001234567&quot;']);
    expect(c).toContain('<span class="ln">21</span> <mark>');
    // context: the lines before the mark; the rest of the resource counted, not shown
    expect(c).toContain('&quot;system&quot;: &quot;http://example.org/slot-type&quot;,');
    expect(c).toMatch(/<span class="gap">\s+⋮ 8 lignes<\/span>/);
    // the full answer is behind its own closed disclosure
    expect(c).toContain('<details class="full-body"><summary>Réponse complète</summary>');
  });

  it('show the first lines of an answer whose failing element is not in it, or that is not JSON', () => {
    expect(card(fr, 'PS-4.3-WINDOW')).toContain(
      '<figure class="excerpt body-head">\n<figcaption>Début de la réponse (12 premières lignes)</figcaption>',
    );
    const r = makeRunResult();
    r.cases[3].exchanges[0].response!.body = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const c = card(renderPv(r, { lang: 'en' }), 'PS-4.2-PROFILES');
    expect(c).toContain('Start of the response (first 12 lines)');
    expect(c).toContain('&lt;h1&gt;502 Bad Gateway&lt;/h1&gt;');
    expect(c).not.toContain('fault-excerpt');
  });

  it('escape endpoint text inside excerpts', () => {
    const r: RunResult = makeRunResult();
    const x = r.cases[3].exchanges[0].response!;
    x.body = x.body.replace('PUBLICC', '<script>alert(1)</script>');
    const doc = renderPv(r, { lang: 'fr' });
    expect(doc).not.toContain('<script>');
    expect(marked(card(doc, 'PS-4.2-PROFILES'))[0]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('faultExcerpts', () => {
  const entries = Array.from({ length: 8 }, (_, i) => ({
    resourceType: 'Practitioner',
    id: `p${i}`,
    telecom: [{ system: 'phone', value: `0${i}` }],
    name: [{ family: `F${i}`, given: ['A', 'B', 'C'] }],
  }));
  const body = bundle(entries);

  it('places a finding only in the entry holding its resource', () => {
    expect(faultExcerpts(body, false, [error('Bundle.entry[2].resource.telecom[0].value', 'Schedule/other')])).toBeUndefined();
    const v = faultExcerpts(body, false, [error('Bundle.entry[2].resource.telecom[0].value', 'Practitioner/p2')])!;
    expect(v.excerpts.map((e) => e.resource)).toEqual(['Practitioner/p2']);
  });

  it('marks the parent of an absent element and names the location', () => {
    const v = faultExcerpts(body, false, [error('Bundle.entry[1].resource.address[0].line', 'Practitioner/p1')])!;
    const e = v.excerpts[0];
    expect(e.absent).toEqual(['Bundle.entry[1].resource.address[0].line']);
    expect(e.lines.filter((l) => l.kind === 'line' && l.marked)).toHaveLength(1);
  });

  it(`shows at most ${EXCERPT_MAX_RESOURCES} resources and counts the others`, () => {
    const all = entries.map((_, i) => error(`Bundle.entry[${i}].resource.telecom[0].value`));
    const v = faultExcerpts(body, false, all)!;
    expect(v.excerpts).toHaveLength(EXCERPT_MAX_RESOURCES);
    expect(v.moreResources).toBe(entries.length - EXCERPT_MAX_RESOURCES);
  });

  it('gives up on a cut or invalid answer, or a location of another resource type', () => {
    const f = [error('Bundle.entry[0].resource.telecom[0].value')];
    expect(faultExcerpts(body, true, f)).toBeUndefined();
    expect(faultExcerpts(body.slice(0, 100), false, f)).toBeUndefined();
    expect(faultExcerpts(body, false, [error('HTTP.body')])).toBeUndefined();
  });
});

describe('request URLs', () => {
  it('are decoded for reading, keeping escapes that would split, hide or re-escape', () => {
    expect(readableUrl('https://e.fr/Slot?start=ge2025-11-26T10:00:00%2B01:00&id=urn:oid:1.2%7C8100')).toBe(
      'https://e.fr/Slot?start=ge2025-11-26T10:00:00+01:00&id=urn:oid:1.2|8100',
    );
    expect(readableUrl('https://e.fr/?q=a%26b%3Dc%25%0A%E2%80%AE%20%C3%A9')).toBe('https://e.fr/?q=a%26b%3Dc%25%0A%E2%80%AE%20é');
    expect(readableUrl('https://e.fr/?q=%C3')).toBe('https://e.fr/?q=%C3'); // not UTF-8: kept
  });

  it('show the exact wire form beside the decoded one, only when they differ', () => {
    const c = card(renderPv(makeRunResult(), { lang: 'fr' }), 'PS-4.2-PROFILES');
    expect(c).toContain('start=ge2025-11-26T10:00:00.000+01:00');
    expect(c).toContain(
      '<p class="wire-url">forme exacte envoyée\u00a0: <code>https://agenda.example-editeur.fr/fhir/Slot?_include=Slot:schedule&amp;_include:iterate=Schedule:actor&amp;start=ge2025-11-26T10:00:00.000%2B01:00',
    );
    const r = makeRunResult();
    r.cases[3].exchanges[0].request.url = 'https://e.fr/metadata';
    expect(card(renderPv(r, { lang: 'en' }), 'PS-4.2-PROFILES')).not.toContain('wire-url');
  });

  it('give long request lines a shortened form for passed cases on paper, cut between code points', () => {
    const r = makeRunResult();
    const passed = r.cases.find((c) => c.verdict === 'passed' && c.exchanges.length > 0)!;
    passed.exchanges[0].request.url = `https://e.fr/fhir/Slot?name=${'😀'.repeat(80)}`;
    const c = card(renderPv(r, { lang: 'fr' }), passed.id);
    const full = /<code class="url-full">([^<]*)<\/code>/.exec(c)?.[1];
    const short = /<code class="url-short">([^<]*)<\/code>/.exec(c)?.[1];
    expect(full).toBe(`GET https://e.fr/fhir/Slot?name=${'😀'.repeat(80)}`);
    expect([...short!]).toHaveLength(101); // 100 code points and the ellipsis
    expect(short!.endsWith('😀…')).toBe(true);
    expect(/[\uD800-\uDFFF]/u.test(short!)).toBe(false); // no lone surrogate
  });
});
