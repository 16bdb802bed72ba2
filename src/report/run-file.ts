/**
 * Which saved run a path means, for every command that reads one (diff, rejudge, verify): a run.json, a
 * run folder (its run.json), or a reports folder (its latest run: the `latest` symlink, or `latest.txt`
 * holding the folder's name where symlinks cannot be made, src/report/run-folder.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LATEST_FILE, LATEST_LINK } from './run-folder.js';

export const RUN_FILE = 'run.json';

const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
const isDir = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

/** The run folder `dir` is, or the latest run of the reports folder `dir` is; undefined when neither. */
export function runFolderIn(dir: string): string | undefined {
  if (isFile(join(dir, RUN_FILE))) return dir;
  if (isFile(join(dir, LATEST_LINK, RUN_FILE))) return join(dir, LATEST_LINK);
  let name: string | undefined;
  try {
    name = readFileSync(join(dir, LATEST_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
  // a name only, never a path: latest.txt must not lead out of the reports folder
  if (!name || /[/\\]/.test(name) || name === '.' || name === '..' || !isFile(join(dir, name, RUN_FILE))) return undefined;
  return join(dir, name);
}

/**
 * The run.json a typed path means and how messages name it (as typed, with what was added to reach
 * run.json); `found: false` for a folder that holds no run (its run.json is then named all the same).
 */
export function locateRunFile(typed: string, cwd: string): { file: string; label: string; found: boolean } {
  const path = resolve(cwd, typed);
  if (!isDir(path)) return { file: path, label: typed, found: true };
  const folder = runFolderIn(path);
  const within = folder ? relative(path, folder) : '';
  return { file: join(folder ?? path, RUN_FILE), label: join(typed, within, RUN_FILE), found: folder !== undefined };
}
