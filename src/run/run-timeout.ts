/**
 * `--run-timeout`: the deadline of a whole run, read from the command line. In a module of its own so the
 * command line checks the value while parsing without loading the run (src/cli/shared-options.ts); the
 * run guard that enforces it is src/run/run-guard.ts.
 */
import { SetupError } from '../core/errors.js';
import { parseDuration } from '../core/parse-values.js';

/** Longest accepted `--run-timeout` (a day): beyond it, a typo more likely than a wish. */
const MAX_RUN_TIMEOUT_MS = 24 * 3600_000;

/** `--run-timeout 10m`: a duration, or a usage error (exit 2). */
export function parseRunTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text, '--run-timeout');
  if (ms > MAX_RUN_TIMEOUT_MS)
    throw new SetupError(
      { fr: `--run-timeout «\u00a0${text}\u00a0» dépasse une journée`, en: `--run-timeout "${text}" is longer than a day` },
      { fr: 'l’écrire par exemple 10m, 90s ou 600000', en: 'write it like 10m, 90s or 600000' },
    );
  return ms;
}
