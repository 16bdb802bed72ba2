/**
 * Command-line values read the same way by every command: a duration (`--timeout`), the instant the
 * rules judge against (`--now`), an endpoint base URL, use cases, a case filter. A value that cannot be
 * read is a SetupError (exit 2) that says how to write it.
 */
import { SetupError } from './errors.js';
import { USE_CASES, type UseCase } from './model.js';

/** `7s`, `500ms`, `1.5s`, `2m` or a bare number of milliseconds. */
export function parseDuration(text: string, flag = '--timeout'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 1) : NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new SetupError(
      { fr: `${flag} «\u00a0${text}\u00a0»\u00a0: ce n'est pas une durée`, en: `${flag} "${text}" is not a duration` },
      { fr: 'l’écrire par exemple 7s, 500ms ou 7000', en: 'write it like 7s, 500ms or 7000' },
    );
  return Math.round(ms);
}

/** A whole number from 0 to `max` (`--port`, `--receive-port`…); undefined stays undefined. */
export function parseWholeNumber(value: string | undefined, flag: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new SetupError({
      fr: `${flag} attend un entier de 0 à ${max}, reçu «\u00a0${value}\u00a0»`,
      en: `${flag} must be an integer from 0 to ${max}, got "${value}"`,
    });
  return Number(value);
}

// ISO 8601 date-time, seconds and fractions optional, offset required (`Z` or ±hh:mm).
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const NOW_HINT = {
  fr: 'l’écrire par exemple 2026-03-02T08:00:00+01:00, 2026-03-02T08:00+01:00 ou 2026-03-02T07:00:00Z',
  en: 'write it like 2026-03-02T08:00:00+01:00, 2026-03-02T08:00+01:00 or 2026-03-02T07:00:00Z',
};

/**
 * `--now`: the clock the SAS rules judge against (the current time when not given). An ISO 8601
 * date-time with an explicit offset is required, so a run gives the same verdict on every machine
 * whatever its time zone; seconds and their fraction may be left out.
 */
export function parseNow(text: string | undefined, clock: () => Date = () => new Date()): Date {
  if (text === undefined) return clock();
  const m = ISO_DATETIME.exec(text.trim());
  if (!m)
    throw new SetupError(
      {
        fr: `--now «\u00a0${text}\u00a0»\u00a0: ce n'est pas une date-heure avec décalage horaire`,
        en: `--now "${text}" is not a date-time with an offset`,
      },
      NOW_HINT,
    );
  const [year, month, day, hour, minute, second, , offsetHour, offsetMinute] = m.slice(1).map((x) => Number(x ?? 0));
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const inRange =
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHour <= 14 &&
    offsetMinute <= 59;
  const date = new Date(text.trim());
  if (!inRange || Number.isNaN(date.getTime()))
    throw new SetupError(
      { fr: `--now «\u00a0${text}\u00a0»\u00a0: ce n'est pas une date-heure valide`, en: `--now "${text}" is not a valid date-time` },
      NOW_HINT,
    );
  return date;
}

/** `--base-url`: the FHIR base of the endpoint, http(s), without query or fragment nor trailing slash. */
export function parseBaseUrl(text: string | undefined): string {
  if (!text)
    throw new SetupError(
      { fr: '--base-url est obligatoire', en: '--base-url is required' },
      {
        fr: 'indiquer la base FHIR du point d’accès, par exemple --base-url https://agenda.example/fhir',
        en: 'give the FHIR base of the endpoint, e.g. --base-url https://agenda.example/fhir',
      },
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SetupError(
      { fr: `--base-url «\u00a0${text}\u00a0»\u00a0: ce n'est pas une URL`, en: `--base-url "${text}" is not a URL` },
      { fr: 'par exemple https://agenda.example/fhir', en: 'e.g. https://agenda.example/fhir' },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SetupError({
      fr: `--base-url doit être en http(s), reçu ${url.protocol}`,
      en: `--base-url must be http(s), got ${url.protocol}`,
    });
  if (url.search || url.hash)
    throw new SetupError(
      { fr: '--base-url ne doit porter ni requête ni fragment', en: '--base-url must not carry a query or fragment' },
      {
        fr: 'indiquer seulement la base FHIR, par exemple https://agenda.example/fhir',
        en: 'give the FHIR base only, e.g. https://agenda.example/fhir',
      },
    );
  return text.replace(/\/+$/, '');
}

/** `--use-case`, repeatable or comma-separated. */
export function parseUseCases(values: string[]): UseCase[] {
  const list = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = list.filter((v) => !(USE_CASES as readonly string[]).includes(v));
  if (bad.length > 0)
    throw new SetupError(
      { fr: `cas d’usage inconnu\u00a0: ${bad.join(', ')}`, en: `unknown use case ${bad.join(', ')}` },
      { fr: `choisir parmi ${USE_CASES.join(', ')}`, en: `choose among ${USE_CASES.join(', ')}` },
    );
  return list as UseCase[];
}

/** `--grep`: a case-insensitive regular expression. */
export function parseGrep(text: string | undefined): RegExp | undefined {
  if (text === undefined) return undefined;
  try {
    return new RegExp(text, 'i');
  } catch (err) {
    const reason = (err as Error).message;
    throw new SetupError({
      fr: `--grep\u00a0: expression régulière invalide\u00a0: ${reason}`,
      en: `--grep: invalid regular expression: ${reason}`,
    });
  }
}
