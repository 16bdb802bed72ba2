/**
 * Where an unauthenticated visit of a booking URL must lead (flux V2), and with which `origin` value:
 * the IG's target by default (the editor's own login page, `origin=sas`), the ANS kit's on request (the
 * SAS pre-production OpenID Connect realm, `origin=sas-preprod`), the JDD's `sso` block overriding
 * either. Says where each value comes from, for the PV.
 */
import type { Message } from '../../core/findings.js';
import type { Jdd } from '../../jdd/types.js';

/** The SAS pre-production OpenID Connect realm the ANS kit expects (kit 6.1.03, branch dev). */
export const KIT_OIDC_REALM = 'https://seconnecter.preproduction.santefr.esante.gouv.fr/realms/sas/protocol/openid-connect/';

export type SsoTargetKind = 'editor-login' | 'sas-oidc';

export interface SsoTarget {
  target: SsoTargetKind;
  /** `origin` value appended to the booking URL. */
  origin: string;
  /** The URL a login page must start with; absent (editor-login): any page of the booking URL's host. */
  loginUrl?: string;
  /** Where each value comes from. */
  from: { target: 'jdd' | 'default'; origin: 'jdd' | 'default'; loginUrl: 'jdd' | 'default' };
}

export function ssoTarget(jdd: Pick<Jdd, 'sso'>): SsoTarget {
  const sso = jdd.sso ?? {};
  const target: SsoTargetKind = sso.target ?? 'editor-login';
  const defaultLogin = target === 'sas-oidc' ? KIT_OIDC_REALM : undefined;
  const loginUrl = sso.loginUrl ?? defaultLogin;
  return {
    target,
    origin: sso.origin ?? (target === 'sas-oidc' ? 'sas-preprod' : 'sas'),
    ...(loginUrl !== undefined ? { loginUrl } : {}),
    from: {
      target: sso.target !== undefined ? 'jdd' : 'default',
      origin: sso.origin !== undefined ? 'jdd' : 'default',
      loginUrl: sso.loginUrl !== undefined ? 'jdd' : 'default',
    },
  };
}

/** True when `url` starts with the prefix `loginUrl`, both normalised by the URL parser (host case, default port). */
export function underLoginUrl(url: string, loginUrl: string): boolean {
  try {
    return new URL(url).href.startsWith(new URL(loginUrl).href);
  } catch {
    return false;
  }
}

/** The target in words: what was applied and why (IG default, ANS kit, JDD). */
export function describeTarget(t: SsoTarget, bookingHost: string): Message {
  const byDefault: Message =
    t.target === 'editor-login' || t.from.target === 'default'
      ? { fr: "défaut de l'IG", en: 'IG default' }
      : { fr: 'défaut du kit ANS', en: 'ANS kit default' };
  const fromJdd = (k: keyof SsoTarget['from']): Message => (t.from[k] === 'jdd' ? { fr: `JDD sso.${k}`, en: `JDD sso.${k}` } : byDefault);
  const what: Message =
    t.target === 'editor-login'
      ? { fr: "page de connexion de l'éditeur (cible de l'IG)", en: "the editor's own login page (the IG's target)" }
      : {
          fr: "royaume OpenID Connect SAS de pré-production (cible du kit ANS, que l'IG ne nomme pas)",
          en: 'the SAS pre-production OpenID Connect realm (the ANS kit target, not named by the IG)',
        };
  const where: Message = t.loginUrl
    ? {
        fr: `URL commençant par ${t.loginUrl} (${fromJdd('loginUrl').fr})`,
        en: `a URL starting with ${t.loginUrl} (${fromJdd('loginUrl').en})`,
      }
    : { fr: `toute page de l'hôte ${bookingHost} de l'URL de réservation`, en: `any page of the booking URL's host ${bookingHost}` };
  return {
    fr: `cible appliquée\u00a0: ${t.target} — ${what.fr} (${fromJdd('target').fr}), ${where.fr}\u00a0; origin=${t.origin} (${fromJdd('origin').fr}). Le JDD peut les changer (sso.target, sso.loginUrl, sso.origin)`,
    en: `target applied: ${t.target} — ${what.en} (${fromJdd('target').en}), ${where.en}; origin=${t.origin} (${fromJdd('origin').en}). The JDD can change them (sso.target, sso.loginUrl, sso.origin)`,
  };
}
