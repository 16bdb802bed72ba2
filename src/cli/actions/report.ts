/**
 * The work of `sas-recette report` (declared in src/cli/commands/report.ts): re-renders a saved run.
 * Inside a run folder with a manifest (src/report/manifest/), the new PV shows the manifest's hash and
 * SHA256SUMS is rewritten for it; junit.xml, listed in the manifest, is then left as the run wrote it
 * unless --junit is given.
 */
import { dirname, relative, resolve } from 'node:path';
import type { RunResult } from '../../core/model.js';
import { withPdf, writeReports } from '../../report/index.js';
import { relativeInside, resealFolder, sealedFolderOf, type ManifestMark } from '../../report/manifest/index.js';
import { loadDeclarations, loadPvInfo } from '../../report/pv-info.js';
import { readRunJson } from '../../report/read-run.js';
import { commandReporters } from '../../report/run-reporters.js';
import type { ReportOptions } from '../commands/report.js';
import type { CliContext } from '../context.js';

export async function reportAction(ctx: CliContext, runJson: string, opts: ReportOptions): Promise<void> {
  const cwd = ctx.io.cwd;
  const fr = opts.lang === 'fr';
  const runFile = resolve(cwd, runJson);
  let run: RunResult & ManifestMark = await readRunJson(runFile, runJson);
  if (opts.pvInfo) run = { ...run, pvInfo: { ...run.pvInfo, ...loadPvInfo(resolve(cwd, opts.pvInfo)) } };
  if (opts.declarations) run = { ...run, declarations: loadDeclarations(resolve(cwd, opts.declarations)) };
  const sealed = await sealedFolderOf(runFile);
  if (sealed) run = { ...run, manifestSha256: sealed.manifestSha256 };

  const paths: Record<string, string> = {};
  if (opts.html) paths.html = resolve(cwd, opts.html);
  if (opts.junit) paths.junit = resolve(cwd, opts.junit);
  const defaults = sealed ? ['html'] : ['html', 'junit'];
  // --pdf prints the HTML PV it writes (pv.html next to the run file, or --html FILE) to a .pdf beside it
  const names = withPdf(Object.keys(paths).length ? Object.keys(paths) : defaults, Boolean(opts.pdf));
  const files = await writeReports(run, names, { outDir: dirname(runFile), lang: opts.lang, paths }, commandReporters(ctx, opts.lang));
  const show = (f: string) => relative(cwd, f) || f;
  for (const f of files) ctx.io.stdout(`${fr ? 'écrit' : 'wrote'} ${show(f)}\n`);
  // SHA256SUMS covers the PV files inside the run folder only: a PV written elsewhere leaves it as it is
  if (!sealed || !files.some((f) => relativeInside(sealed.folder, f) !== undefined)) return;
  const { file, overwritten } = await resealFolder(sealed, files);
  ctx.io.stdout(
    fr
      ? `${show(file)} réécrit pour le nouveau PV (empreinte du manifeste\u00a0: ${sealed.manifestSha256})\n`
      : `${show(file)} rewritten for the new PV (manifest fingerprint: ${sealed.manifestSha256})\n`,
  );
  if (!opts.junit && !opts.html)
    ctx.io.stdout(
      fr
        ? 'junit.xml laissé tel que l’exécution l’a écrit (il est dans son manifeste)\u00a0; --junit FICHIER pour en écrire un autre\n'
        : 'junit.xml left as the run wrote it (it is in its manifest); --junit FILE to write another one\n',
    );
  for (const path of overwritten)
    ctx.io.stderr(
      fr
        ? `${path} est listé dans le manifeste de l’exécution\u00a0: «\u00a0sas-recette verify\u00a0» le signalera modifié\n`
        : `${path} is listed in the run's manifest: "sas-recette verify" will report it changed\n`,
    );
}
