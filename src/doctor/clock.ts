/**
 * Clock skew against the endpoint's `Date` header, read from one request made as the run makes them
 * (the run's HTTP client: its certificate, CA, proxy). The SAS judges date windows — slots from "now",
 * the search window to the second, the CPTS 48 h horizon, slots in the past — so a clock off by minutes
 * on either side turns right answers into failures. `Date` has a one-second resolution: the skew is
 * measured from the middle of the exchange and a second of slack is allowed.
 */
import { NBSP } from '../core/typography.js';
import type { SentExchange } from '../http/types.js';
import { blocking, notChecked, ok, warning, type DoctorCheck } from './checklist.js';

const G = 'clock' as const;
export const SKEW_WARNING_S = 30;
export const SKEW_BLOCKING_S = 5 * 60;

/** The skew in seconds (positive: the endpoint's clock is ahead), or undefined without a usable `Date`. */
export function skewSeconds(sent: SentExchange): number | undefined {
  const date = sent.exchange.response?.headers.date;
  if (!date) return undefined;
  const endpoint = Date.parse(date);
  if (Number.isNaN(endpoint)) return undefined;
  const start = Date.parse(sent.exchange.startedAt);
  const middle = start + (sent.exchange.timings.ttfbMs ?? sent.exchange.timings.totalMs) / 2;
  const raw = (endpoint - middle) / 1000;
  // Date is truncated to the second: up to one second of difference is no skew
  return Math.abs(raw) <= 1 ? 0 : Math.round(raw);
}

function duration(s: number): string {
  const a = Math.abs(s);
  return a >= 120 ? `${Math.round(a / 60)} min` : `${a} s`;
}

export function checkClock(sent: SentExchange | undefined, whyNot?: { fr: string; en: string }): DoctorCheck {
  if (!sent || !sent.exchange.response) {
    const code = sent?.exchange.error?.code ?? sent?.failure ?? '';
    const why = whyNot ?? {
      fr: `pas de réponse de l'endpoint${code ? ` (${code})` : ''}`,
      en: `no answer from the endpoint${code ? ` (${code})` : ''}`,
    };
    return notChecked('clock.skew', G, { fr: `horloge non comparée${NBSP}: ${why.fr}`, en: `clock not compared: ${why.en}` });
  }
  const skew = skewSeconds(sent);
  if (skew === undefined)
    return notChecked('clock.skew', G, {
      fr: "l'endpoint n'envoie pas d'en-tête Date lisible\u00a0: décalage d'horloge inconnu",
      en: 'the endpoint sends no readable Date header: clock skew unknown',
    });
  const side =
    skew > 0
      ? { fr: 'en avance sur cette machine', en: 'ahead of this machine' }
      : { fr: 'en retard sur cette machine', en: 'behind this machine' };
  const text = {
    fr: `horloge de l'endpoint ${side.fr} de ${duration(skew)} (en-tête Date ${sent.exchange.response.headers.date})`,
    en: `the endpoint's clock is ${duration(skew)} ${side.en} (Date header ${sent.exchange.response.headers.date})`,
  };
  const fix = {
    fr: `synchroniser les horloges (NTP) de cette machine et du serveur${NBSP}: la SAS juge des fenêtres de dates (créneaux à partir de maintenant, fenêtre de recherche à la seconde, horizon CPTS de 48${NBSP}h) et un décalage rend fausses des réponses justes`,
    en: 'synchronise the clocks (NTP) of this machine and the server: the SAS judges date windows (slots from now, the search window to the second, the CPTS 48 h horizon) and a skew makes right answers look wrong',
  };
  if (Math.abs(skew) > SKEW_BLOCKING_S) return blocking('clock.skew', G, text, fix);
  if (Math.abs(skew) > SKEW_WARNING_S) return warning('clock.skew', G, text, fix);
  return ok('clock.skew', G, {
    fr: skew === 0 ? "horloge de l'endpoint à l'heure (à la seconde près)" : `horloge de l'endpoint à ${duration(skew)} près`,
    en: skew === 0 ? "the endpoint's clock agrees (within a second)" : `the endpoint's clock is within ${duration(skew)}`,
  });
}
