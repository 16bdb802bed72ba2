/**
 * Writes a run folder's manifest once its other reports are written (run.json, junit.xml, evidence/…)
 * and before its PV: the cahier and JDD files copied into `inputs/`, then every file of the folder with
 * its SHA-256 and size, and the FHIR packages the run loaded (where found, their SHA-256). The manifest's
 * own SHA-256 is what the PV then shows, and what SHA256SUMS records.
 */
import type { RunResult } from '../../core/model.js';
import { writeOutput } from '../write-output.js';
import { copyInputs } from './copy-inputs.js';
import { hashFile, inFolder, listFolderFiles, sha256Of } from './hash.js';
import { manifestPackages } from './package-hash.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, SUMS_FILE, type Manifest, type ManifestFile } from './types.js';

export interface ManifestSetup {
  /** The run's own folder. */
  folder: string;
  /** The folder the run's recorded paths (run.json's cahier and JDD files) are relative to. */
  cwd: string;
  /** Where the run's packages are looked for (package-hash.ts: packageSourcesOf). */
  packageSources: string[];
}

export interface WrittenManifest {
  file: string;
  sha256: string;
  manifest: Manifest;
  /** The input copies written into the folder. */
  inputs: string[];
}

/** The text of manifest.json: two-space JSON, final newline (what its SHA-256 is taken over). */
export function renderManifest(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}

export async function writeManifest(
  run: Pick<RunResult, 'runId' | 'tool' | 'cahier' | 'jdd' | 'packages'>,
  s: ManifestSetup,
): Promise<WrittenManifest> {
  const inputs = await copyInputs(s.folder, s.cwd, [
    { kind: 'cahier', files: run.cahier.files },
    { kind: 'jdd', files: run.jdd.files },
  ]);
  const files: ManifestFile[] = [];
  for (const path of await listFolderFiles(s.folder)) {
    if (path === MANIFEST_FILE || path === SUMS_FILE) continue; // never listed in the manifest (SHA256SUMS covers it)
    files.push({ path, ...(await hashFile(inFolder(s.folder, path))) });
  }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    runId: run.runId,
    tool: { name: run.tool.name, version: run.tool.version },
    files,
    inputs,
    packages: await manifestPackages(run.packages, s.packageSources),
  };
  const text = renderManifest(manifest);
  const file = inFolder(s.folder, MANIFEST_FILE);
  await writeOutput(file, text);
  return { file, sha256: sha256Of(text), manifest, inputs: inputs.flatMap((i) => (i.path ? [inFolder(s.folder, i.path)] : [])) };
}
