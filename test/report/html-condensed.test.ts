/**
 * The condensed parts of the PV: warnings and information repeated for one rule summarised in one row
 * (errors never), passed cases compact on paper (counted findings, no printed excerpt, details on
 * screen), long exchange series printed as their first exchanges and a count. All still escaped.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import { renderPv } from '../../src/report/html/index.js';
import type { CaseResult, Exchange, RunResult } from '../../src/core/model.js';
import { makeRunResult, summarise } from './fixtures/run-result.js';

function warning(ruleId: string, i: number, extra: Partial<Finding> = {}): Finding {
  return {
    severity: 'warning',
    ruleId,
    source: 'structure',
    location: `Bundle.entry[${i}].resource`,
    resource: `Slot/s-${i}`,
    message: { fr: 'Contrainte dom-6 non respectée', en: 'Constraint dom-6 failed' },
    ...extra,
  };
}

function error(i: number): Finding {
  return {
    severity: 'error',
    ruleId: 'SAS-TEL-001',
    source: 'rule',
    location: `Bundle.entry[${i}].resource.telecom[0].value`,
    resource: `Practitioner/p-${i}`,
    message: { fr: `téléphone n° ${i} mal formé`, en: `phone number ${i} malformed` },
    requirements: ['agg-psindiv@34'],
  };
}

function info(ruleId: string, i: number, text: string): Finding {
  return {
    severity: 'information',
    ruleId,
    source: 'structure',
    location: `Bundle.entry[${i}].resource.actor[0]`,
    resource: `Schedule/sch-${i}`,
    message: { fr: text, en: text },
    notChecked: true,
  };
}

/** `n` copies of an exchange of the fixture, numbered; those in `noResponse` ended without an answer. */
function series(base: Exchange, n: number, noResponse: number[] = []): Exchange[] {
  return Array.from({ length: n }, (_, i) => {
    const x: Exchange = { ...structuredClone(base), id: `lat-${i + 1}`, label: `latency #${i + 1}` };
    if (noResponse.includes(i)) {
      delete x.response;
      x.outcome = 'timeout';
      x.error = { code: 'UND_ERR_HEADERS_TIMEOUT', message: 'Headers Timeout Error' };
    }
    return x;
  });
}

const dom6 = (n: number, from = 0): Finding[] => Array.from({ length: n }, (_, i) => warning('dom-6', from + i));

function condensedRun(): RunResult {
  const run = makeRunResult();
  const template = run.cases.find((c) => c.id === 'PS-4.2-PROFILES')!;
  const exchange = template.exchanges[0];
  const extra: CaseResult[] = [
    {
      ...structuredClone(template),
      id: 'BIG-FAILED',
      verdict: 'failed',
      findings: [
        ...dom6(300),
        ...Array.from({ length: 6 }, (_, i) => error(400 + i)),
        // exactly the threshold: listed one by one
        ...Array.from({ length: 3 }, (_, i) => info('structure.valueset-not-checked', 500 + i, 'jeu de valeurs non disponible')),
        // above it, with messages that differ
        ...Array.from({ length: 5 }, (_, i) => info('structure.target-profile-not-checked', 600 + i, `profil cible ${i} inconnu`)),
      ],
      officialFindings: [],
    },
    {
      ...structuredClone(template),
      id: 'BIG-PASSED',
      verdict: 'passed',
      findings: [...dom6(200), info('structure.valueset-not-checked', 700, 'x')],
      officialFindings: [],
    },
    { ...structuredClone(template), id: 'PASSED-WITH-ERROR', verdict: 'passed', findings: [error(800), ...dom6(2)], officialFindings: [] },
    {
      ...structuredClone(template),
      id: 'LAT-PASSED',
      verdict: 'passed',
      findings: [],
      officialFindings: [],
      exchanges: series(exchange, 60, [40]),
    },
    {
      ...structuredClone(template),
      id: 'LAT-FAILED',
      verdict: 'failed',
      findings: [error(900)],
      officialFindings: [],
      exchanges: series(exchange, 60, [1, 50]),
    },
    {
      ...structuredClone(template),
      id: 'FIVE-EXCHANGES',
      verdict: 'passed',
      findings: [],
      officialFindings: [],
      exchanges: series(exchange, 5),
    },
  ];
  run.cases.push(...extra);
  run.summary = summarise(run.cases, run.summary.overall, run.summary.reserves);
  return run;
}

const fr = renderPv(condensedRun(), { lang: 'fr' });
const en = renderPv(condensedRun(), { lang: 'en' });

function card(doc: string, id: string): string {
  const start = doc.indexOf(`<code class="id">${id}</code> — `);
  expect(start, id).toBeGreaterThan(0);
  return doc.slice(start, doc.indexOf('</article>', start));
}

const count = (text: string, re: RegExp): number => (text.match(re) ?? []).length;

describe('repeated findings', () => {
  const big = card(fr, 'BIG-FAILED');

  it('summarise a warning repeated more than 3 times for one rule in one row: count, message, 3 locations, the rest counted', () => {
    const rows = big.match(/<tr class="finding repeated sev-warning">[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(1);
    const row = rows.join('');
    expect(row).toContain('<code class="id">dom-6</code>');
    expect(row).toContain('<td class="num">300</td>');
    expect(row).toContain('Contrainte dom-6 non respectée');
    expect(count(row, /<li><code>Bundle\.entry\[\d+\]\.resource<\/code>/g)).toBe(3);
    expect(row).toContain('<li><code>Bundle.entry[0].resource</code> <span class="note">Slot/s-0</span></li>');
    expect(row).toContain('<li class="more">… et 297 autres</li>');
    // the 300 occurrences are not listed one by one anywhere in the card
    expect(count(big, /<code class="id">dom-6<\/code>/g)).toBe(1);
    expect(big).not.toContain('Constats sur Slot/s-5 ');
    expect(big).toMatch(/<caption>Constats répétés, regroupés par règle \(305\)<\/caption>/);
    expect(big).toContain('la liste complète est dans run.json');
    expect(card(en, 'BIG-FAILED')).toContain('<li class="more">… and 297 more</li>');
    expect(card(en, 'BIG-FAILED')).toContain('the complete list is in run.json');
  });

  it('never groups errors away: all of them are listed, one row each', () => {
    expect(count(big, /<tr class="finding sev-error">/g)).toBe(6);
    for (let i = 400; i < 406; i += 1) expect(big).toContain(`<code>Bundle.entry[${i}].resource.telecom[0].value</code>`);
    expect(big).not.toMatch(/<tr class="finding repeated sev-error">/);
  });

  it('lists a rule that comes exactly 3 times one by one, and says when grouped messages differ', () => {
    expect(count(big, /<tr class="finding sev-information">[\s\S]*?structure\.valueset-not-checked/g)).toBe(3);
    const target = (big.match(/<tr class="finding repeated sev-information">[\s\S]*?<\/tr>/g) ?? []).join('');
    expect(target).toContain('<code class="id long">structure.target-profile-not-checked</code>');
    expect(target).toContain('<td class="num">5</td>');
    expect(target).toContain('Information <em>(non vérifié)</em>');
    expect(target).toContain('profil cible 0 inconnu');
    expect(target).toContain('il varie d’une occurrence à l’autre');
    expect(target).toContain('… et 2 autres');
  });

  it('groups the official validator findings the same way, in their own section', () => {
    const run = condensedRun();
    run.cases[0].officialFindings = dom6(50).map((f) => ({ ...f, engine: 'official' as const }));
    const doc = renderPv(run, { lang: 'fr' });
    const official = doc.slice(doc.indexOf('id="sec-official"'), doc.indexOf('</section>', doc.indexOf('id="sec-official"')));
    expect(official).toContain('<td class="num">50</td>');
    expect(official).toContain('… et 47 autres');
  });

  it('escapes rule ids, locations, resources and messages in grouped rows', () => {
    const run = condensedRun();
    const evil = Array.from({ length: 4 }, (_, i) =>
      warning('<b>rule</b>', i, {
        location: `x"><img src=x onerror=alert(${i})>`,
        resource: '<i>R</i>',
        message: { fr: '<script>alert(1)</script>', en: '<script>alert(1)</script>' },
      }),
    );
    run.cases.find((c) => c.id === 'BIG-FAILED')!.findings.push(...evil);
    const doc = renderPv(run, { lang: 'fr' });
    expect(doc).not.toContain('<script>alert');
    expect(doc).not.toContain('<img src=x');
    expect(doc).not.toContain('<b>rule</b>');
    expect(doc).not.toContain('<i>R</i>');
    expect(doc).toContain('<code class="id">&lt;b&gt;rule&lt;/b&gt;</code>');
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).toContain('<code>x&quot;&gt;&lt;img src=x onerror=alert(0)&gt;</code>');
  });
});

describe('compact passed cases', () => {
  it('print one counted line; the findings stay on screen in a closed <details>; no excerpt is printed', () => {
    const c = card(fr, 'BIG-PASSED');
    expect(c).toContain(
      '<p class="print-only compact-findings">Constats\u00a0: 200 avertissements, 1 information — détail dans la version écran de ce PV et dans run.json.</p>',
    );
    expect(c).toContain('<details class="screen-only case-findings"><summary>Constats\u00a0: 200 avertissements, 1 information</summary>');
    expect(c).not.toMatch(/<details[^>]* open/);
    expect(c).toContain('<td class="num">200</td>');
    expect(c).not.toContain('class="excerpt');
    expect(c).toContain('<p class="exchange-line">');
    expect(card(en, 'BIG-PASSED')).toContain('Findings: 200 warnings, 1 information — details in the on-screen version');
    // failed cases keep their findings in full and their excerpt
    expect(card(fr, 'BIG-FAILED')).toContain('<figure class="excerpt');
    expect(card(fr, 'BIG-FAILED')).not.toContain('compact-findings');
  });

  it('still list an error found in a passed case, outside any <details>', () => {
    const c = card(fr, 'PASSED-WITH-ERROR');
    const beforeDetails = c.slice(0, c.indexOf('<details'));
    expect(beforeDetails).toContain('<tr class="finding sev-error">');
    expect(beforeDetails).toContain('téléphone n° 800 mal formé');
    expect(c).toContain('Constats\u00a0: 2 avertissements');
  });

  it('the print stylesheet hides the screen-only parts and shows the print-only ones', () => {
    const print = fr.slice(fr.indexOf('@media print'));
    expect(print).toMatch(/\.print-only \{ display: block; \}/);
    expect(print).toMatch(/\.exchange > details, \.screen-only \{ display: none; \}/);
    expect(fr.slice(0, fr.indexOf('@media print'))).toMatch(/\.print-only \{ display: none; \}/);
  });
});

describe('long exchange series', () => {
  it('print the first 3 exchanges and a count; on screen all of them sit in one closed <details>', () => {
    const c = card(fr, 'LAT-PASSED');
    expect(c).toContain('<h5>Preuves (60)</h5>');
    const printed = c.slice(
      c.indexOf('<div class="print-only exchange-series">'),
      c.indexOf('<details class="screen-only exchange-series">'),
    );
    expect(count(printed, /<p class="exchange-line">/g)).toBe(3);
    expect(printed).toContain('[latency #3]');
    expect(printed).not.toContain('[latency #4]');
    expect(printed).not.toContain('<details');
    expect(printed).not.toContain('class="excerpt');
    expect(printed).toContain('… et 57 autres échanges (dont 1 sans réponse HTTP) — tous dans la version écran de ce PV et dans run.json.');
    const screen = c.slice(c.indexOf('<details class="screen-only exchange-series">'));
    expect(screen).toMatch(/^<details class="screen-only exchange-series"><summary>Les 60 échanges<\/summary>/);
    expect(count(screen, /<div class="exchange">/g)).toBe(60);
    expect(screen).not.toMatch(/<details open/);
    expect(card(en, 'LAT-PASSED')).toContain('… and 57 more exchanges (1 without an HTTP response)');
  });

  it('print the excerpts of the first 3 exchanges of a failed case', () => {
    const c = card(fr, 'LAT-FAILED');
    const printed = c.slice(
      c.indexOf('<div class="print-only exchange-series">'),
      c.indexOf('<details class="screen-only exchange-series">'),
    );
    expect(count(printed, /<figure class="excerpt/g)).toBe(2); // #2 has no response
    expect(printed).toContain('Pas de réponse HTTP — timeout');
    expect(printed).toContain('… et 57 autres échanges (dont 1 sans réponse HTTP)');
  });

  it('show up to 5 exchanges one by one', () => {
    const c = card(fr, 'FIVE-EXCHANGES');
    expect(c).not.toContain('exchange-series');
    expect(count(c, /<p class="exchange-line">/g)).toBe(5);
  });
});
