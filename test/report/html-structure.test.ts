/**
 * Golden-ish checks on the PV's HTML text: document shape, headings, verdict words in French and
 * English, matrix rows, cases, declarations, evidence, official findings, integrity hash, secrets.
 */
import { describe, expect, it } from 'vitest';
import { CSP, pvHashes, renderPv } from '../../src/report/html/index.js';
import type { RunResult } from '../../src/core/model.js';
import { makeRunResult, SECRETS } from './fixtures/run-result.js';

const fr = renderPv(makeRunResult(), { lang: 'fr' });
const en = renderPv(makeRunResult(), { lang: 'en' });

/** Text of the first element with this id (tags stripped, entities for quotes decoded). */
function section(htmlText: string, id: string): string {
  const start = htmlText.indexOf(`<section aria-labelledby="${id}"`);
  expect(start, id).toBeGreaterThanOrEqual(0);
  return htmlText.slice(start, htmlText.indexOf('</section>', start));
}

function headings(htmlText: string): number[] {
  return [...htmlText.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
}

const withOverall = (overall: RunResult['summary']['overall']): RunResult => {
  const r = makeRunResult();
  r.summary.overall = overall;
  return r;
};

describe('PV document', () => {
  it('is one self-contained document with language, CSP first in head, no script, no external resource', () => {
    expect(fr.startsWith('<!DOCTYPE html>\n<html lang="fr">')).toBe(true);
    expect(en).toContain('<html lang="en">');
    const head = fr.slice(0, fr.indexOf('</head>'));
    expect(head.indexOf('Content-Security-Policy')).toBeLessThan(head.indexOf('<style>'));
    expect(head).toContain(`content="${CSP.replace(/'/g, '&#39;')}"`);
    expect(fr).not.toMatch(/<script/i);
    expect(fr).not.toMatch(/<(img|link|iframe|object|embed)\b/i);
    expect(fr).not.toMatch(/\s(src|href)="(?!#)/i); // only in-page anchors
    expect(fr).not.toMatch(/@import|url\(/i);
  });

  it('has one h1 and headings that never skip a level', () => {
    for (const doc of [fr, en]) {
      const levels = headings(doc);
      expect(levels.filter((l) => l === 1)).toHaveLength(1);
      expect(levels[0]).toBe(1);
      for (let i = 1; i < levels.length; i += 1) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
    }
  });

  it('gives every table a caption and scoped header cells', () => {
    const tables = fr.match(/<table[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBeGreaterThan(8);
    for (const t of tables) {
      expect(t).toMatch(/<table[^>]*>\s*<caption>/);
      expect(t.match(/<th(?![^>]*scope=)[ >]/g) ?? []).toEqual([]);
    }
  });

  it('shows the draft status, PV number, system under test and test basis', () => {
    expect(fr).toContain('Projet — à signer');
    expect(en).toContain('Draft — to be signed');
    const id = section(fr, 'sec-identification');
    for (const s of [
      '3f2c9a7e-5b1d-4c8e-9a60-2d4b7e1f0c55',
      'Éditeur Exemple SAS',
      'AgendaPro',
      '4.10.2',
      'recette',
      'https://agenda.example-editeur.fr/fhir',
      'ans.fhir.fr.sas#1.2.0',
      'sas-recette 0.1.0',
      'Camille Durand (ANS)',
      'v20.20.2',
      'linux 6.1 x64',
      'testcases/ps.yaml',
      'datasets/jdd-editeur.yaml',
      'c4'.repeat(32),
      'd7'.repeat(32),
    ]) {
      expect(id).toContain(s);
    }
    expect(id).toContain('26/11/2025 10:02:00 (Europe/Paris, UTC+01:00)');
    expect(id).toContain('26/11/2025 09:02:00 UTC');
    expect(section(en, 'sec-identification')).toContain('2025-11-26 09:02:00 UTC');
  });

  it('uses the PV number from pvInfo when given, keeping the run id', () => {
    const r = makeRunResult();
    r.pvInfo = { ...r.pvInfo, pvNumber: 'PV-2025-042' };
    const doc = renderPv(r, { lang: 'fr' });
    expect(doc).toContain('<title>Procès-verbal de recette SAS — PV-2025-042</title>');
    expect(section(doc, 'sec-identification')).toContain(r.runId);
  });

  it('says "non renseigné" for missing identification instead of leaving blanks', () => {
    const r = makeRunResult();
    delete r.pvInfo;
    expect(section(renderPv(r, { lang: 'fr' }), 'sec-identification').match(/non renseigné/g)?.length).toBeGreaterThanOrEqual(5);
  });
});

describe('verdict words', () => {
  const cases: Array<[RunResult['summary']['overall'], string, string]> = [
    ['favorable', 'Favorable', 'Favourable'],
    ['favorable-with-reserves', 'Favorable avec réserves', 'Favourable with reserves'],
    ['unfavorable', 'Défavorable', 'Unfavourable'],
  ];
  it.each(cases)('overall %s → "%s" / "%s"', (overall, wordFr, wordEn) => {
    const f = section(renderPv(withOverall(overall), { lang: 'fr' }), 'sec-summary');
    const e = section(renderPv(withOverall(overall), { lang: 'en' }), 'sec-summary');
    expect(f).toMatch(new RegExp(`<span aria-hidden="true">.</span> ${wordFr}</span>`));
    expect(e).toMatch(new RegExp(`<span aria-hidden="true">.</span> ${wordEn}</span>`));
  });

  it('labels each case with a word and an icon, in both languages, every state apart', () => {
    const cases = section(fr, 'sec-cases');
    const statesFr = [
      ['passed', '✔', 'Réussi'],
      ['passed-with-reserves', '◐', 'Réussi avec réserves'],
      ['failed', '✘', 'Échec'],
      ['error', '⚠', 'Erreur'],
      ['skipped', '⊘', 'Non exécuté'],
      ['not-applicable', '∅', 'Non applicable'],
    ];
    for (const [cls, icon, word] of statesFr) {
      expect(cases).toContain(`<span class="verdict verdict-${cls}"><span aria-hidden="true">${icon}</span> ${word}</span>`);
      expect(cases).toContain(`<article class="case case-${cls}`);
    }
    const casesEn = section(en, 'sec-cases');
    for (const w of [
      '✔</span> Passed<',
      '◐</span> Passed with reserves<',
      '✘</span> Failed<',
      '⊘</span> Skipped<',
      '∅</span> Not applicable<',
      '⚠</span> Error<',
    ])
      expect(casesEn).toContain(w);
  });
});

describe('summary', () => {
  const s = section(fr, 'sec-summary');
  it('shows the severity waivers that decided findings, with reason, source and cases, escaped', () => {
    expect(s).not.toContain('Dérogations de sévérité appliquées');
    const run = makeRunResult();
    const waived: RunResult = {
      ...run,
      waivers: [
        {
          rule: 'SAS-BDL-002',
          severity: 'warning',
          when: 'total <b>',
          reason: 'IG example does the same',
          source: 'IG 1.2.0 — SOS example',
          cases: [run.cases[0].id],
        },
      ],
    };
    const w = section(renderPv(waived, { lang: 'fr' }), 'sec-summary');
    expect(w).toContain('<h3>Dérogations de sévérité appliquées</h3>');
    expect(w).toContain(
      '<code class="id">SAS-BDL-002</code> → warning\u00a0: total &lt;b&gt;<br>IG example does the same <span class="note">(IG 1.2.0 — SOS example)</span>',
    );
    expect(w).toMatch(new RegExp(`<a href="#[^"]+"><code class="id">${run.cases[0].id}</code></a></span></li>`));
  });
  it('gives counts and pass rate per group and overall', () => {
    expect(s).toContain(
      '<th scope="col" class="num">Non exécuté</th><th scope="col" class="num">Non applicable</th><th scope="col" class="num">Taux de réussite</th>',
    );
    expect(s).toContain(
      '<tr><th scope="row">PS individuel (psindiv)</th><td class="num">4</td><td class="num">2</td><td class="num">2</td><td class="num">0</td><td class="num">0</td><td class="num">0</td><td class="num">50,0 %</td></tr>',
    );
    // pass rate over judged cases: the skipped and the not-applicable one are left out
    expect(s).toContain(
      '<th scope="row">CPTS (cpts)</th><td class="num">3</td><td class="num">1</td><td class="num">0</td><td class="num">0</td><td class="num">1</td><td class="num">1</td><td class="num">100 %</td>',
    );
    expect(s).toContain(
      '12 cas\u00a0: 5 réussis (dont 1 avec réserves), 3 en échec, 2 en erreur, 1 non exécuté, 1 non applicable\u00a0; 5 réserves.',
    );
  });
  it('lists the reserves by kind, each case linked with its reason', () => {
    const kinds = [...s.matchAll(/<h4 class="reserve-kind">([^<]+)<\/h4>/g)].map((m) => m[1]);
    expect(kinds).toEqual([
      'Cas mineurs en échec ou en erreur (1)',
      'Cas obligatoires non exécutés (1)',
      'Cas obligatoires non applicables (1)',
      'Éléments non vérifiés (1)',
      'Exigences non testées (1)',
    ]);
    expect(s).toMatch(
      /<ol class="reserves reserves-failed-minor"><li><a href="#case-4-PS-4-3-WINDOW"><code class="id">PS-4\.3-WINDOW<\/code><\/a> — Créneaux compris dans la fenêtre demandée<br><span class="note">Motif\u00a0: SAS-WIN-001/,
    );
    expect(s).toContain(
      '<ol class="reserves reserves-skipped" start="2"><li><a href="#case-11-CPTS-4-10-QA"><code class="id">CPTS-4.10-QA</code></a> — Contrôle par le validateur officiel HL7<br><span class="note">Motif\u00a0: Validateur officiel absent (validator_cli.jar introuvable)</span></li></ol>',
    );
    expect(s).toContain(
      '<ol class="reserves reserves-not-applicable" start="3"><li><a href="#case-8-CPTS-4-9-ORG"><code class="id">CPTS-4.9-ORG</code></a> — Organisation CPTS identifiée par son FINESS<br><span class="note">Motif\u00a0: Le JDD ne contient aucune CPTS</span></li></ol>',
    );
    expect(s).toContain(
      '<ol class="reserves reserves-not-checked" start="4"><li><code>ValueSet https://mos.esante.gouv.fr/NOS/TRE_R04-TypeSavoirFaire/FHIR/TRE-R04-TypeSavoirFaire</code> — Jeu de valeurs d’un paquet absent : codes non vérifiés<br><span class="note">Rencontré dans\u00a0: <a href="#case-7-CPTS-4-8-SERVICE"><code class="id">CPTS-4.8-SERVICE</code></a>, <a href="#case-5-PS-4-3-REF"><code class="id">PS-4.3-REF</code></a></span></li></ol>',
    );
    expect(s).toContain(
      '<ol class="reserves reserves-untested-requirement" start="5"><li><code class="id">agg-psindiv@34</code> — Aucun cas jugé ne vérifie cette exigence</li></ol>',
    );
    expect(section(en, 'sec-summary')).toContain('<h4 class="reserve-kind">Elements not checked (1)</h4>');
    expect(
      section(renderPv({ ...makeRunResult(), summary: { ...makeRunResult().summary, reserves: [] } }, { lang: 'fr' }), 'sec-summary'),
    ).toContain('Aucune réserve.');
  });
  it('gathers not-applicable cases that share one reason in one item, each case linked', () => {
    const r = makeRunResult();
    const second = { ...structuredClone(r.cases[8]), id: 'CPTS-4.9-BIS' };
    r.cases.push(second);
    r.summary.reserves.splice(3, 0, { kind: 'not-applicable', ref: 'CPTS-4.9-BIS', cases: ['CPTS-4.9-BIS'], message: second.reason! });
    const doc = section(renderPv(r, { lang: 'fr' }), 'sec-summary');
    expect(doc).toContain('<h4 class="reserve-kind">Cas obligatoires non applicables (2)</h4>');
    expect(doc).toContain(
      '<ol class="reserves reserves-not-applicable" start="3"><li>Motif\u00a0: Le JDD ne contient aucune CPTS<br><span class="note">2 cas\u00a0: <a href="#case-8-CPTS-4-9-ORG"><code class="id">CPTS-4.9-ORG</code></a>, <a href="#case-12-CPTS-4-9-BIS"><code class="id">CPTS-4.9-BIS</code></a></span></li></ol>',
    );
  });
  it('lists every blocking non-conformity by cause: case linked to its card, title, requirements, rule, reason', () => {
    const block = s.slice(s.indexOf('<h3>Non-conformités bloquantes</h3>'), s.indexOf('<h3>Réserves</h3>'));
    const ids = [...block.matchAll(/<th scope="row"><a href="#([^"]+)"><code class="id">([^<]+)<\/code><\/a>/g)].map((m) => m[2]);
    expect(ids.sort()).toEqual(['PS-4.2-PROFILES', 'SOS-1-SCHEDULE', 'SOS-2-TIMEOUT', 'TLS-05']);
    expect(block).toContain('<p class="blocking-intro">4 cas obligatoires en échec ou en erreur, pour 4 causes\u00a0:</p>');
    expect(block).toContain(
      '<tr><th scope="row"><a href="#case-3-PS-4-2-PROFILES"><code class="id">PS-4.2-PROFILES</code></a><br><span class="note">Conformité des ressources aux profils SAS</span></th><td><code class="id">agg-psindiv@23</code>, <code class="id">agg-psindiv@46</code></td><td><code class="id">SAS-SLOT-003</code></td></tr>',
    );
    expect(block).toContain('Motif\u00a0: SAS-SLOT-003 Bundle.entry[0].resource.meta.security[0].code: Type de créneau');
    const none = makeRunResult();
    none.summary.blocking = [];
    expect(section(renderPv(none, { lang: 'en' }), 'sec-summary')).toContain(
      '<h3>Blocking non-conformities</h3>\n<p>No blocking non-conformity.</p>',
    );
  });
  it('says the mode that produced the verdict, standard or strict', () => {
    expect(s).toContain('<p class="mode mode-standard"><strong>Mode de l’exécution\u00a0:</strong> standard — ');
    const strict = makeRunResult();
    strict.summary.mode = 'strict';
    const doc = renderPv(strict, { lang: 'fr' });
    expect(section(doc, 'sec-summary')).toContain(
      '<p class="mode mode-strict"><strong>Mode de l’exécution\u00a0:</strong> strict (--strict) — mode de la recette officielle',
    );
    expect(doc.slice(0, doc.indexOf('<main>'))).toContain('Mode de l’exécution\u00a0: strict (--strict)');
    expect(renderPv(strict, { lang: 'en' })).toContain(
      '<strong>Run mode:</strong> strict (--strict) — the official acceptance mode: any reserve fails the run',
    );
  });
  it('says prominently that an insecure run is not valid for acceptance, in the header and the summary', () => {
    expect(fr).not.toContain('class="not-valid"');
    const r = makeRunResult();
    r.insecure = true;
    r.summary = {
      ...r.summary,
      overall: 'favorable-with-reserves',
      validForAcceptance: false,
      reserves: [{ kind: 'insecure', ref: '--insecure', message: { fr: 'TLS non vérifié', en: 'TLS not verified' } }],
    };
    const doc = renderPv(r, { lang: 'fr' });
    const banner = '<p class="not-valid"><span aria-hidden="true">⚠</span> Non valable pour une recette (vérification TLS désactivée)</p>';
    expect(doc.slice(0, doc.indexOf('<main>'))).toContain(banner);
    expect(section(doc, 'sec-summary')).toContain(banner);
    expect(section(doc, 'sec-summary')).toContain('<h4 class="reserve-kind">Vérification TLS désactivée (--insecure) (1)</h4>');
    expect(renderPv(r, { lang: 'en' })).toContain('Not valid for acceptance (TLS verification off)</p>');
    // the insecure flag alone is enough to say it
    const flagOnly = makeRunResult();
    flagOnly.insecure = true;
    expect(renderPv(flagOnly, { lang: 'fr' })).toContain(banner);
    // nothing judged
    const none = makeRunResult();
    none.summary = {
      ...none.summary,
      validForAcceptance: false,
      reserves: [{ kind: 'nothing-judged', ref: 'run', message: { fr: 'aucun cas jugé', en: 'nothing judged' } }],
    };
    expect(renderPv(none, { lang: 'fr' })).toContain('Non valable pour une recette (aucun cas jugé)</p>');
  });
  it('shows notes about the run', () => {
    expect(s).toContain('Paquet hl7.fhir.fr.core absent');
  });
});

describe('requirements matrix', () => {
  const m = section(fr, 'sec-matrix');
  it('has one row per requirement with its cases, their verdicts and the status', () => {
    const rows = m.match(/<tr class="req req-[a-z-]+">/g) ?? [];
    expect(rows).toHaveLength(makeRunResult().requirements.length);
    expect(m).toMatch(
      /<th scope="row"><code class="id">agg-psindiv@1<\/code><\/th>.*<a href="#case-0-TLS-01"><code class="id">TLS-01<\/code><\/a> <span class="verdict verdict-passed">.*Satisfaite/,
    );
    expect(m).toMatch(/agg-psindiv@5<\/code>.*PS-4\.3-WINDOW.*Échec.*Non satisfaite/);
    expect(m).toMatch(/agg-psindiv@34<\/code>.*—<\/td>.*Non testée/);
    // a case passed with reserves shows so in the matrix
    expect(m).toMatch(
      /<a href="#case-7-CPTS-4-8-SERVICE"><code class="id">CPTS-4\.8-SERVICE<\/code><\/a> <span class="verdict verdict-passed-with-reserves">.*Réussi avec réserves/,
    );
    expect(m).toMatch(/sas-securite@hds<\/code>.*Déclarée \(déclaratif\)/);
  });
  it('links only to cases that exist and marks the others', () => {
    const r = makeRunResult();
    r.requirements[0].cases.push('GONE-1');
    expect(section(renderPv(r, { lang: 'en' }), 'sec-matrix')).toContain('<code class="id">GONE-1</code> <em>(not in this run)</em>');
  });
  it('every in-page link points to an existing id', () => {
    const ids = new Set([...fr.matchAll(/\sid="([^"]+)"/g)].map((x) => x[1]));
    const targets = [...fr.matchAll(/href="#([^"]+)"/g)].map((x) => x[1]);
    expect(targets.length).toBeGreaterThan(5);
    for (const t of targets) expect(ids.has(t), t).toBe(true);
  });
});

describe('test cases', () => {
  const c = section(fr, 'sec-cases');
  const card = (id: string): string => {
    const start = c.indexOf(`<code class="id">${id}</code> — `);
    return c.slice(start, c.indexOf('</article>', start));
  };
  it('groups findings by resource with locations and requirements', () => {
    const p = card('PS-4.2-PROFILES');
    expect(p).toContain('<caption>Constats sur Slot/slot-1 (1)</caption>');
    expect(p).toContain('<caption>Constats sur Practitioner/pra-1 (1)</caption>');
    expect(p).toContain('<caption>Constats sur la réponse (2)</caption>');
    expect(p).toContain('<code>Bundle.entry[0].resource.meta.security[0].code</code>');
    expect(p).toContain('<code class="id">agg-psindiv@23</code>, <code class="id">agg-psindiv@46</code>');
  });
  it('opens the evidence of failures and errors and shows their excerpt; passed ones stay closed, without excerpt', () => {
    expect(card('PS-4.2-PROFILES')).toContain('<details open><summary>');
    expect(card('SOS-2-TIMEOUT')).toContain('<details open><summary>');
    expect(card('TLS-01')).toContain('<details><summary>');
    expect(card('PS-4.2-PROFILES')).toContain('<figure class="excerpt fault-excerpt">');
    // the failing location of PS-4.3-WINDOW (entry[5]) is not in the recorded answer: its first lines instead
    expect(card('PS-4.3-WINDOW')).toContain('<pre>{\n  &quot;resourceType&quot;: &quot;Bundle&quot;');
    expect(card('TLS-01')).not.toContain('class="excerpt');
    expect(card('PS-4.2-PROFILES')).toContain('→ HTTP 200 · 812 ms (TTFB 640 ms)');
    expect(card('SOS-2-TIMEOUT')).toContain('Pas de réponse HTTP — timeout (UND_ERR_HEADERS_TIMEOUT: Headers Timeout Error)');
  });
  it('shows the reason of a skipped and of a not-applicable case, each under its own word', () => {
    expect(c).toContain('Non applicable</span> <code class="id">CPTS-4.9-ORG</code>');
    expect(card('CPTS-4.9-ORG')).toContain('<strong>Motif\u00a0:</strong> Le JDD ne contient aucune CPTS');
    expect(c).toContain('Non exécuté</span> <code class="id">CPTS-4.10-QA</code>');
    expect(card('CPTS-4.10-QA')).toContain('<strong>Motif\u00a0:</strong> Validateur officiel absent (validator_cli.jar introuvable)');
  });
  it('shows a case passed with reserves with its reserve lines; a plain pass has none', () => {
    const p = card('CPTS-4.8-SERVICE');
    expect(c).toContain('Réussi avec réserves</span> <code class="id">CPTS-4.8-SERVICE</code>');
    expect(p).toContain(
      '<h5>Réserves — parties non vérifiées (2)</h5>\n<ul class="case-reserves"><li>Jeu de valeurs https://mos.esante.gouv.fr/NOS/TRE_R04-TypeSavoirFaire/FHIR/TRE-R04-TypeSavoirFaire non vérifié : paquet absent</li><li>Invariant sas-slot-1 non évalué par le moteur</li></ul>',
    );
    expect(card('TLS-01')).not.toContain('case-reserves');
  });
  it('shows latency p50/p95/max against the 7 s budget and 1 s target where measured', () => {
    const lat = card('PS-LAT-25');
    expect(lat).toContain('Budget 7 s (max)');
    expect(lat).toContain('Cible 1 s (p50)');
    expect(lat).toMatch(
      /25 PS, concurrence 1<\/th><td class="num">25<\/td><td class="num">1<\/td><td class="num">4<\/td><td class="num">1,80 s<\/td><td class="num">4,80 s<\/td><td class="num">5,20 s<\/td><td>.*respecté.*<\/td><td>.*non atteinte/,
    );
    expect(card('TLS-01')).not.toContain('Latence');
  });
  it('keeps the official validator findings out of the cases, in their own labelled section', () => {
    expect(c).not.toContain('Code absent du jeu de valeurs requis');
    const o = section(fr, 'sec-official');
    expect(o).toContain('Constats du validateur officiel HL7');
    expect(o).toContain('ne décident pas du verdict');
    expect(o).toContain('Code absent du jeu de valeurs requis');
    const none = makeRunResult();
    for (const x of none.cases) delete x.officialFindings;
    expect(renderPv(none, { lang: 'fr' })).not.toContain('sec-official');
  });
});

describe('declarations and closing', () => {
  it('shows declarations as declarations, with who declared them, never as test verdicts', () => {
    const d = section(fr, 'sec-declarations');
    expect(d).toContain('ne sont pas des tests');
    expect(d).toMatch(
      /<code class="id">DECL-HDS<\/code><br>Hébergement certifié HDS \?<\/th><td><strong>Oui<\/strong><\/td><td>Certificat HDS n° 2024-117<\/td><td>Jeanne Petit, DSI Éditeur Exemple<\/td><td>2025-11-20<\/td>/,
    );
    expect(d).toContain('<strong>Partiellement</strong>');
    expect(d).not.toMatch(/verdict-/);
    expect(section(fr, 'sec-cases')).not.toContain('DECL-');
  });
  it('ends with the signature blocks for ANS and the editor, then the footer with the hash', () => {
    const tail = fr.slice(fr.indexOf('</main>'));
    expect(tail).toContain('Pour l’ANS');
    expect(tail).toContain('Pour l’éditeur (Éditeur Exemple SAS)');
    expect(tail.match(/Mention manuscrite « Lu et approuvé »/g)).toHaveLength(2);
    expect(tail.match(/<dt>Signature<\/dt>/g)).toHaveLength(2);
    expect(tail.indexOf('sec-signatures')).toBeLessThan(tail.indexOf('<footer>'));
  });
  it('carries a SHA-256 that matches the content and detects tampering', () => {
    const h = pvHashes(fr);
    expect(h.written).toMatch(/^[0-9a-f]{64}$/);
    expect(h.computed).toBe(h.written);
    const tampered = fr.replace('Défavorable', 'Favorable');
    expect(pvHashes(tampered).computed).not.toBe(pvHashes(tampered).written);
  });
  it('is deterministic: same run, same bytes', () => {
    expect(renderPv(makeRunResult(), { lang: 'fr' })).toBe(fr);
  });
});

describe('secrets', () => {
  it('are never written, in either language', () => {
    for (const doc of [fr, en]) for (const s of SECRETS) expect(doc).not.toContain(s);
    expect(fr).toContain('authorization: [redacted]');
    expect(fr).toContain('set-cookie: [redacted]');
    expect(fr).toContain('--passphrase [redacted]');
  });
});
