/**
 * Where the report files of a run go, so that a run's reports are never lost: every run writes into
 * its own folder under `--out`, named from its start and run id (`reports/20260302-080000-3f2c9a7e/`),
 * so a previous run (possibly a signed PV) is never replaced and two runs into the same `--out` both
 * keep their results; `reports/latest` then points at the newest run's folder (a relative symlink,
 * swapped atomically; `reports/latest.txt` holding the folder's name where symlinks cannot be made).
 * `--out` is checked before the first request (checkOutDir): a file, `/dev/null`, a parent that cannot
 * be created or a folder where nothing can be written is a setup error (exit 2), not a lost run.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { lstat, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SetupError } from '../core/errors.js';
import type { RunResult } from '../core/model.js';
import { writeOutput } from './write-output.js';

/** Name of the pointer to the newest run's folder, inside `--out`. */
export const LATEST_LINK = 'latest';
/** Fallback pointer (a text file holding the folder's name) where a symlink cannot be made. */
export const LATEST_FILE = 'latest.txt';

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err);
}

/**
 * Checks, before any request, that the reports of a run can be written under `dir`: creates it when
 * missing, refuses anything that is not a folder, and proves it writable by making and removing a probe.
 */
export function checkOutDir(dir: string, flag = '--out'): void {
  let stats;
  try {
    stats = statSync(dir);
  } catch (err) {
    const code = codeOf(err);
    // ENOTDIR: a parent is a file, so the folder can never be made there
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw unusable(dir, flag, code);
    try {
      if (code === 'ENOTDIR') throw err;
      mkdirSync(dir, { recursive: true });
      stats = statSync(dir);
    } catch (err2) {
      throw new SetupError(
        {
          fr: `${flag} ${dir}\u00a0: le dossier des rapports ne peut pas être créé (${codeOf(err2)})`,
          en: `${flag} ${dir}: the folder cannot be created (${codeOf(err2)})`,
        },
        { fr: 'indiquer un dossier existant ou que l’on peut créer', en: 'give a folder that exists or can be created' },
      );
    }
  }
  if (!stats.isDirectory()) {
    throw new SetupError(
      { fr: `${flag} ${dir}\u00a0: ce n'est pas un dossier`, en: `${flag} ${dir} is not a folder` },
      {
        fr: 'les rapports vont dans un dossier (par exemple --out reports)',
        en: 'the reports need a folder (e.g. --out reports)',
      },
    );
  }
  try {
    rmSync(mkdtempSync(join(dir, '.sas-recette-probe-')), { recursive: true, force: true });
  } catch (err) {
    throw unusable(dir, flag, codeOf(err));
  }
}

function unusable(dir: string, flag: string, code: string): SetupError {
  return new SetupError(
    { fr: `${flag} ${dir}\u00a0: impossible d'y écrire (${code})`, en: `${flag} ${dir}: nothing can be written there (${code})` },
    { fr: 'indiquer un dossier où l’on peut écrire', en: 'give a folder you can write to' },
  );
}

/**
 * The folder of one run: its start (local time of the run, digits only) and the first 8 characters of
 * its run id, e.g. `20260302-080000-3f2c9a7e`: sorted by time, unique per run, safe on every file system.
 */
export function runFolderName(run: Pick<RunResult, 'startedAt' | 'runId'>): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(run.startedAt);
  const stamp = m ? `${m[1]}${m[2]}${m[3]}-${m[4]}${m[5]}${m[6]}` : 'run';
  const id = run.runId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'run';
  return `${stamp}-${id}`;
}

/**
 * Points `<outDir>/latest` at `folder` (a name inside outDir): a new relative symlink renamed over the
 * old one, so a reader never sees it missing. Where symlinks cannot be made (Windows without the
 * privilege) or `latest` is something else, `latest.txt` holds the folder's name instead. Returns the
 * pointer written.
 */
export async function pointLatest(outDir: string, folder: string): Promise<string> {
  const link = join(outDir, LATEST_LINK);
  const tmp = join(outDir, `.${LATEST_LINK}.${process.pid}.${Date.now()}.tmp`);
  try {
    const existing = await lstat(link).catch(() => undefined);
    if (existing && !existing.isSymbolicLink()) throw new Error(`${link} is not a symlink`);
    await symlink(folder, tmp, 'dir');
    await rename(tmp, link);
    return link;
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined);
    const file = join(outDir, LATEST_FILE);
    await writeOutput(file, `${folder}\n`);
    return file;
  }
}
