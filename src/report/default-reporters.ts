/**
 * The reporters of a run when `--reporter` is not given, and every reporter name, in a module of its
 * own so the command line can show them in `--help` without loading the reporters
 * (src/cli/shared-options.ts).
 */
export const DEFAULT_REPORTERS = 'console,json,junit,html';

/** Every name `--reporter` takes: the console, run.json, junit.xml, pv.html and pv.pdf (printed from pv.html). */
export const REPORTER_NAMES: readonly string[] = ['console', 'json', 'junit', 'html', 'pdf'];
