/**
 * `sas-recette ig list` (which FHIR packages are found, where, and what the SAS IG's dependencies resolve
 * to) and `sas-recette ig install <id>#<version>` (into the FHIR cache, from a local tgz or the public
 * FHIR package registry).
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliContext } from '../context.js';
import { SetupError } from '../../core/errors.js';
import { defaultCacheDir, defaultPackageSources, installPackage, parsePackageRef } from '../../fhir/packages/index.js';
import { formatPackageListing, listPackageSources, SAS_IG_ID } from '../../validate/index.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function register(program: Command, ctx: CliContext): void {
  const ig = program.command('ig').description('FHIR packages: list what is found, install an IG into the FHIR cache');

  ig.command('list')
    .description('list the FHIR packages found and the state of the SAS IG dependencies')
    .addOption(
      new Option('--packages <dir>', 'FHIR package folder, FHIR cache or .tgz (repeatable)')
        .argParser(collect)
        .default([], 'SAS_RECETTE_PACKAGES, else ~/.fhir/packages'),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (opts: { packages: string[]; format: 'text' | 'json' }) => {
      const { io } = ctx;
      const sources = opts.packages.length > 0 ? opts.packages.map((p) => resolve(io.cwd, p)) : defaultPackageSources(io.env);
      const listing = await listPackageSources(sources, SAS_IG_ID);
      io.stdout(opts.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatPackageListing(listing, ctx.color, SAS_IG_ID));
      if (listing.igs.length === 0) ctx.setExitCode(2);
    });

  ig.command('install')
    .description('install a FHIR package into the FHIR cache (<cache>/<id>#<version>/package/…)')
    .argument('<package>', 'package reference <id>#<version>, e.g. ans.fhir.fr.sas#1.2.0')
    .option('--from <file.tgz>', 'install from this local package file instead of downloading')
    .option('--cache <dir>', 'FHIR package cache folder (default FHIR_PACKAGE_CACHE, else ~/.fhir/packages)')
    .option('--registry <url>', 'package registry to download from', 'https://packages.fhir.org')
    .option('--timeout <ms>', 'download time limit in milliseconds', '15000')
    .action(async (ref: string, opts: { from?: string; cache?: string; registry: string; timeout: string }) => {
      const { io } = ctx;
      const { id, version } = parsePackageRef(ref);
      if (!id || !version || /\s|\//.test(ref)) {
        throw new SetupError(`"${ref}" is not a package reference`, 'write it as <id>#<version>, e.g. ans.fhir.fr.sas#1.2.0');
      }
      const timeoutMs = Number(opts.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new SetupError(`--timeout "${opts.timeout}" is not a positive number of milliseconds`);
      const cacheDir = opts.cache ? resolve(io.cwd, opts.cache) : defaultCacheDir(io.env);
      const from = opts.from ? resolve(io.cwd, opts.from) : undefined;
      if (!from) io.stderr(`downloading ${id}#${version} from ${opts.registry} …\n`);
      const result = await installPackage(ref, { from, cacheDir, registry: opts.registry.replace(/\/+$/, ''), timeoutMs, env: io.env });
      io.stdout(ctx.color.green(`✓ installed ${result.id}#${result.version}`) + ` (${result.files} files) in ${result.folder}\n`);
      const inDefault = defaultPackageSources(io.env).some((s) => resolve(s) === resolve(cacheDir));
      if (!inDefault) io.stdout(`  → this folder is not searched by default: pass --packages ${cacheDir} (or set SAS_RECETTE_PACKAGES)\n`);
    });
}
