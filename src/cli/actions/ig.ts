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
import type { CliRunContext } from '../run-lang.js';
import { NBSP } from '../../core/typography.js';

/** What install and cache clear say, in the run's language (the listing's words: src/report/package-listing.ts). */
const T = {
  fr: {
    downloading: (ref: string, registry: string) => `téléchargement de ${ref} depuis ${registry}…`,
    installed: (ref: string) => `✓ ${ref} installé`,
    files: (n: number, folder: string) => ` (${n} ${n === 1 ? 'fichier' : 'fichiers'}) dans ${folder}`,
    notSearched: (dir: string) =>
      `  → ce dossier n’est pas parcouru par défaut${NBSP}: ajouter --packages ${dir} (ou définir SAS_RECETTE_PACKAGES)`,
    cacheOff: `Cache des définitions désactivé (SAS_RECETTE_CACHE=off)${NBSP}: rien à retirer.`,
    nothing: (dir: string) => `Cache des définitions ${dir}${NBSP}: rien à retirer.`,
    removed: 'retiré',
    done: (dir: string, n: number, size: string) =>
      `✓ cache des définitions ${dir}${NBSP}: ${n} ${n === 1 ? 'fichier retiré' : 'fichiers retirés'} (${size})`,
  },
  en: {
    downloading: (ref: string, registry: string) => `downloading ${ref} from ${registry} …`,
    installed: (ref: string) => `✓ installed ${ref}`,
    files: (n: number, folder: string) => ` (${n} ${n === 1 ? 'file' : 'files'}) in ${folder}`,
    notSearched: (dir: string) => `  → this folder is not searched by default: pass --packages ${dir} (or set SAS_RECETTE_PACKAGES)`,
    cacheOff: 'Definitions cache is off (SAS_RECETTE_CACHE=off): nothing to remove.',
    nothing: (dir: string) => `Definitions cache ${dir}: nothing to remove.`,
    removed: 'removed',
    done: (dir: string, n: number, size: string) => `✓ definitions cache ${dir}: ${n} ${n === 1 ? 'file' : 'files'} removed (${size})`,
  },
} as const;

export async function igListAction(ctx: CliRunContext, opts: IgListOptions): Promise<void> {
  const { io } = ctx;
  const sources = opts.packages.length > 0 ? opts.packages.map((p) => resolve(io.cwd, p)) : defaultPackageSources(io.env);
  const listing = await listPackageSources(sources, SAS_IG_ID, { cacheDir: definitionsCacheDir(io.env) });
  io.stdout(
    opts.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatPackageListing(listing, ctx.color, SAS_IG_ID, ctx.lang),
  );
  if (listing.igs.length === 0) ctx.setExitCode(2);
}

export async function igInstallAction(ctx: CliRunContext, ref: string, opts: IgInstallOptions): Promise<void> {
  const { io } = ctx;
  const { id, version } = parsePackageRef(ref);
  if (!id || !version || /\s|\//.test(ref)) {
    throw new SetupError(
      { fr: `«\u00a0${ref}\u00a0» n'est pas une référence de package`, en: `"${ref}" is not a package reference` },
      {
        fr: 'l’écrire sous la forme <id>#<version>, par exemple ans.fhir.fr.sas#1.2.0',
        en: 'write it as <id>#<version>, e.g. ans.fhir.fr.sas#1.2.0',
      },
    );
  }
  const timeoutMs = parseDuration(opts.timeout);
  const cacheDir = opts.cache ? resolve(io.cwd, opts.cache) : defaultCacheDir(io.env);
  const from = opts.from ? resolve(io.cwd, opts.from) : undefined;
  const t = T[ctx.lang];
  if (!from) io.stderr(`${t.downloading(`${id}#${version}`, terminalSafe(opts.registry))}\n`);
  const result = await installPackage(ref, { from, cacheDir, registry: opts.registry.replace(/\/+$/, ''), timeoutMs, env: io.env });
  io.stdout(`${ctx.color.green(t.installed(`${result.id}#${result.version}`))}${t.files(result.files, terminalSafe(result.folder))}\n`);
  const inDefault = defaultPackageSources(io.env).some((s) => resolve(s) === resolve(cacheDir));
  if (!inDefault) io.stdout(`${t.notSearched(terminalSafe(cacheDir))}\n`);
}

export async function igCacheClearAction(ctx: CliRunContext, opts: IgCacheClearOptions): Promise<void> {
  const { io } = ctx;
  const t = T[ctx.lang];
  const result = clearCache(definitionsCacheDir(io.env));
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (!result.dir) {
    io.stdout(`${t.cacheOff}\n`);
    return;
  }
  const dir = terminalSafe(result.dir);
  if (result.removed.length === 0) {
    io.stdout(`${t.nothing(dir)}\n`);
    return;
  }
  const lines = result.removed.map(
    (r) => `  ${t.removed} ${terminalSafe(r.file)}${r.package ? ` (${terminalSafe(r.package)})` : ''}  ${formatBytes(r.bytes, ctx.lang)}`,
  );
  const done = t.done(dir, result.removed.length, formatBytes(result.bytes, ctx.lang));
  io.stdout(`${lines.join('\n')}\n${ctx.color.green(done)}\n`);
}
