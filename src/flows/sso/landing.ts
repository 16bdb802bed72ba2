/**
 * Where an unauthenticated visit ends, by what the answer is (flux V2), never by keywords:
 * - a login: an HTML form with a password field (or a password field a script submits); a 401 with
 *   `WWW-Authenticate` (authentication demanded); a redirect to an OpenID Connect / OAuth authorization
 *   request (`response_type` and `client_id` in its query); a page or redirect under the JDD's
 *   `sso.loginUrl`;
 * - an error: an answer with status 4xx/5xx, or an HTML page that declares such a status itself;
 * - content: anything else served without authentication (an HTML page without a login form: the agenda);
 * - a script shell (scripts, no form, almost no text): built by scripts, cannot be judged statically;
 * - not judged: a redirect to a host that is not recognised, too many redirects, a huge page read in part;
 * - broken: no answer, a redirect without a usable Location.
 * Pure.
 */
import type { Message } from '../../core/findings.js';
import { mediaTypeOf } from '../../http/media-type.js';
import { shownUrl } from './booking-link.js';
import { isScriptShell, MAX_PARSED_CHARS } from './read-page.js';
import { underLoginUrl, type SsoTarget } from './sso-target.js';
import { isHtmlAnswer, MAX_REDIRECTS, type Visit } from './visit.js';

export type LoginHow = 'form' | 'password-field' | 'authenticate' | 'oidc' | 'login-url';

export type Landing =
  | { kind: 'login'; how: LoginHow; url: string }
  | { kind: 'error'; url: string; status: number; html: boolean; declared: boolean }
  | { kind: 'content'; url: string; status: number; what: Message }
  | { kind: 'script-shell'; url: string }
  | { kind: 'not-judged'; url: string; why: Message }
  | { kind: 'broken'; url: string; why: Message };

/** An OpenID Connect / OAuth 2 authorization request: `response_type` and `client_id` in the query. */
export function isAuthorizationRequest(url: string): boolean {
  try {
    const q = new URL(url).searchParams;
    return q.has('response_type') && q.has('client_id');
  } catch {
    return false;
  }
}

/** How `url` is recognised as a login from the URL alone, if it is. */
export function loginByUrl(url: string, target: SsoTarget): LoginHow | undefined {
  if (isAuthorizationRequest(url)) return 'oidc';
  if (target.loginUrl !== undefined && underLoginUrl(url, target.loginUrl)) return 'login-url';
  return undefined;
}

export const LOGIN_HOW: Record<LoginHow, Message> = {
  form: { fr: 'un formulaire avec un champ mot de passe', en: 'a form with a password field' },
  'password-field': {
    fr: 'un champ mot de passe (hors formulaire, envoyé par script)',
    en: 'a password field (outside a form, submitted by a script)',
  },
  authenticate: {
    fr: 'HTTP 401 avec WWW-Authenticate (authentification exigée)',
    en: 'HTTP 401 with WWW-Authenticate (authentication demanded)',
  },
  oidc: {
    fr: 'une redirection vers une demande d’autorisation OpenID Connect / OAuth (response_type, client_id)',
    en: 'a redirect to an OpenID Connect / OAuth authorization request (response_type, client_id)',
  },
  'login-url': { fr: 'l’URL de connexion indiquée (sso.loginUrl)', en: 'the login URL given (sso.loginUrl)' },
};

function htmlWhat(title: string | undefined, forms: number, textChars: number): Message {
  const t = title ? `«\u00a0${title.slice(0, 80)}\u00a0», ` : '';
  const te = title ? `"${title.slice(0, 80)}", ` : '';
  return {
    fr: `une page HTML sans formulaire de connexion (${t}${forms} formulaire(s) sans mot de passe, ${textChars} caractères de texte)`,
    en: `an HTML page without a login form (${te}${forms} form(s) without a password, ${textChars} characters of text)`,
  };
}

export function landingOf(visit: Visit, target: SsoTarget): Landing {
  const last = visit.hops[visit.hops.length - 1];
  const url = last?.url ?? visit.start;
  const end = visit.end;
  switch (end.kind) {
    case 'stopped':
      return {
        kind: 'not-judged',
        url,
        why: { fr: 'la recette a cessé d’envoyer des requêtes (échéance)', en: 'the run stopped sending requests (deadline)' },
      };
    case 'no-answer': {
      const x = last.sent.exchange;
      const detail = `${x.outcome}${x.error?.code ? `, ${x.error.code}` : ''}${x.error?.message ? `: ${x.error.message.slice(0, 200)}` : ''}`;
      return { kind: 'broken', url, why: { fr: `pas de réponse utilisable (${detail})`, en: `no usable answer (${detail})` } };
    }
    case 'bad-redirect': {
      const status = last.sent.exchange.response?.status ?? 0;
      const loc = end.location === undefined ? '' : ` «\u00a0${shownUrl(end.location, 200)}\u00a0»`;
      const loce = end.location === undefined ? '' : ` "${shownUrl(end.location, 200)}"`;
      return {
        kind: 'broken',
        url,
        why:
          end.location === undefined
            ? { fr: `HTTP ${status} sans en-tête Location`, en: `HTTP ${status} without a Location header` }
            : { fr: `HTTP ${status} avec une Location inutilisable${loc}`, en: `HTTP ${status} with an unusable Location${loce}` },
      };
    }
    case 'too-many-redirects':
      return {
        kind: 'not-judged',
        url,
        why: {
          fr: `plus de ${MAX_REDIRECTS} redirections sur le même hôte (sans cookie, comme un navigateur sans session)\u00a0: page d’arrivée non atteinte`,
          en: `more than ${MAX_REDIRECTS} redirects on the same host (without cookies, as a browser without a session): no page reached`,
        },
      };
    case 'login-redirect':
      return { kind: 'login', how: loginByUrl(end.target, target) ?? 'login-url', url: end.target };
    case 'other-host':
      return {
        kind: 'not-judged',
        url: end.target,
        why: {
          fr: `redirection vers un autre hôte (${shownUrl(end.target, 200)}), non suivie\u00a0: son URL ne dit pas si c’est une page de connexion. Si c’est le service de connexion de l’éditeur, l’indiquer dans le JDD (sso.loginUrl)`,
          en: `redirect to another host (${shownUrl(end.target, 200)}), not followed: its URL does not tell whether it is a login page. If it is the editor's login service, give it in the JDD (sso.loginUrl)`,
        },
      };
    case 'answer':
      break;
  }
  const sent = last.sent;
  const r = sent.exchange.response as NonNullable<typeof sent.exchange.response>;
  const authenticate = r.status === 401 && (r.headers['www-authenticate'] ?? '').trim() !== '';
  if (isHtmlAnswer(sent)) {
    const page = last.page;
    if (page && page.loginForms > 0) return { kind: 'login', how: 'form', url };
    if (page && page.passwordFields > 0) return { kind: 'login', how: 'password-field', url };
    if (authenticate) return { kind: 'login', how: 'authenticate', url };
    if (r.status >= 400) return { kind: 'error', url, status: r.status, html: true, declared: false };
    if (page?.declaredStatus !== undefined) return { kind: 'error', url, status: page.declaredStatus, html: true, declared: true };
    if (target.loginUrl !== undefined && underLoginUrl(url, target.loginUrl)) return { kind: 'login', how: 'login-url', url };
    if (!page) return { kind: 'content', url, status: r.status, what: { fr: 'une page HTML vide', en: 'an empty HTML page' } };
    if (isScriptShell(page)) return { kind: 'script-shell', url };
    if (page.truncated) {
      return {
        kind: 'not-judged',
        url,
        why: {
          fr: `page HTML de plus de ${MAX_PARSED_CHARS} caractères, lue en partie\u00a0: aucun formulaire de connexion dans la partie lue`,
          en: `HTML page over ${MAX_PARSED_CHARS} characters, read in part: no login form in the part read`,
        },
      };
    }
    return { kind: 'content', url, status: r.status, what: htmlWhat(page.title, page.forms, page.textChars) };
  }
  if (authenticate) return { kind: 'login', how: 'authenticate', url };
  if (r.status >= 400) return { kind: 'error', url, status: r.status, html: false, declared: false };
  const type = mediaTypeOf(r.headers) ?? '?';
  return {
    kind: 'content',
    url,
    status: r.status,
    what: { fr: `une réponse non HTML (${type}, ${r.bodyBytes} octets)`, en: `a non-HTML answer (${type}, ${r.bodyBytes} bytes)` },
  };
}

/** Where `origin=<value>` is still visible once the login is reached (information only: the IG does not require it). */
export function originKept(
  landing: Extract<Landing, { kind: 'login' }>,
  visit: Visit,
  value: string,
): 'url' | 'nested' | 'form' | undefined {
  let u: URL;
  try {
    u = new URL(landing.url);
  } catch {
    return undefined;
  }
  if (u.searchParams.get('origin') === value) return 'url';
  const escaped = value.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const needle = new RegExp(`(?:^|[?&])origin=${escaped}(?:[&#]|$)`);
  for (const v of u.searchParams.values()) {
    let decoded = v;
    for (let i = 0; i < 2 && decoded.includes('%'); i++) {
      try {
        decoded = decodeURIComponent(decoded);
      } catch {
        break;
      }
    }
    if (needle.test(decoded)) return 'nested';
  }
  const page = visit.end.kind === 'answer' ? visit.hops[visit.hops.length - 1]?.page : undefined;
  if (page?.hiddenValues.some((h) => h === value || needle.test(h))) return 'form';
  return undefined;
}
