/**
 * The run.json files a campaign reads, from its arguments: a run.json (or any JSON file named on the
 * command line), a run folder (holding run.json), or a folder of run folders such as `reports/`, searched
 * downwards. Symbolic links met while searching are not followed: `reports/latest` points at a run folder
 * already under `reports/`, and a link loop must not hang the search. The same file reached twice (named
 * twice, or through a link given as an argument) is read once. An argument that does not exist is a
 * setup error (exit 2): a typo must not silently leave an editor out of the campaign.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';

const RUN_FILE = 'run.json';

export interface FoundRuns {
  files: string[];
  notes: Message[];
}

/** run.json files under `dir`; a folder holding run.json is a run folder: its sub-folders (evidence/) are not searched. */
function searchFolder(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // an unreadable sub-folder: nothing to read there (the argument itself was checked readable)
  }
  if (entries.some((e) => e.isFile() && e.name === RUN_FILE)) {
    out.push(join(dir, RUN_FILE));
    return;
  }
  for (const e of entries)
    if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') searchFolder(join(dir, e.name), out);
}

function missing(arg: string, reason: Message): SetupError {
  return new SetupError(
    { fr: `${arg}\u00a0: ${reason.fr}`, en: `${arg}: ${reason.en}` },
    {
      fr: 'donner des dossiers de runs (reports/), des dossiers d’exécution ou des run.json',
      en: 'give folders of runs (reports/), run folders or run.json files',
    },
  );
}

/** The run.json files of the arguments (resolved from `cwd`), each once, in the order found. */
export function findRunFiles(args: readonly string[], cwd: string): FoundRuns {
  const seen = new Set<string>();
  const files: string[] = [];
  const notes: Message[] = [];
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let stats;
    try {
      stats = statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw missing(
        arg,
        code === 'ENOENT' ? { fr: 'introuvable', en: 'not found' } : { fr: `illisible (${code})`, en: `cannot be read (${code})` },
      );
    }
    const found: string[] = [];
    if (stats.isDirectory()) searchFolder(path, found);
    else found.push(path);
    if (found.length === 0)
      notes.push({ fr: `${arg}\u00a0: aucun run.json trouvé dans ce dossier`, en: `${arg}: no run.json found in this folder` });
    for (const file of found) {
      const real = realpathOrSelf(file);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(file);
    }
  }
  return { files, notes };
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
