/**
 * Everything from the endpoint is untrusted. A run whose endpoint data carries script, attribute and
 * URL payloads renders them as visible text, and Chromium runs none of them — checked with the page's
 * CSP and again with CSP bypassed, so the escaping is proven on its own.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPv } from '../../src/report/html/index.js';
import { renderJunit } from '../../src/report/junit.js';
import type { RunResult } from '../../src/core/model.js';
import { makeRunResult } from './fixtures/run-result.js';
import { launchBrowser } from './helpers/chromium.js';
import { xmllintSchema } from './helpers/xmllint.js';

const SCRIPT = '<script>window.__pwned=1</script>';
const ATTR = '"><img src=x onerror="window.__pwned=2">';
const JS_URL = 'javascript:window.__pwned=3';
const TEXTAREA = '</textarea><script>window.__pwned=4</script>';
const STYLE = '</style><script>window.__pwned=5</script>';
const ALL = `${SCRIPT} ${ATTR} ${JS_URL} ${TEXTAREA}`;

/** Runs in the page (a string: the project's TypeScript setup has no DOM types). */
const INSPECT_DOM = `({
  scripts: document.querySelectorAll('script, img, iframe, object, embed, textarea, form, input').length,
  handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
  links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') || '').filter((h) => !h.startsWith('#')),
  title: document.title,
  text: document.body.innerText,
})`;

/** The fixture with payloads in every field that comes from the endpoint or from user files. */
function hostileRun(): RunResult {
  const r = makeRunResult();
  r.baseUrl = JS_URL;
  r.pvInfo = { editor: ATTR, software: SCRIPT, softwareVersion: TEXTAREA, pvNumber: STYLE, operator: ALL };
  r.packages.push(ATTR);
  r.setupNotes.push({ fr: ALL, en: ALL });
  r.environment.command = `sas-recette run --base-url ${JS_URL} ${SCRIPT}`;
  r.requirements[0].text = ALL;
  r.requirements[0].id = ATTR;
  r.requirements[0].cases.push(ATTR);
  r.declarations[0].comment = ALL;
  r.declarations[0].declaredBy = ATTR;
  r.summary.reserves.push(
    { kind: 'not-checked', ref: SCRIPT, cases: [ATTR, 'TLS-01'], message: { fr: ALL, en: ALL } },
    { kind: 'skipped', ref: ATTR, message: { fr: ALL, en: ALL } },
  );
  r.summary.blocking.push(ATTR);
  r.cases[7].reserves = [{ fr: ALL, en: ALL }];
  const c = r.cases[3];
  c.title = { fr: `Titre ${ALL}`, en: `Title ${ALL}` };
  c.group = `g${ATTR}`;
  c.requirements.push(ATTR);
  c.source = `${TEXTAREA}:1`;
  c.findings[2] = {
    ...c.findings[2],
    ruleId: ATTR,
    location: SCRIPT,
    resource: `Slot/${ATTR}`,
    message: { fr: `Message ${ALL}`, en: `Message ${ALL}` },
  };
  c.officialFindings![0].message = { fr: ALL, en: ALL };
  const x = c.exchanges[0];
  x.label = SCRIPT;
  x.request = { method: 'GET', url: `${JS_URL}/Slot?q=${ATTR}`, headers: { [`x-${'a'}`]: ATTR, accept: SCRIPT } };
  x.response!.headers = { 'content-type': TEXTAREA, location: JS_URL };
  x.response!.body = `{"resourceType":"OperationOutcome","issue":[{"diagnostics":${JSON.stringify(ALL)}}]}`;
  x.tls = { peerSubject: SCRIPT, protocol: ATTR };
  r.cases[9].exchanges[0].response!.body = `<html><body>${ALL}<a href="${JS_URL}">x</a></body></html>`;
  r.cases[10].exchanges[0].error = { code: ATTR, message: ALL };
  r.cases[8].reason = { fr: ALL, en: ALL };
  r.cases[5].latency![0].label = SCRIPT;
  return r;
}

describe('PV with hostile endpoint data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sas-pv-xss-'));
  const file = join(dir, 'pv.html');
  const pv = renderPv(hostileRun(), { lang: 'fr' });
  let browser: Browser;

  beforeAll(async () => {
    writeFileSync(file, pv);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('writes the payloads only as escaped text', () => {
    expect(pv).not.toMatch(/<script/i);
    expect(pv).not.toMatch(/<img/i);
    expect(pv).not.toMatch(/\sonerror="/i); // the text ` onerror=&quot;` stays text
    expect(pv).not.toMatch(/<\/textarea>/i);
    expect(pv).not.toMatch(/href="javascript:/i);
    // the PV number lands in the CSS footer: it cannot close the string, the rule or the style element
    const style = pv.slice(pv.indexOf('<style>'), pv.indexOf('</style>') + 8);
    expect(style.match(/<\/style>/g)).toHaveLength(1);
    expect(style).toContain('@bottom-left { content: "PV \\00003c\\00002fstyle\\00003e\\00003cscript\\00003ewindow.__pwned\\00003d5');
  });

  for (const bypassCSP of [false, true]) {
    it(`runs no script and shows the payloads as text (CSP ${bypassCSP ? 'bypassed' : 'enforced'})`, async () => {
      const context = await browser.newContext({ bypassCSP, javaScriptEnabled: true });
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      const dom = (await page.evaluate(INSPECT_DOM)) as {
        scripts: number;
        handlers: string[];
        links: string[];
        title: string;
        text: string;
      };
      expect(dom.scripts).toBe(0);
      expect(dom.handlers).toEqual([]);
      expect(dom.links).toEqual([]);
      expect(dom.title).toContain(STYLE);
      for (const payload of [SCRIPT, ATTR, JS_URL, TEXTAREA]) expect(dom.text).toContain(payload);
      expect(
        await page
          .locator('h4')
          .filter({ hasText: `Titre ${SCRIPT}` })
          .first()
          .isVisible(),
      ).toBe(true);
      expect(
        await page
          .locator('td')
          .filter({ hasText: `Message ${SCRIPT} ${ATTR}` })
          .first()
          .isVisible(),
      ).toBe(true);
      expect(requests).toEqual([pathToFileURL(file).href]); // nothing fetched besides the PV itself
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('keeps the JUnit XML well formed and schema-valid with the same payloads', async () => {
    const xml = renderJunit(hostileRun(), 'fr');
    const r = await xmllintSchema(xml, resolve(import.meta.dirname, 'junit.xsd'));
    expect(r.messages).toBe('');
    expect(r.valid).toBe(true);
    // attributes are escaped; element text is CDATA (inert in XML)
    expect(xml).toContain(
      'name="PS-4.2-PROFILES — Titre &lt;script>window.__pwned=1&lt;/script> &quot;>&lt;img src=x onerror=&quot;window.__pwned=2&quot;>',
    );
  });
});
