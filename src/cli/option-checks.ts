/**
 * Checks of option values made while commander parses the command line, so a bad value is a usage
 * error (exit 2, commander's "option … argument … is invalid" plus our reason in the run's language)
 * before anything runs: an empty path (`--out ''` would silently mean the current folder) and a
 * duration outside the bounds the tool can honour (`--timeout 99999999999` overflows Node's timers).
 *
 * Loaded by every start (`--help` too): it imports commander and the small value readers of core only.
 */
import { InvalidArgumentError } from 'commander';
import { SetupError } from '../core/errors.js';
import type { Lang, Message } from '../core/findings.js';
import { parseDuration } from '../core/parse-values.js';

/** Flags whose value is a file or folder: `--out <dir>`, `--jdd <file>`, `--official-validator <jar>`… */
const PATH_PLACEHOLDER = /<(?:file|dir|path|jar|file\.tgz)(?:\.\.\.)?>/;

export function isPathFlag(flags: string): boolean {
  return PATH_PLACEHOLDER.test(flags);
}

/** commander's usage error (exit 2), in the run's language. */
export function usageProblem(text: Message, lang: Lang): InvalidArgumentError {
  return new InvalidArgumentError(text[lang]);
}

/** Throws commander's usage error when a path value is empty or blank. */
export function checkPathValue(value: string, lang: Lang = 'fr'): string {
  if (value.trim() === '') {
    throw usageProblem(
      {
        fr: 'un chemin vide est refusé (indiquer un nom de fichier ou de dossier)',
        en: 'an empty path is not allowed (give a file or folder name)',
      },
      lang,
    );
  }
  return value;
}

/** Bounds of every `--timeout`: below 100 ms nothing answers, above 10 minutes is not a request deadline. */
export const TIMEOUT_MIN_MS = 100;
export const TIMEOUT_MAX_MS = 10 * 60_000;

/**
 * A duration as `--timeout` and `--run-timeout` take it, in milliseconds, or commander's usage error
 * saying how to write one. `example`: durations shown in the hint.
 */
export function durationValue(flag: string, value: string, lang: Lang, example: string): number {
  try {
    return parseDuration(value, flag);
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    throw usageProblem(
      {
        fr: `ce n'est pas une durée (écrire par exemple ${example.replace(' or ', ' ou ')})`,
        en: `${flag} "${value}" is not a duration (write it like ${example})`,
      },
      lang,
    );
  }
}

/** Throws commander's usage error when a duration is unreadable or outside [TIMEOUT_MIN_MS, TIMEOUT_MAX_MS]. */
export function checkTimeoutValue(value: string, lang: Lang = 'fr'): string {
  const ms = durationValue('--timeout', value, lang, '7s, 500ms or 7000');
  if (ms < TIMEOUT_MIN_MS || ms > TIMEOUT_MAX_MS) {
    throw usageProblem(
      {
        fr: `hors limites : de 100ms à 10m (600s), reçu ${ms} ms`,
        en: `out of range: allowed from 100ms to 10m (600s), got ${ms} ms`,
      },
      lang,
    );
  }
  return value;
}
