/**
 * Checks of option values made while commander parses the command line, so a bad value is a usage
 * error (exit 2, commander's "option … argument … is invalid" plus our reason in French and English)
 * before anything runs: an empty path (`--out ''` would silently mean the current folder) and a
 * duration outside the bounds the tool can honour (`--timeout 99999999999` overflows Node's timers).
 */
import { InvalidArgumentError } from 'commander';
import { SetupError } from '../core/errors.js';
import { parseDuration } from '../core/parse-values.js';

/** Flags whose value is a file or folder: `--out <dir>`, `--jdd <file>`, `--official-validator <jar>`… */
const PATH_PLACEHOLDER = /<(?:file|dir|path|jar|file\.tgz)(?:\.\.\.)?>/;

export function isPathFlag(flags: string): boolean {
  return PATH_PLACEHOLDER.test(flags);
}

/** Throws commander's usage error when a path value is empty or blank. */
export function checkPathValue(value: string): string {
  if (value.trim() === '') {
    throw new InvalidArgumentError(
      'an empty path is not allowed / un chemin vide est refusé (give a file or folder name / indiquer un nom de fichier ou de dossier)',
    );
  }
  return value;
}

/** Bounds of every `--timeout`: below 100 ms nothing answers, above 10 minutes is not a request deadline. */
export const TIMEOUT_MIN_MS = 100;
export const TIMEOUT_MAX_MS = 10 * 60_000;

/** Throws commander's usage error when a duration is unreadable or outside [TIMEOUT_MIN_MS, TIMEOUT_MAX_MS]. */
export function checkTimeoutValue(value: string): string {
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch (err) {
    if (err instanceof SetupError)
      throw new InvalidArgumentError(
        `${err.message} / n'est pas une durée (write it like 7s, 500ms or 7000 / écrire par exemple 7s, 500ms ou 7000)`,
      );
    throw err;
  }
  if (ms < TIMEOUT_MIN_MS || ms > TIMEOUT_MAX_MS) {
    throw new InvalidArgumentError(
      `out of range / hors limites: allowed from 100ms to 10m (600s) / autorisé de 100ms à 10m (600s), got / reçu ${ms} ms`,
    );
  }
  return value;
}
