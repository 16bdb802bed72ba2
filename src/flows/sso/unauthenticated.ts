/**
 * Case kind `sso-unauthenticated` (flux V2): reads the booking URLs of the use case's slot search, then
 * visits each (at most five) as a browser without a session would — with the `origin` SAS appends
 * (`origin: with`, the default) or without it (`origin: without`) — and judges where each visit ends.
 * With origin, the comments themselves are judged too (sas-v2@1), and one note says which target and
 * origin value were applied, and why (IG default, ANS kit, JDD).
 */
import { flowFinding } from '../context.js';
import type { Finding, Message } from '../../core/findings.js';
import type { CaseKind, CasePlan, KindEnv, KindOutcome, PlanEnv } from '../../cahier/kinds.js';
import type { TestCase } from '../../cahier/types.js';
import type { Exchange } from '../../core/model.js';
import { withOrigin, withoutOrigin } from './booking-link.js';
import { bookingSearchRequest, findBookingUrls, MAX_BOOKING_URLS } from './booking-urls.js';
import { browserClient } from './browser-client.js';
import { judgeVisit, type OriginMode } from './judge-visit.js';
import { landingOf, loginByUrl } from './landing.js';
import { SSO_REQ, SSO_RULE } from './rules.js';
import { describeTarget, ssoTarget } from './sso-target.js';
import { visitLikeBrowser } from './visit.js';

export const STOPPED: Message = {
  fr: "non envoyé\u00a0: la recette a cessé d'envoyer des requêtes (échéance atteinte ou point d'accès muet)",
  en: 'not sent: the run stopped sending requests (deadline reached or endpoint not answering)',
};

export const NO_JDD = (tc: TestCase): Message => ({
  fr: `aucun JDD chargé pour le cas d'usage ${tc.useCase}\u00a0: pas de recherche de créneaux, donc pas d'URL de réservation`,
  en: `no JDD loaded for use case ${tc.useCase}: no slot search, hence no booking URL`,
});

/** The plan of an SSO case (`run --dry-run`): the slot search, then what is done with its booking URLs. */
export function planBookingSearch(tc: TestCase, env: PlanEnv, then: Message): CasePlan {
  if (!env.jdd) return { steps: [], notApplicable: NO_JDD(tc) };
  const req = bookingSearchRequest(tc, env);
  if ('notApplicable' in req) return { steps: [], notApplicable: req.notApplicable };
  return { steps: [{ request: { method: 'GET', url: req.url, headers: req.headers } }, { note: then }] };
}

function planUnauthenticated(tc: TestCase, env: PlanEnv): CasePlan {
  const origin = modeOf(tc) === 'with' && env.jdd ? `origin=${ssoTarget(env.jdd).origin}` : undefined;
  return planBookingSearch(tc, env, {
    fr: `puis ouvre, comme un navigateur sans session, les URL de réservation (Slot.comment) de la réponse, ${MAX_BOOKING_URLS} au plus, ${origin ? `avec ${origin} ajouté` : 'sans le paramètre origin'}, en suivant les redirections jusqu'à la page d'arrivée (connexion attendue)`,
    en: `then opens, as a browser without a session, the booking URLs (Slot.comment) of the answer, at most ${MAX_BOOKING_URLS}, ${origin ? `with ${origin} appended` : 'without the origin parameter'}, following redirects to the landing page (a login is expected)`,
  });
}

function modeOf(tc: TestCase): OriginMode {
  return (tc.params as { origin?: OriginMode } | undefined)?.origin ?? 'with';
}

export async function runUnauthenticated(tc: TestCase, env: KindEnv): Promise<KindOutcome> {
  const jdd = env.jdd;
  if (!jdd) return { exchanges: [], findings: [], notApplicable: NO_JDD(tc) };
  if (env.signal?.aborted) return { exchanges: [], findings: [], harnessFault: STOPPED };
  const mode = modeOf(tc);
  const target = ssoTarget(jdd);
  const found = await findBookingUrls(tc, env, { judgeComments: mode === 'with' });
  if (!('urls' in found)) return { findings: [], ...found };
  const exchanges: Exchange[] = [...found.exchanges];
  const findings: Finding[] = [...found.findings];
  if (mode === 'with' && found.urls.length > 0) {
    findings.push(
      flowFinding('information', SSO_RULE.targetApplied, 'sso.target', describeTarget(target, new URL(found.urls[0]).host), [
        target.target === 'editor-login' ? SSO_REQ.editorLogin : SSO_REQ.kitRealm,
      ]),
    );
  }
  if (found.urls.length > 0) {
    findings.push(
      flowFinding(
        'information',
        SSO_RULE.visited,
        'sso.bookingUrl',
        found.distinct > found.urls.length
          ? {
              fr: `${found.distinct} URL de réservation distinctes\u00a0: les ${found.urls.length} premières sont visitées`,
              en: `${found.distinct} distinct booking URLs: the first ${found.urls.length} are visited`,
            }
          : {
              fr: `${found.distinct} URL de réservation distincte(s), toutes visitées`,
              en: `${found.distinct} distinct booking URL(s), all visited`,
            },
        [],
      ),
    );
  }
  const browser = browserClient(env.httpOptions);
  try {
    for (const [i, url] of found.urls.entries()) {
      if (env.signal?.aborted) return { exchanges, findings, harnessFault: STOPPED };
      env.progress?.({
        fr: `SSO ${mode === 'with' ? 'avec' : 'sans'} origin\u00a0: URL ${i + 1}/${found.urls.length}`,
        en: `SSO ${mode} origin: URL ${i + 1}/${found.urls.length}`,
      });
      const start = mode === 'with' ? withOrigin(url, target.origin) : withoutOrigin(url);
      const visit = await visitLikeBrowser(browser.client, start, {
        label: `sso ${mode === 'with' ? `origin=${target.origin}` : 'without origin'} [${i}]`,
        isLoginUrl: (u) => loginByUrl(u, target) !== undefined,
        ...(env.signal ? { signal: env.signal } : {}),
      });
      exchanges.push(...visit.hops.map((h) => h.sent.exchange));
      if (visit.end.kind === 'stopped') return { exchanges, findings, harnessFault: STOPPED };
      findings.push(...judgeVisit(mode, visit, landingOf(visit, target), url, target, i));
    }
  } finally {
    await browser.close();
  }
  return { exchanges, findings };
}

export function unauthenticatedKind(): CaseKind {
  return {
    kind: 'sso-unauthenticated',
    plan: planUnauthenticated,
    paramsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        origin: {
          enum: ['with', 'without'],
          description:
            'with (default): the link SAS opens, with its origin parameter (the JDD sso block sets the value and the expected login); without: the same URL without origin',
        },
      },
    },
    run: (tc, env) => runUnauthenticated(tc, env),
  };
}
