/**
 * The work of `sas-recette campaign` (declared in src/cli/commands/campaign.ts): checks the outputs
 * before reading anything (an existing file that is not a campaign workbook or dashboard is refused),
 * finds and reads the runs, builds the campaign, writes the workbook and the dashboard, and says what it
 * wrote, kept and skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Lang, Message } from '../../core/findings.js';
import { buildCampaign } from '../../report/campaign/build-campaign.js';
import { DASHBOARD_GENERATOR, renderDashboard } from '../../report/campaign/dashboard.js';
import { findRunFiles } from '../../report/campaign/find-runs.js';
import { readRuns } from '../../report/campaign/read-runs.js';
import { actionCells, overviewCells } from '../../report/campaign/sheets.js';
import { readPreviousWorkbook, writeWorkbook } from '../../report/campaign/workbook.js';
import { terminalSafe } from '../../report/terminal.js';
import { writeOutput } from '../../report/write-output.js';
import type { CampaignOptions } from '../commands/campaign.js';
import type { CliRunContext } from '../run-lang.js';

/** An existing file at the dashboard's path is replaced only when it is a dashboard this command wrote. */
function checkDashboardPath(file: string, label: string): void {
  if (!existsSync(file)) return;
  let head = '';
  try {
    head = readFileSync(file, 'utf8').slice(0, 4096);
  } catch {
    // unreadable: refused below like any other file
  }
  if (!head.includes(`<meta name="generator" content="${DASHBOARD_GENERATOR}">`))
    throw new SetupError(
      {
        fr: `${label}\u00a0: ce fichier n'est pas un tableau de bord de campagne\u00a0; il n'est pas remplacé`,
        en: `${label}: not a campaign dashboard; this file is not replaced`,
      },
      { fr: 'donner avec --html un nouveau fichier', en: 'give --html a new file' },
    );
}

function say(ctx: CliRunContext, m: Message, lang: Lang): void {
  ctx.io.stderr(`${terminalSafe(lang === 'en' ? m.en : m.fr)}\n`);
}

export async function campaignAction(ctx: CliRunContext, runDirs: string[], opts: CampaignOptions): Promise<void> {
  const lang = (opts.lang ?? ctx.lang) as Lang;
  const cwd = ctx.io.cwd;
  const both = !opts.xlsx && !opts.html;
  const xlsx = opts.xlsx ?? (both ? 'campaign.xlsx' : undefined);
  const htmlFile = opts.html ?? (both ? 'campaign.html' : undefined);
  const xlsxPath = xlsx ? resolve(cwd, xlsx) : undefined;
  const htmlPath = htmlFile ? resolve(cwd, htmlFile) : undefined;
  if (htmlPath) checkDashboardPath(htmlPath, htmlFile!);
  const previous = xlsxPath ? await readPreviousWorkbook(xlsxPath, xlsx!) : undefined;

  const found = findRunFiles(runDirs, cwd);
  const read = await readRuns(found.files, cwd);
  const notes = [...found.notes, ...read.notes];
  if (read.runs.length === 0) {
    for (const n of notes) say(ctx, n, lang);
    throw new SetupError(
      { fr: 'aucune exécution lisible dans les dossiers donnés', en: 'no readable run in the folders given' },
      {
        fr: 'donner les dossiers où «\u00a0sas-recette run\u00a0» a écrit ses rapports (--out, reports/ par défaut)',
        en: 'give the folders "sas-recette run" wrote its reports to (--out, reports/ by default)',
      },
    );
  }
  const campaign = buildCampaign(read.runs);
  const allNotes = [...notes, ...campaign.notes];
  for (const n of allNotes) say(ctx, n, lang);

  const open = campaign.actions.filter((a) => a.status === 'open').length;
  const summary: Message = {
    fr: `${read.runs.length} exécution(s), ${campaign.overview.length} éditeur(s) et logiciel(s), ${campaign.actions.length} action(s) dont ${open} ouverte(s)`,
    en: `${read.runs.length} run(s), ${campaign.overview.length} editor(s) and software, ${campaign.actions.length} action(s), ${open} open`,
  };
  const wrote = lang === 'en' ? 'wrote' : 'écrit';
  if (xlsxPath) {
    const counts = await writeWorkbook(
      xlsxPath,
      {
        overview: campaign.overview.map((o) => ({
          key: o.key,
          cells: overviewCells(o, lang, relative(cwd, o.latest.file) || o.latest.file),
        })),
        actions: campaign.actions.map((a) => ({ key: a.key, cells: actionCells(a, lang) })),
        notes: allNotes,
      },
      lang,
      previous,
    );
    const kept: Message = {
      fr: ` (annotations reprises\u00a0: ${counts.annotationsKept}, lignes annotées gardées hors des exécutions lues\u00a0: ${counts.rowsCarried}, lignes sans annotation retirées\u00a0: ${counts.rowsDropped})`,
      en: ` (annotations carried over: ${counts.annotationsKept}, annotated rows kept outside the runs read: ${counts.rowsCarried}, rows without annotation removed: ${counts.rowsDropped})`,
    };
    ctx.io.stdout(`${wrote} ${terminalSafe(relative(cwd, xlsxPath) || xlsxPath)}${previous ? (lang === 'en' ? kept.en : kept.fr) : ''}\n`);
  }
  if (htmlPath) {
    await writeOutput(htmlPath, renderDashboard(campaign, read.runs.length, lang, new Date()));
    ctx.io.stdout(`${wrote} ${terminalSafe(relative(cwd, htmlPath) || htmlPath)}\n`);
  }
  ctx.io.stdout(`${lang === 'en' ? summary.en : summary.fr}\n`);
}
