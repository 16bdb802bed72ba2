/**
 * Copies the cahier and JDD files a run used into its folder (`inputs/cahier/…`, `inputs/jdd/…`), so a
 * run stays self-contained and provable when the originals have changed or are gone. Each copy is named
 * from the original's file name made safe (letters, digits, `.`, `-`, `_`), numbered when two originals
 * share a name; the original path is kept in the manifest.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { writeBytes } from './write-bytes.js';
import { inFolder } from './hash.js';
import { INPUTS_DIR, type ManifestInput } from './types.js';

function safeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._-]+/, '');
  return safe.slice(-100) || 'file';
}

function unique(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n += 1) if (!taken.has(`${stem}-${n}${ext}`)) return `${stem}-${n}${ext}`;
}

/**
 * Copies the inputs into `folder`. `originals` are the paths as the run recorded them, read relative to
 * `cwd`. An original that can no longer be read is recorded without a copy (the manifest says so).
 */
export async function copyInputs(
  folder: string,
  cwd: string,
  originals: { kind: ManifestInput['kind']; files: readonly string[] }[],
): Promise<ManifestInput[]> {
  const inputs: ManifestInput[] = [];
  for (const { kind, files } of originals) {
    const taken = new Set<string>();
    for (const original of files) {
      const content = await readFile(resolve(cwd, original)).catch(() => undefined);
      if (!content) {
        inputs.push({ kind, original });
        continue;
      }
      const name = unique(safeName(basename(original)), taken);
      taken.add(name);
      const path = `${INPUTS_DIR}/${kind}/${name}`;
      await writeBytes(inFolder(folder, path), content);
      inputs.push({ kind, original, path });
    }
  }
  return inputs;
}
