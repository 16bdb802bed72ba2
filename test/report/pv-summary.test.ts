/**
 * The first pages say why: every blocking non-conformity, grouped by root cause — a cause that hit
 * many cases (HTML 502 on every request) is shown once with the table of its cases — then the
 * reserves, then a table of contents linking to the sections and to each group of cases.
 */
import { describe, expect, it } from 'vitest';
import type { CaseResult, RunResult } from '../../src/core/model.js';
import { renderPv } from '../../src/report/html/index.js';
import { makeRunResult, summarise } from './fixtures/run-result.js';

function summary(doc: string): string {
  const start = doc.indexOf('<section aria-labelledby="sec-summary"');
  return doc.slice(start, doc.indexOf('</section>', start));
}

/** The fixture with 5 more blocking cases that each got an HTML 502 page. */
function html502Run(): RunResult {
  const r = makeRunResult();
  const template = r.cases[3];
  const extra: CaseResult[] = Array.from({ length: 5 }, (_, i) => {
    const c = structuredClone(template);
    c.id = `PS-502-${i}`;
    c.requirements = [`agg-psindiv@${60 + i}`];
    c.findings = [
      {
        severity: 'error',
        ruleId: 'EXP-BODY-JSON',
        source: 'rule',
        location: 'HTTP.body',
        message: { fr: 'une page HTML a été reçue', en: 'an HTML page was received' },
      },
    ];
    const x = c.exchanges[0];
    x.response = { ...x.response!, status: 502, headers: { 'content-type': 'text/html' }, body: '<html>502</html>' };
    return c;
  });
  r.cases.push(...extra);
  r.summary = summarise(r.cases, 'unfavorable', r.summary.reserves);
  return r;
}

describe('summary of an unfavourable PV', () => {
  const doc = renderPv(html502Run(), { lang: 'fr' });
  const s = summary(doc);

  it('shows a cause once with every blocking case it hit, each linked to its card with requirement and rule', () => {
    const captions = [...s.matchAll(/<table class="blocking[^"]*">\n<caption>([^<]*)/g)].map((m) => m[1]);
    expect(captions[0]).toMatch(/^Cause\u00a0: erreur du serveur\s: HTTP 502 \(text\/html\) — 5 cas$/); // the label's space: failure-causes.ts
    expect(captions).toHaveLength(5); // the 502 cause, then the 4 causes of the fixture
    const start = s.indexOf('<table class="blocking');
    const table = s.slice(start, s.indexOf('</table>', start));
    expect(table).toContain('<span class="cause-reason">Motif commun\u00a0: EXP-BODY-JSON HTTP.body: une page HTML a été reçue</span>');
    for (let i = 0; i < 5; i += 1) {
      expect(table).toMatch(
        new RegExp(
          `<tr><th scope="row"><a href="#case-\\d+-PS-502-${i}"><code class="id">PS-502-${i}</code></a>.*?</th><td><code class="id">agg-psindiv@${60 + i}</code></td><td><code class="id">EXP-BODY-JSON</code></td></tr>`,
        ),
      );
    }
    expect(s).toContain('9 cas obligatoires en échec ou en erreur, pour 5 causes\u00a0:');
  });

  it('lists every blocking id of the run, once, those without a case last', () => {
    const r = html502Run();
    r.summary.blocking.push('GONE-9', 'PS-502-0');
    const t = summary(renderPv(r, { lang: 'en' }));
    const ids = [...t.matchAll(/<th scope="row">(?:<a href="#[^"]+">)?<code class="id">([^<]+)<\/code>/g)].map((m) => m[1]);
    expect(ids.sort()).toEqual([...new Set(r.summary.blocking)].sort());
    expect(t).toContain('<caption>Cause: cases not in this run — 1 case');
  });

  it('puts the blocking causes before the reserves, and the table of contents after them', () => {
    const order = ['Non-conformités bloquantes', '<h3>Réserves</h3>', '<h3 id="sec-toc">Sommaire</h3>'].map((x) => s.indexOf(x));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('links the table of contents to each section and each group of cases', () => {
    const toc = s.slice(s.indexOf('<nav class="toc"'), s.indexOf('</nav>'));
    const ids = new Set([...doc.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...toc.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toEqual(
      expect.arrayContaining(['sec-identification', 'sec-summary', 'sec-matrix', 'sec-cases', 'sec-declarations', 'sec-signatures']),
    );
    expect(targets.filter((x) => x.startsWith('group-'))).toHaveLength(4);
    for (const t of targets) expect(ids.has(t), t).toBe(true);
    expect(toc).toContain('PS individuel (psindiv)</a> (9 cas)');
  });

  it('keeps the PV id in the document title', () => {
    expect(doc).toContain('<title>Procès-verbal de recette SAS — 3f2c9a7e-5b1d-4c8e-9a60-2d4b7e1f0c55</title>');
  });
});
