/**
 * The reporters of a run when `--reporter` is not given, in a module of its own so the command line can
 * show it in `--help` without loading the reporters (src/cli/shared-options.ts).
 */
export const DEFAULT_REPORTERS = 'console,json,junit,html';
