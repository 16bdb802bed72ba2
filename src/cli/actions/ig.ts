/** The work of `sas-recette ig list | install | cache clear` (declared in src/cli/commands/ig.ts). */
import { resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { parseDuration } from '../../core/parse-values.js';
import {
  clearCache,
  defaultCacheDir,
  defaultPackageSources,
  definitionsCacheDir,
  installPackage,
  parsePackageRef,
} from '../../fhir/packages/index.js';
import { formatBytes, formatPackageListing } from '../../report/package-listing.js';
import { terminalSafe } from '../../report/terminal.js';
import { listPackageSources, SAS_IG_ID } from '../../validate/index.js';
import type { IgCacheClearOptions, IgInstallOptions, IgListOptions } from '../commands/ig.js';
import type { CliContext } from '../context.js';

export async function igListAction(ctx: CliContext, opts: IgListOptions): Promise<void> {
  const { io } = ctx;
  const sources = opts.packages.length > 0 ? opts.packages.map((p) => resolve(io.cwd, p)) : defaultPackageSources(io.env);
  const listing = await listPackageSources(sources, SAS_IG_ID, { cacheDir: definitionsCacheDir(io.env) });
  io.stdout(opts.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatPackageListing(listing, ctx.color, SAS_IG_ID));
  if (listing.igs.length === 0) ctx.setExitCode(2);
}

export async function igInstallAction(ctx: CliContext, ref: string, opts: IgInstallOptions): Promise<void> {
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
}

export async function igCacheClearAction(ctx: CliContext, opts: IgCacheClearOptions): Promise<void> {
  const { io } = ctx;
  const result = clearCache(definitionsCacheDir(io.env));
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (!result.dir) {
    io.stdout('Definitions cache is off (SAS_RECETTE_CACHE=off): nothing to remove.\n');
    return;
  }
  const dir = terminalSafe(result.dir);
  if (result.removed.length === 0) {
    io.stdout(`Definitions cache ${dir}: nothing to remove.\n`);
    return;
  }
  const lines = result.removed.map(
    (r) => `  removed ${terminalSafe(r.file)}${r.package ? ` (${terminalSafe(r.package)})` : ''}  ${formatBytes(r.bytes)}`,
  );
  const n = result.removed.length;
  io.stdout(
    `${lines.join('\n')}\n` +
      ctx.color.green(`✓ definitions cache ${dir}: ${n} ${n === 1 ? 'file' : 'files'} removed (${formatBytes(result.bytes)})`) +
      '\n',
  );
}
