/**
 * `sas-recette report run.json` inside a run folder: the new PV shows that folder's manifest hash, and
 * SHA256SUMS is rewritten to cover it. Before anything is written, the folder's manifest is checked
 * against SHA256SUMS and run.json against the manifest: a PV re-rendered from an altered folder would
 * carry a genuine-looking fingerprint over altered content, so that is refused (exit 2, `verify` says what changed).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { hashFile, inFolder, relativeInside, sha256Of } from './hash.js';
import { readSums, writeSums, type SumLine } from './sums.js';
import { MANIFEST_FILE, SUMS_FILE, type Manifest } from './types.js';

export interface SealedFolder {
  folder: string;
  manifestSha256: string;
  manifest: Manifest;
}

function altered(folder: string, what: { fr: string; en: string }): SetupError {
  return new SetupError(
    {
      fr: `${folder}\u00a0: ${what.fr}\u00a0; le dossier a été modifié depuis l’exécution, le PV n’est pas réécrit`,
      en: `${folder}: ${what.en}; the folder was changed since the run, the PV is not written again`,
    },
    { fr: `voir ce qui a changé\u00a0: sas-recette verify ${folder}`, en: `see what changed: sas-recette verify ${folder}` },
  );
}

/** The run folder holding `runFile` when it has a manifest (checked intact for re-rendering), else undefined. */
export async function sealedFolderOf(runFile: string): Promise<SealedFolder | undefined> {
  const folder = dirname(runFile);
  if (!existsSync(join(folder, MANIFEST_FILE))) return undefined;
  const text = await readFile(join(folder, MANIFEST_FILE), 'utf8');
  const manifestSha256 = sha256Of(text);
  const sums = await readSums(folder);
  const line = sums?.lines.find((l) => l.path === MANIFEST_FILE);
  if (!line || line.sha256 !== manifestSha256)
    throw altered(folder, { fr: 'manifest.json ne correspond plus à SHA256SUMS', en: 'manifest.json no longer matches SHA256SUMS' });
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    throw altered(folder, { fr: 'manifest.json illisible', en: 'manifest.json cannot be read' });
  }
  const entry = manifest.files?.find((f) => f.path === basename(runFile));
  if (entry && entry.sha256 !== (await hashFile(runFile)).sha256)
    throw altered(folder, {
      fr: `${basename(runFile)} ne correspond plus au manifeste`,
      en: `${basename(runFile)} no longer matches the manifest`,
    });
  return { folder, manifestSha256, manifest };
}

/**
 * SHA256SUMS again after a re-render: manifest.json, the files just written inside the folder that the
 * manifest does not list (the PV files), and the earlier lines of files not rewritten, kept as they were
 * (never re-measured: that would bless a file altered since). Returns the file written and the
 * manifest-listed files that were overwritten (verify will report them changed).
 */
export async function resealFolder(sealed: SealedFolder, written: readonly string[]): Promise<{ file: string; overwritten: string[] }> {
  const { folder, manifest } = sealed;
  const listed = new Set(manifest.files.map((f) => f.path));
  const fresh = new Map<string, string>();
  const overwritten: string[] = [];
  for (const file of written) {
    const path = relativeInside(folder, file);
    if (!path || path === MANIFEST_FILE || path === SUMS_FILE) continue;
    if (listed.has(path)) overwritten.push(path);
    else fresh.set(path, (await hashFile(file)).sha256);
  }
  const lines: SumLine[] = [{ path: MANIFEST_FILE, sha256: sealed.manifestSha256 }];
  for (const l of (await readSums(folder))?.lines ?? []) {
    if (l.path !== MANIFEST_FILE && !fresh.has(l.path) && existsSync(inFolder(folder, l.path))) lines.push(l);
  }
  for (const [path, sha256] of fresh) lines.push({ path, sha256 });
  return { file: await writeSums(folder, lines), overwritten };
}
