/**
 * SHA-256 of files and the list of the files of a folder: the two measures a manifest is made of and
 * `verify` makes again. Paths are relative to the folder and `/`-separated on every system, sorted, so
 * the same folder always gives the same list.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export function sha256Of(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** SHA-256 and size of a file. */
export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const content = await readFile(file);
  return { sha256: sha256Of(content), bytes: content.length };
}

/**
 * Every file under `dir` (symbolic links included, as entries: they are not followed into folders), as
 * sorted `/`-separated paths relative to `dir`.
 */
export async function listFolderFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else out.push(path);
    }
  };
  await walk('');
  return out.sort();
}

/** A relative `/`-path inside `dir`, as a path of this system. */
export function inFolder(dir: string, rel: string): string {
  return join(dir, ...rel.split('/'));
}

/** `file` as a `/`-path relative to `dir` when it is inside it, else undefined. */
export function relativeInside(dir: string, file: string): string | undefined {
  const rel = relative(dir, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}
