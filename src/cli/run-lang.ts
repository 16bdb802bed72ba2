/**
 * The language of one start of the CLI, decided from the command line before commander parses it, so
 * that commander's own errors (unknown option, missing argument…), the setup errors and the run's
 * messages and reports all speak the same language: `--lang fr|en` (the last one given), else the
 * environment variable `SAS_RECETTE_LANG`, else French. A `--lang` value outside the choices is refused
 * by commander, in the language the rest of the line gives (French by default).
 *
 * Loaded by every start (`--help` too): no import but types.
 */
import type { Lang } from '../core/findings.js';
import type { CliContext } from '../core/io.js';

export const LANGS: readonly Lang[] = ['fr', 'en'];
export const LANG_ENV = 'SAS_RECETTE_LANG';

const isLang = (value: string | undefined): value is Lang => value !== undefined && (LANGS as readonly string[]).includes(value);

/** The run's language: the last valid `--lang` of `args` (before a `--`), else `SAS_RECETTE_LANG`, else `fr`. */
export function runLang(args: readonly string[], env: NodeJS.ProcessEnv): Lang {
  let chosen: Lang | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    const value = arg === '--lang' ? args[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (isLang(value)) chosen = value;
  }
  const fromEnv = env[LANG_ENV];
  return chosen ?? (isLang(fromEnv) ? fromEnv : 'fr');
}

/** What each command receives when it is declared and when it runs: the context and the run's language. */
export interface CliRunContext extends CliContext {
  readonly lang: Lang;
}
