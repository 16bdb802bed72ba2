/**
 * The booking URLs of a run (flux V2): the use case's reference slot search for the JDD's entries
 * (src/transport/reference-request.ts, over the run's mTLS client), then the distinct `Slot.comment`
 * URLs of the answer — several, not only the first as the ANS kit does (at most MAX_BOOKING_URLS). On
 * request, each slot's comment is judged against sas-v2@1: an absolute http(s) URL (as agg-psindiv@25
 * and SAS-URL-001: no SAS source requires https for the booking page).
 *
 * What stops the SSO checks before any visit:
 * - no JDD, or no entry to search → not applicable;
 * - the search gets no usable answer → error of the case (the SSO cannot be judged; the search cases
 *   judge the search itself);
 * - the answer has no Slot → not applicable: an empty searchset is a valid answer when nothing is free
 *   (agg-psindiv@8), so it is no fault of the editor, but there is no booking URL to visit;
 * - slots without any usable URL → SAS-SSO-001 errors when the comments are judged, not applicable
 *   otherwise (the case that judges them says why).
 */
import { flowFinding } from '../context.js';
import type { Finding, Message } from '../../core/findings.js';
import type { KindEnv } from '../../cahier/kinds.js';
import type { TestCase } from '../../cahier/types.js';
import type { Exchange } from '../../core/model.js';
import { referenceRequest } from '../../transport/reference-request.js';
import { shownUrl } from './booking-link.js';
import { SSO_REQ, SSO_RULE } from './rules.js';

export const MAX_BOOKING_URLS = 5;
/** SAS searches at most 25 identifiers at once. */
const MAX_SEARCHED = 25;
/** Individual SAS-SSO-001 findings before one summary of the rest. */
const MAX_URL_FINDINGS = 10;

export interface BookingUrls {
  /** Distinct absolute http(s) URLs, in the answer's order, at most MAX_BOOKING_URLS. */
  urls: string[];
  /** How many distinct usable URLs the answer had (before the cap). */
  distinct: number;
  slots: number;
  findings: Finding[];
  exchanges: Exchange[];
}

export type BookingUrlsResult =
  BookingUrls | { notApplicable: Message; exchanges: Exchange[] } | { harnessFault: Message; exchanges: Exchange[] };

interface SlotLike {
  index: number;
  id?: string;
  comment?: unknown;
  walkin: boolean;
}

function slotsOf(bundle: unknown): SlotLike[] | undefined {
  if (!bundle || typeof bundle !== 'object' || (bundle as { resourceType?: unknown }).resourceType !== 'Bundle') return undefined;
  const entries = (bundle as { entry?: unknown }).entry;
  if (!Array.isArray(entries)) return [];
  const out: SlotLike[] = [];
  entries.forEach((e: unknown, index) => {
    const r = (e as { resource?: unknown } | null)?.resource as Record<string, unknown> | undefined;
    if (!r || typeof r !== 'object' || r.resourceType !== 'Slot') return;
    const codings = (r.appointmentType as { coding?: unknown } | undefined)?.coding;
    const walkin = Array.isArray(codings) && codings.some((c) => (c as { code?: unknown } | null)?.code === 'WALKIN');
    out.push({ index, ...(typeof r.id === 'string' ? { id: r.id } : {}), comment: r.comment, walkin });
  });
  return out;
}

/** Why a comment is not a usable booking URL (undefined: it is one), and whether its scheme is the expected one. */
function judgeComment(comment: string): { usable: boolean; problem?: Message } {
  let u: URL;
  try {
    u = new URL(comment);
  } catch {
    return {
      usable: false,
      problem: { fr: "n'est pas une URL absolue", en: 'is not an absolute URL' },
    };
  }
  if (/\s/.test(comment) || u.hostname === '') {
    return { usable: false, problem: { fr: "n'est pas une URL absolue valide", en: 'is not a valid absolute URL' } };
  }
  // http(s), as agg-psindiv@25 and SAS-URL-001 say: no SAS source requires https for the booking page
  if (u.protocol === 'https:' || u.protocol === 'http:') return { usable: true };
  return {
    usable: false,
    problem: { fr: `a le schéma ${u.protocol} (attendu http ou https)`, en: `has scheme ${u.protocol} (expected http or https)` },
  };
}

function cut(s: string, max = 200): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** The slot search the booking URLs are read from (also shown by `run --dry-run`). */
export function bookingSearchRequest(tc: TestCase, env: Pick<KindEnv, 'jdd' | 'now' | 'baseUrl'>): ReturnType<typeof referenceRequest> {
  const jdd = env.jdd;
  const named = tc.useCase === 'sos' ? tc.sos : tc.practitioners;
  const keys =
    jdd && named === undefined ? (tc.useCase === 'sos' ? jdd.sos : jdd.practitioners).map((e) => e.key).slice(0, MAX_SEARCHED) : undefined;
  return referenceRequest(tc, env, keys && keys.length > 0 ? { keys } : {});
}

export async function findBookingUrls(
  tc: TestCase,
  env: Pick<KindEnv, 'jdd' | 'now' | 'baseUrl' | 'client'>,
  opts: { judgeComments: boolean },
): Promise<BookingUrlsResult> {
  const jdd = env.jdd;
  const req = bookingSearchRequest(tc, env);
  if ('notApplicable' in req) return { notApplicable: req.notApplicable, exchanges: [] };
  const sent = await env.client.send({ url: req.url, headers: req.headers, label: 'sso slot search' });
  const exchanges = [sent.exchange];
  const x = sent.exchange;
  const unusable = (why: Message): BookingUrlsResult => ({
    harnessFault: {
      fr: `les URL de réservation n'ont pas pu être lues\u00a0: la recherche de créneaux ${why.fr}. Les cas de recherche jugent la recherche elle-même\u00a0; le SSO n'est pas jugé`,
      en: `the booking URLs could not be read: the slot search ${why.en}. The search cases judge the search itself; SSO is not judged`,
    },
    exchanges,
  });
  if (!x.response || x.outcome !== 'ok') {
    const detail = `${x.outcome}${x.error?.code ? ` ${x.error.code}` : ''}`;
    return unusable({ fr: `n'a pas eu de réponse (${detail})`, en: `got no answer (${detail})` });
  }
  if (x.response.status < 200 || x.response.status > 299) {
    return unusable({ fr: `a répondu HTTP ${x.response.status}`, en: `answered HTTP ${x.response.status}` });
  }
  let body: unknown;
  try {
    body = JSON.parse(sent.fullBody ?? '');
  } catch {
    return unusable({ fr: 'a répondu autre chose que du JSON', en: 'answered something other than JSON' });
  }
  const slots = slotsOf(body);
  if (!slots) return unusable({ fr: "n'a pas répondu un Bundle", en: 'did not answer a Bundle' });
  if (slots.length === 0) {
    return {
      notApplicable: {
        fr: `la recherche de créneaux des entrées du JDD «\u00a0${jdd?.id ?? ''}\u00a0» ne renvoie aucun créneau libre\u00a0: aucune URL de réservation à visiter (une réponse vide est correcte quand rien n'est libre). Donner au JDD une entrée ayant des créneaux libres dans les prochains jours`,
        en: `the slot search for the entries of JDD "${jdd?.id ?? ''}" returns no free slot: no booking URL to visit (an empty answer is right when nothing is free). Give the JDD an entry with free slots in the next days`,
      },
      exchanges,
    };
  }
  const findings: Finding[] = [];
  const problems: Finding[] = [];
  const distinct: string[] = [];
  for (const s of slots) {
    const loc = `Bundle.entry[${s.index}].resource.comment`;
    const label = s.id ? `Slot/${s.id}` : `Bundle.entry[${s.index}]`;
    const comment = typeof s.comment === 'string' ? s.comment.trim() : '';
    if (comment === '') {
      if (!s.walkin) {
        problems.push(
          flowFinding(
            'error',
            SSO_RULE.bookingUrl,
            loc,
            {
              fr: `${label} (créneau réservable) n'a pas d'URL de réservation dans comment\u00a0: y mettre l'URL absolue de l'agenda`,
              en: `${label} (a bookable slot) has no booking URL in comment: put the agenda's absolute URL there`,
            },
            [SSO_REQ.bookingUrl],
          ),
        );
      }
      continue;
    }
    const judged = judgeComment(comment);
    if (judged.problem) {
      problems.push(
        flowFinding(
          'error',
          SSO_RULE.bookingUrl,
          loc,
          {
            fr: `${label}\u00a0: comment «\u00a0${shownUrl(cut(comment))}\u00a0» ${judged.problem.fr}`,
            en: `${label}: comment "${shownUrl(cut(comment))}" ${judged.problem.en}`,
          },
          [SSO_REQ.bookingUrl],
        ),
      );
    }
    if (!judged.usable) continue;
    const href = new URL(comment).href;
    if (!distinct.includes(href)) distinct.push(href);
  }
  if (opts.judgeComments) {
    findings.push(...problems.slice(0, MAX_URL_FINDINGS));
    if (problems.length > MAX_URL_FINDINGS) {
      const more = problems.length - MAX_URL_FINDINGS;
      findings.push(
        flowFinding(
          'error',
          SSO_RULE.bookingUrl,
          'Bundle.entry.resource.comment',
          { fr: `… et ${more} autre(s) créneau(x) dans le même cas`, en: `… and ${more} more slot(s) alike` },
          [SSO_REQ.bookingUrl],
        ),
      );
    }
    if (problems.length === 0) {
      findings.push(
        flowFinding(
          'information',
          SSO_RULE.bookingUrl,
          'Bundle.entry.resource.comment',
          {
            fr: `${slots.length} créneau(x), ${distinct.length} URL de réservation distincte(s), toutes absolues (http ou https)`,
            en: `${slots.length} slot(s), ${distinct.length} distinct booking URL(s), all absolute (http or https)`,
          },
          [SSO_REQ.bookingUrl],
        ),
      );
    }
  }
  if (distinct.length === 0 && !(opts.judgeComments && problems.length > 0)) {
    return {
      notApplicable:
        problems.length > 0
          ? {
              fr: "aucun créneau ne porte d'URL de réservation absolue http(s) dans comment (le cas avec origin signale SAS-SSO-001)",
              en: 'no slot carries an absolute http(s) booking URL in comment (the case with origin reports SAS-SSO-001)',
            }
          : {
              fr: `aucun des ${slots.length} créneau(x) ne porte d'URL de réservation (créneaux sans rendez-vous, WALKIN)\u00a0: rien à visiter`,
              en: `none of the ${slots.length} slot(s) carries a booking URL (walk-in slots, WALKIN): nothing to visit`,
            },
      exchanges,
    };
  }
  return { urls: distinct.slice(0, MAX_BOOKING_URLS), distinct: distinct.length, slots: slots.length, findings, exchanges };
}
