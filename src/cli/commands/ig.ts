/**
 * `sas-recette ig list` (which FHIR packages are found, where, and what the SAS IG's dependencies resolve
 * to) and `sas-recette ig install <id>#<version>` (into the FHIR cache, from a local tgz or the public
 * FHIR package registry).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { SetupError } from '../../core/errors.js';
import { parseDuration } from '../../core/parse-values.js';
import { defaultCacheDir, defaultPackageSources, installPackage, parsePackageRef } from '../../fhir/packages/index.js';
import { formatPackageListing } from '../../report/package-listing.js';
import { listPackageSources, SAS_IG_ID } from '../../validate/index.js';
import { addOptions, option, optionTable, type OptionsOf } from '../option-table.js';
import { FORMAT, PACKAGES, TIMEOUT } from '../shared-options.js';

export const IG_LIST_OPTIONS = optionTable({ packages: PACKAGES, format: FORMAT });

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
});

export function register(program: Command, ctx: CliContext): void {
  const ig = program.command('ig').description('FHIR packages: list what is found, install an IG into the FHIR cache');

  const list = ig.command('list').description('list the FHIR packages found and the state of the SAS IG dependencies');
  addOptions(list, IG_LIST_OPTIONS, ctx.io.env).action(async (opts: OptionsOf<typeof IG_LIST_OPTIONS>) => {
    const { io } = ctx;
    const sources = opts.packages.length > 0 ? opts.packages.map((p) => resolve(io.cwd, p)) : defaultPackageSources(io.env);
    const listing = await listPackageSources(sources, SAS_IG_ID);
    io.stdout(opts.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatPackageListing(listing, ctx.color, SAS_IG_ID));
    if (listing.igs.length === 0) ctx.setExitCode(2);
  });

  const install = ig
    .command('install')
    .description('install a FHIR package into the FHIR cache (<cache>/<id>#<version>/package/…)')
    .argument('<package>', 'package reference <id>#<version>, e.g. ans.fhir.fr.sas#1.2.0');
  addOptions(install, IG_INSTALL_OPTIONS, ctx.io.env).action(async (ref: string, opts: OptionsOf<typeof IG_INSTALL_OPTIONS>) => {
    const { io } = ctx;
    const { id, version } = parsePackageRef(ref);
    if (!id || !version || /\s|\//.test(ref)) {
      throw new SetupError(`"${ref}" is not a package reference`, 'write it as <id>#<version>, e.g. ans.fhir.fr.sas#1.2.0');
    }
    const timeoutMs = parseDuration(opts.timeout);
    const cacheDir = opts.cache ? resolve(io.cwd, opts.cache) : defaultCacheDir(io.env);
    const from = opts.from ? resolve(io.cwd, opts.from) : undefined;
    if (!from) io.stderr(`downloading ${id}#${version} from ${opts.registry} …\n`);
    const result = await installPackage(ref, { from, cacheDir, registry: opts.registry.replace(/\/+$/, ''), timeoutMs, env: io.env });
    io.stdout(ctx.color.green(`✓ installed ${result.id}#${result.version}`) + ` (${result.files} files) in ${result.folder}\n`);
    const inDefault = defaultPackageSources(io.env).some((s) => resolve(s) === resolve(cacheDir));
    if (!inDefault) io.stdout(`  → this folder is not searched by default: pass --packages ${cacheDir} (or set SAS_RECETTE_PACKAGES)\n`);
  });
}
