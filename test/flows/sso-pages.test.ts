/**
 * The pieces of the flux V2 checks on their own: how a page is read (parse5, as a browser builds it),
 * how the link SAS opens is made, which target applies, and the reference editor's booking site
 * (escaping, hostile requests) over real HTTP on loopback.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownUrl, withOrigin, withoutOrigin } from '../../src/flows/sso/booking-link.js';
import { isAuthorizationRequest, loginByUrl } from '../../src/flows/sso/landing.js';
import { isScriptShell, MAX_PARSED_CHARS, readPage, refreshTarget } from '../../src/flows/sso/read-page.js';
import { KIT_OIDC_REALM, ssoTarget, underLoginUrl } from '../../src/flows/sso/sso-target.js';
import { escapeHtml } from '../../src/mock/booking-pages.js';
import { startBookingSite, type BookingSite } from '../../src/mock/booking-site.js';

describe('the link SAS opens', () => {
  it.each([
    ['https://a.example/agenda', 'https://a.example/agenda?origin=sas'],
    ['https://a.example/agenda?ps=1', 'https://a.example/agenda?ps=1&origin=sas'],
    ['https://a.example/agenda?ps=1#creneau-4', 'https://a.example/agenda?ps=1&origin=sas#creneau-4'],
    ['https://a.example/agenda#x', 'https://a.example/agenda?origin=sas#x'],
    ['https://a.example/agenda?origin=web&ps=1', 'https://a.example/agenda?origin=sas&ps=1'],
    ['https://a.example/?', 'https://a.example/?origin=sas'],
  ])('%s → %s', (url, expected) => {
    expect(withOrigin(url, 'sas')).toBe(expected);
  });

  it('without origin: removes one, leaves any other URL byte for byte', () => {
    expect(withoutOrigin('https://a.example/a?ps=1&origin=sas')).toBe('https://a.example/a?ps=1');
    expect(withoutOrigin('https://a.example/a?q=%7C%20x')).toBe('https://a.example/a?q=%7C%20x');
  });

  it('shows URLs redacted and cut', () => {
    expect(shownUrl('https://a.example/a?token=abc&ps=1')).toBe('https://a.example/a?token=%5Bredacted%5D&ps=1');
    expect(shownUrl(`https://a.example/${'x'.repeat(1000)}`).length).toBeLessThanOrEqual(301);
  });
});

describe('the target applied', () => {
  it('defaults to the IG: the editor login page, origin=sas, any page of the booking host', () => {
    expect(ssoTarget({})).toEqual({
      target: 'editor-login',
      origin: 'sas',
      from: { target: 'default', origin: 'default', loginUrl: 'default' },
    });
  });
  it('the ANS kit when the JDD asks: the pre-production realm, origin=sas-preprod; JDD values override', () => {
    expect(ssoTarget({ sso: { target: 'sas-oidc' } })).toMatchObject({ origin: 'sas-preprod', loginUrl: KIT_OIDC_REALM });
    expect(ssoTarget({ sso: { target: 'sas-oidc', origin: 'sas', loginUrl: 'https://idp.example/' } })).toMatchObject({
      origin: 'sas',
      loginUrl: 'https://idp.example/',
      from: { target: 'jdd', origin: 'jdd', loginUrl: 'jdd' },
    });
  });
  it('recognises a login from its URL: an authorization request, or under the login URL (normalised)', () => {
    expect(isAuthorizationRequest(`${KIT_OIDC_REALM}auth?client_id=sas&response_type=code`)).toBe(true);
    expect(isAuthorizationRequest(`${KIT_OIDC_REALM}auth?client_id=sas`)).toBe(false);
    expect(underLoginUrl('https://IDP.example:443/realms/x/login', 'https://idp.example/realms/')).toBe(true);
    expect(underLoginUrl('https://idp.example.evil/realms/x', 'https://idp.example/realms/')).toBe(false);
    expect(loginByUrl('https://a.example/connexion', ssoTarget({}))).toBeUndefined();
  });
});

describe('reading a page as a browser builds it', () => {
  it('finds a login form: password inside a form, or owned through form=', () => {
    expect(readPage('<form><label>Mot de passe <input type=PASSWORD name=p></label></form>').loginForms).toBe(1);
    expect(readPage('<form id=f></form><input type="password" form="f">').loginForms).toBe(1);
    const loose = readPage('<div><input type="password"></div><script>login()</script>');
    expect([loose.loginForms, loose.passwordFields]).toEqual([0, 1]);
  });

  it('never counts what a browser does not show: a password in a template, text in scripts', () => {
    const p = readPage('<template><form><input type=password></form></template><script>var x = "lots of text here"</script>');
    expect([p.loginForms, p.passwordFields, p.forms, p.textChars]).toEqual([0, 0, 0, 0]);
  });

  it('tells a script shell from an agenda', () => {
    expect(isScriptShell(readPage('<!doctype html><div id=app></div><script src=/a.js></script>'))).toBe(true);
    expect(isScriptShell(readPage(`<h1>Agenda</h1><p>${'Créneau libre à 9 h. '.repeat(20)}</p><script src=/a.js></script>`))).toBe(false);
    expect(isScriptShell(readPage('<p>Agenda</p>'))).toBe(false);
  });

  it('reads a refresh and an error status the document declares', () => {
    expect(readPage('<meta http-equiv="Refresh" content="0; URL=\'/connexion?origin=sas\'">').refreshUrl).toBe('/connexion?origin=sas');
    expect(refreshTarget('5')).toBeUndefined();
    expect(readPage('<title>404 Not Found</title>').declaredStatus).toBe(404);
    expect(readPage('<h1>503 Service Unavailable</h1>').declaredStatus).toBe(503);
    expect(readPage('<meta http-equiv=status content="403 Forbidden"><title>Accueil</title>').declaredStatus).toBe(403);
    expect(readPage('<title>2024 en chiffres</title><h1>4000 créneaux</h1>').declaredStatus).toBeUndefined();
  });

  it('keeps hidden values (where a login form carries origin)', () => {
    expect(readPage('<form><input type=hidden name=origin value=sas><input type=password></form>').hiddenValues).toEqual(['sas']);
  });

  it.each([
    ['deeply nested', '<div>'.repeat(150_000)],
    ['unclosed everything', '<form><table><tr><td><select><option><b><i><a href="'.repeat(5_000)],
    ['binary', Buffer.from(Array.from({ length: 200_000 }, (_v, i) => (i * 7919) % 256)).toString('latin1')],
    ['misnested formatting', '<b><p><i>'.repeat(20_000)],
    ['comment never closed', `<!--${'x'.repeat(1_000_000)}`],
  ])('never throws on hostile HTML: %s', (_name, html) => {
    const t0 = Date.now();
    const p = readPage(html);
    expect(p.loginForms).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('reads a huge document up to its cap and says so', () => {
    const p = readPage(`<p>${'x'.repeat(MAX_PARSED_CHARS)}</p><form><input type=password></form>`);
    expect(p.truncated).toBe(true);
    expect(p.loginForms).toBe(0);
  });
});

describe('the reference editor booking site', () => {
  let site: BookingSite;
  let broken: BookingSite;
  beforeAll(async () => {
    site = await startBookingSite({ host: '127.0.0.1', defects: new Set() });
    broken = await startBookingSite({ host: '127.0.0.1', defects: new Set(['sso-no-redirect']) });
  });
  afterAll(async () => {
    await site.close();
    await broken.close();
  });

  function get(origin: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    const u = new URL(origin);
    return new Promise((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, path, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends an unauthenticated visit to its own login page, origin and the page asked for kept', async () => {
    const r = await get(site.origin, '/sos/rdv?pfg=a%2Fb&creneau=1&origin=sas');
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/connexion?origin=sas&next=%2Fsos%2Frdv%3Fpfg%3Da%252Fb%26creneau%3D1%26origin%3Dsas');
    const login = await get(site.origin, r.headers.location as string);
    expect(login.status).toBe(200);
    const page = readPage(login.body);
    expect(page.loginForms).toBe(1);
    expect(page.hiddenValues).toContain('sas');
    const none = await get(site.origin, '/sas/agenda/deep/path');
    expect(none.headers.location).toBe('/connexion?next=%2Fsas%2Fagenda%2Fdeep%2Fpath');
  });

  it('escapes everything it echoes', async () => {
    const evil = encodeURIComponent('"><script>alert(1)</script>');
    const login = await get(site.origin, `/connexion?origin=${evil}&next=${evil}`);
    expect(login.body).not.toContain('<script>');
    expect(readPage(login.body).scripts).toBe(0);
    const agenda = await get(broken.origin, `/sas/rdv?ps=${evil}&${evil}=1`);
    expect(agenda.status).toBe(200);
    expect(agenda.body).not.toContain('<script>');
    expect(readPage(agenda.body)).toMatchObject({ scripts: 0, loginForms: 0, passwordFields: 0 });
    expect(escapeHtml(`<a href='x'>&`)).toBe('&#60;a href=&#39;x&#39;&#62;&#38;');
  });

  it('with sso-no-redirect, shows the agenda without login', async () => {
    const r = await get(broken.origin, '/sas/rdv?ps=1&origin=sas');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(readPage(r.body).forms).toBe(0);
  });

  it('answers 404 / 405 elsewhere, and never stops on a broken request', async () => {
    expect((await get(site.origin, '/admin')).status).toBe(404);
    expect((await get(site.origin, '/sas/rdv', 'DELETE')).status).toBe(405);
    expect((await get(site.origin, '/connexion', 'POST')).status).toBe(200);
    expect((await get(site.origin, '//%%%/../sas/x')).status).toBe(400);
    expect((await get(site.origin, '/sas/%ZZ/../x?%%%&origin=%ZZ')).status).toBe(302);
    await new Promise<void>((resolve) => {
      const u = new URL(site.origin);
      const s = connect(Number(u.port), u.hostname, () => s.end('GARBAGE \u0000\r\n\r\n'));
      s.on('data', () => undefined);
      s.on('close', () => resolve());
      s.on('error', () => resolve());
    });
    expect((await get(site.origin, '/sas/rdv')).status).toBe(302);
  });
});
