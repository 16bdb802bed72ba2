/**
 * The findings of one unauthenticated visit (flux V2), from where it ended (landing.ts):
 * - with `origin` (the link SAS opens): a login must be reached (sas-v2@4, SAS-SSO-002), the URL must
 *   work (sas-v2@3, SAS-SSO-005), and the login must be the applied target — the editor's own page
 *   (sas-v2@5, SHALL, SAS-SSO-003) or the SAS pre-production realm (sas-v2@6, SHOULD, kit only,
 *   SAS-SSO-006); whether `origin` survives the redirect is information;
 * - without `origin`: a login, an error page or a non-HTML 4xx/5xx passes; the agenda shown fails
 *   (sas-v2@8, SAS-SSO-004).
 * A script shell or an answer that cannot be judged is a reserve (not checked), never a pass. Pure.
 */
import { flowFinding } from '../context.js';
import type { Finding, Message } from '../../core/findings.js';
import { shownUrl } from './booking-link.js';
import { LOGIN_HOW, originKept, type Landing } from './landing.js';
import { SSO_REQ, SSO_RULE } from './rules.js';
import type { SsoTarget } from './sso-target.js';
import { underLoginUrl } from './sso-target.js';
import type { Visit } from './visit.js';

export type OriginMode = 'with' | 'without';

const SHELL: Message = {
  fr: 'page faite de scripts (aucun formulaire, presque aucun texte)\u00a0: son contenu est construit par le navigateur et ne peut pas être jugé sans l’exécuter. Vérifier à la main que la page demande une connexion',
  en: 'a page made of scripts (no form, almost no text): its content is built by the browser and cannot be judged without running it. Check by hand that the page asks for a login',
};

/** True when the login reached is the applied target. */
function onTarget(url: string, bookingUrl: string, target: SsoTarget): boolean {
  if (target.loginUrl !== undefined) return underLoginUrl(url, target.loginUrl);
  try {
    return new URL(url).host === new URL(bookingUrl).host;
  } catch {
    return false;
  }
}

function landedOn(l: Landing): Message {
  switch (l.kind) {
    case 'login':
      return { fr: `connexion demandée\u00a0: ${LOGIN_HOW[l.how].fr}`, en: `login asked: ${LOGIN_HOW[l.how].en}` };
    case 'error':
      return l.declared
        ? { fr: `page d’erreur (le document se déclare ${l.status})`, en: `an error page (the document declares ${l.status})` }
        : {
            fr: `HTTP ${l.status}${l.html ? ' (page HTML)' : ' (non HTML)'}`,
            en: `HTTP ${l.status}${l.html ? ' (HTML page)' : ' (not HTML)'}`,
          };
    case 'content':
      return { fr: `HTTP ${l.status}, ${l.what.fr}`, en: `HTTP ${l.status}, ${l.what.en}` };
    case 'script-shell':
      return SHELL;
    case 'not-judged':
    case 'broken':
      return l.why;
  }
}

function loginFindings(
  l: Extract<Landing, { kind: 'login' }>,
  visit: Visit,
  bookingUrl: string,
  target: SsoTarget,
  where: string,
): Finding[] {
  const out: Finding[] = [];
  const at = shownUrl(l.url);
  out.push(
    flowFinding(
      'information',
      SSO_RULE.loginReached,
      where,
      {
        fr: `sans authentification, ${LOGIN_HOW[l.how].fr}, à ${at}`,
        en: `without authentication, ${LOGIN_HOW[l.how].en}, at ${at}`,
      },
      [SSO_REQ.loginFirst],
    ),
  );
  const ok = onTarget(l.url, bookingUrl, target);
  const expected: Message = target.loginUrl
    ? { fr: `une URL commençant par ${target.loginUrl}`, en: `a URL starting with ${target.loginUrl}` }
    : { fr: `une page de l’hôte ${new URL(bookingUrl).host}`, en: `a page of host ${new URL(bookingUrl).host}` };
  if (target.target === 'editor-login') {
    out.push(
      ok
        ? flowFinding(
            'information',
            SSO_RULE.editorLogin,
            where,
            { fr: `page de connexion de l’éditeur (${expected.fr})`, en: `the editor's own login page (${expected.en})` },
            [SSO_REQ.editorLogin],
          )
        : flowFinding(
            'error',
            SSO_RULE.editorLogin,
            `${where}.HTTP.header.location`,
            {
              fr: `la connexion demandée est à ${at}, pas sur la page de connexion de l’éditeur (attendu\u00a0: ${expected.fr}, cible de l’IG). Rediriger vers la page de connexion de la solution\u00a0; si c’est bien le service de connexion de l’éditeur, l’indiquer dans le JDD (sso.loginUrl)\u00a0; si la recette suit le kit ANS, sso.target: sas-oidc`,
              en: `the login asked is at ${at}, not the editor's own login page (expected: ${expected.en}, the IG's target). Redirect to the solution's login page; if this is the editor's login service, give it in the JDD (sso.loginUrl); if the run follows the ANS kit, sso.target: sas-oidc`,
            },
            [SSO_REQ.editorLogin],
          ),
    );
  } else {
    out.push(
      ok
        ? flowFinding(
            'information',
            SSO_RULE.kitRealm,
            where,
            {
              fr: `royaume OpenID Connect SAS atteint (${expected.fr}, kit ANS)`,
              en: `SAS OpenID Connect realm reached (${expected.en}, ANS kit)`,
            },
            [SSO_REQ.kitRealm],
          )
        : flowFinding(
            'warning',
            SSO_RULE.kitRealm,
            `${where}.HTTP.header.location`,
            {
              fr: `la connexion demandée est à ${at}, pas dans le royaume OpenID Connect SAS attendu par le kit ANS (${expected.fr}). Seul le kit le demande\u00a0: l’IG demande la page de connexion de l’éditeur`,
              en: `the login asked is at ${at}, not in the SAS OpenID Connect realm the ANS kit expects (${expected.en}). Only the kit asks for it: the IG asks for the editor's own login page`,
            },
            [SSO_REQ.kitRealm],
          ),
    );
  }
  const kept = originKept(l, visit, target.origin);
  out.push(
    flowFinding(
      'information',
      SSO_RULE.originKept,
      where,
      kept
        ? {
            fr: `origin=${target.origin} conservé jusqu’à la connexion (${kept === 'url' ? 'dans son URL' : kept === 'nested' ? 'dans un paramètre de son URL' : 'dans un champ caché du formulaire'})`,
            en: `origin=${target.origin} kept up to the login (${kept === 'url' ? 'in its URL' : kept === 'nested' ? 'in a parameter of its URL' : 'in a hidden field of the form'})`,
          }
        : {
            fr: `origin=${target.origin} n’apparaît plus à la connexion (l’IG ne l’exige pas\u00a0; l’habilitation régulateur en dépend après connexion)`,
            en: `origin=${target.origin} is no longer visible at the login (the IG does not require it; the regulator habilitation depends on it after login)`,
          },
      [],
    ),
  );
  return out;
}

/** Findings of one visit of booking URL number `index`. */
export function judgeVisit(
  mode: OriginMode,
  visit: Visit,
  landing: Landing,
  bookingUrl: string,
  target: SsoTarget,
  index: number,
): Finding[] {
  const where = `sso.bookingUrl[${index}]`;
  const link = shownUrl(visit.start);
  const seen = landedOn(landing);
  if (landing.kind === 'script-shell' || landing.kind === 'not-judged') {
    const req = mode === 'with' ? [SSO_REQ.loginFirst] : [SSO_REQ.withoutOrigin];
    return [
      flowFinding('information', SSO_RULE.notJudged, where, { fr: `${link}\u00a0: ${seen.fr}`, en: `${link}: ${seen.en}` }, req, {
        notChecked: true,
      }),
    ];
  }
  if (landing.kind === 'broken') {
    return [
      flowFinding(
        'error',
        SSO_RULE.urlWorks,
        where,
        {
          fr: `${link}\u00a0: ${seen.fr} — l’URL de réservation doit répondre, au navigateur sans certificat client`,
          en: `${link}: ${seen.en} — the booking URL must answer, to a browser without a client certificate`,
        },
        [SSO_REQ.originWorks],
      ),
    ];
  }
  if (mode === 'without') {
    if (landing.kind === 'content') {
      return [
        flowFinding(
          'error',
          SSO_RULE.withoutOrigin,
          where,
          {
            fr: `${link} (sans origin, sans authentification)\u00a0: ${seen.fr} — sans origin, les fonctions de l’habilitation régulateur ne doivent pas être disponibles\u00a0: demander une connexion ou répondre une erreur`,
            en: `${link} (without origin, unauthenticated): ${seen.en} — without origin the regulator habilitation's features must not be available: ask for a login or answer an error`,
          },
          [SSO_REQ.withoutOrigin],
        ),
      ];
    }
    return [
      flowFinding(
        'information',
        SSO_RULE.withoutOrigin,
        where,
        { fr: `${link} (sans origin)\u00a0: ${seen.fr}`, en: `${link} (without origin): ${seen.en}` },
        [SSO_REQ.withoutOrigin],
      ),
    ];
  }
  if (landing.kind === 'error') {
    return [
      flowFinding(
        'error',
        SSO_RULE.urlWorks,
        where,
        {
          fr: `${link}\u00a0: ${seen.fr} — l’URL ouverte par le SAS (avec origin=${target.origin}) doit mener à la page de connexion, pas à une erreur`,
          en: `${link}: ${seen.en} — the URL SAS opens (with origin=${target.origin}) must lead to the login page, not to an error`,
        },
        [SSO_REQ.originWorks],
      ),
    ];
  }
  if (landing.kind === 'content') {
    return [
      flowFinding(
        'error',
        SSO_RULE.loginReached,
        where,
        {
          fr: `${link} (sans authentification)\u00a0: ${seen.fr} — un visiteur non authentifié venant du SAS doit être conduit à la page d’authentification avant de voir l’agenda`,
          en: `${link} (unauthenticated): ${seen.en} — an unauthenticated visitor coming from SAS must be sent to the login page before seeing the agenda`,
        },
        [SSO_REQ.loginFirst],
      ),
    ];
  }
  return loginFindings(landing, visit, bookingUrl, target, where);
}
