/**
 * The two durations of `sas-recette watch`: `--every` (the interval between probe starts, never below
 * one minute so production is not hammered) and `--for` (how long the watch lasts: the VSR period is
 * two months, `--for 60d`). `parseDuration` of core reads only ms / s / m (request deadlines); a watch
 * needs hours and days, hence this small reader. A bad value is a SetupError (exit 2) saying how to
 * write it.
 */
import { SetupError } from '../core/errors.js';

/** No probe more often than once a minute: a VSR watch samples service, it is not a load test. */
export const EVERY_FLOOR_MS = 60_000;
/** The default interval (the example): 96 probes a day, 5,760 over the 60-day VSR period. */
export const DEFAULT_EVERY = '15m';
/** Longest `--for`: a year (the VSR period is two months; beyond, Node's timers and the history stop making sense). */
export const FOR_MAX_MS = 366 * 24 * 3_600_000;

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `15m`, `1h`, `60d`, `90s`, `1.5h`; a bare number is refused (minutes or milliseconds? say it). */
export function parseWatchDuration(text: string, flag: '--every' | '--for'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  const ms = m ? Math.round(Number(m[1]) * UNITS[m[2]]) : NaN;
  if (!Number.isFinite(ms) || ms <= 0)
    throw new SetupError(
      {
        fr: `${flag} «\u00a0${text}\u00a0»\u00a0: ce n'est pas une durée avec son unité`,
        en: `${flag} "${text}" is not a duration with its unit`,
      },
      { fr: 'l’écrire par exemple 15m, 1h ou 60d (unités\u00a0: s, m, h, d)', en: 'write it like 15m, 1h or 60d (units: s, m, h, d)' },
    );
  return ms;
}

/** `--every`: at least EVERY_FLOOR_MS. */
export function parseEvery(text: string): number {
  const ms = parseWatchDuration(text, '--every');
  if (ms < EVERY_FLOOR_MS)
    throw new SetupError(
      {
        fr: `--every ${text}\u00a0: une sonde au plus par minute, pour ne pas surcharger la production`,
        en: `--every ${text}: at most one probe a minute, so as not to load production`,
      },
      {
        fr: 'choisir 1m ou plus (15m pour la VSR)\u00a0; pour une seule sonde, --once',
        en: 'choose 1m or more (15m for the VSR); for a single probe, --once',
      },
    );
  return ms;
}

/** `--for`: at most FOR_MAX_MS. */
export function parseFor(text: string): number {
  const ms = parseWatchDuration(text, '--for');
  if (ms > FOR_MAX_MS)
    throw new SetupError(
      { fr: `--for ${text}\u00a0: plus d'un an`, en: `--for ${text}: longer than a year` },
      { fr: 'la VSR dure deux mois\u00a0: --for 60d', en: 'the VSR lasts two months: --for 60d' },
    );
  return ms;
}
