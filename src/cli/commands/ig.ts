/**
 * `sas-recette ig list` (which FHIR packages are found, where, what the SAS IG's dependencies resolve to,
 * and the definitions cache), `sas-recette ig install <id>#<version>` (into the FHIR cache, from a local
 * tgz or the public FHIR package registry) and `sas-recette ig cache clear` (removes the definitions
 * cache's entries). Declares the commands; their work is src/cli/actions/ig.ts, loaded when one runs.
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { FORMAT, LANG, PACKAGES, TIMEOUT } from '../shared-options.js';

export const IG_LIST_OPTIONS = optionTable({ packages: PACKAGES, format: FORMAT, lang: LANG });

export const IG_INSTALL_OPTIONS = optionTable({
  from: option({ flags: '--from <file.tgz>', kind: 'value', help: 'install from this local package file instead of downloading' }),
  cache: option({
    flags: '--cache <dir>',
    kind: 'value',
    env: 'FHIR_PACKAGE_CACHE',
    help: 'FHIR package cache folder (default: ~/.fhir/packages)',
  }),
  registry: option({
    flags: '--registry <url>',
    kind: 'value',
    default: 'https://packages.fhir.org',
    help: 'package registry to download from',
  }),
  timeout: { ...TIMEOUT, default: '15s', help: 'download time limit (15s, 500ms; a bare number is milliseconds), from 100ms to 10m' },
  lang: LANG,
});

export const IG_CACHE_CLEAR_OPTIONS = optionTable({ format: FORMAT, lang: LANG });

export type IgListOptions = OptionsOf<typeof IG_LIST_OPTIONS>;
export type IgInstallOptions = OptionsOf<typeof IG_INSTALL_OPTIONS>;
export type IgCacheClearOptions = OptionsOf<typeof IG_CACHE_CLEAR_OPTIONS>;

const CACHE_HELP = `
The definitions cache holds, per FHIR package, an index of its canonical resources and their JSON, so
that a start reads a few hundred kilobytes instead of parsing every package (docs/validate.md).
Folder: SAS_RECETTE_CACHE, else $XDG_CACHE_HOME/sas-recette, else ~/.cache/sas-recette
(%LOCALAPPDATA%\\sas-recette on Windows); SAS_RECETTE_CACHE=off turns it off. An entry is keyed by the
package's content and the tool version: a changed package or a new version builds a new entry.
`;

const LIST_HELP = `
Examples:
  sas-recette ig list
  sas-recette ig list --packages ../fhir-packages --format json
${CACHE_HELP}
Exit codes: 0 listed · 2 no version of ans.fhir.fr.sas found in the sources, or usage problem
`;

const CLEAR_HELP = `
Removes only the files the cache writes in its folder (entries *.sasdefs, their temporary files,
fingerprints.json) and says which; the next validate builds the entries again (a few seconds).
${CACHE_HELP}
Exit codes: 0 removed, or nothing to remove · 2 a file could not be removed, or usage problem
`;

export function register(program: Command, ctx: CliRunContext): void {
  const ig = program
    .command('ig')
    .description('FHIR packages: list what is found, install an IG into the FHIR cache, clear the definitions cache');

  const list = ig
    .command('list')
    .description('list the FHIR packages found, the state of the SAS IG dependencies and the definitions cache');
  addOptions(list, IG_LIST_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', LIST_HELP)
    .action(async (opts: IgListOptions) => {
      const { igListAction } = await import('../actions/ig.js');
      await igListAction(ctx, opts);
    });

  const install = ig
    .command('install')
    .description('install a FHIR package into the FHIR cache (<cache>/<id>#<version>/package/…)')
    .argument('<package>', 'package reference <id>#<version>, e.g. ans.fhir.fr.sas#1.2.0');
  addOptions(install, IG_INSTALL_OPTIONS, ctx.io.env, ctx.lang).action(async (ref: string, opts: IgInstallOptions) => {
    const { igInstallAction } = await import('../actions/ig.js');
    await igInstallAction(ctx, ref, opts);
  });

  const cache = ig.command('cache').description('the definitions cache (see ig cache clear --help)');
  const clear = cache.command('clear').description("remove the definitions cache's entries (rebuilt by the next validate)");
  addOptions(clear, IG_CACHE_CLEAR_OPTIONS, ctx.io.env, ctx.lang)
    .addHelpText('after', CLEAR_HELP)
    .action(async (opts: IgCacheClearOptions) => {
      const { igCacheClearAction } = await import('../actions/ig.js');
      await igCacheClearAction(ctx, opts);
    });
}
