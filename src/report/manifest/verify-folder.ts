/**
 * `sas-recette verify`: a run folder measured again against its manifest. manifest.json is checked
 * through SHA256SUMS (and through the fingerprint its PV carries), then every file it lists, every file
 * of the folder it does not list (added), and the FHIR packages against the package sources of this
 * machine. A manifest that is itself altered is not used to judge the other files: they are then said
 * not checked, never passed.
 *
 * Which file changed when a file and its SHA256SUMS line disagree: the file, unless it proves itself
 * intact — manifest.json when an intact PV carries its hash, a PV whose own footer hash still matches
 * its content — and then it is SHA256SUMS that was edited. A line naming a file that is not there while
 * an unlisted file has its hash means SHA256SUMS was edited too.
 */
import { readFile } from 'node:fs/promises';
import { pvHashes } from '../html/index.js';
import { hashFile, inFolder, listFolderFiles, sha256Of } from './hash.js';
import { findPackages, packageSha256 } from './package-hash.js';
import { readSums, type Sums } from './sums.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, SUMS_FILE, type Manifest, type ManifestInput, type ManifestPackage } from './types.js';
import { SetupError } from '../../core/errors.js';

export type FileState = 'changed' | 'missing' | 'added';

export interface FileProblem {
  path: string;
  state: FileState;
}

export type PackageState = 'intact' | 'changed' | 'not-checked';

export interface PackageCheck {
  package: string;
  state: PackageState;
  /** Where it was found on this machine (intact, changed), or recorded by the run (not found here). */
  location?: string;
  /** Why it was not checked: not found on this machine, not found when the run was made, found in another form. */
  reason?: 'not-found' | 'not-recorded' | 'other-form';
}

export interface VerifyResult {
  folder: string;
  /** SHA-256 of manifest.json as it is now: the fingerprint the run's PV carries. */
  manifestSha256: string;
  /** The fingerprint SHA256SUMS records for manifest.json, when it records one. */
  manifestRecorded?: string;
  /** The fingerprint the PV shows, when a PV of the folder shows one. */
  manifestInPv?: string;
  /** The files could be checked (the manifest is intact); false: they were not, and are not counted. */
  filesChecked: boolean;
  /** Files found identical to their record (manifest or SHA256SUMS). */
  intactFiles: number;
  problems: FileProblem[];
  packages: PackageCheck[];
  /** The package sources looked in. */
  packageSources: string[];
  inputs: ManifestInput[];
  runId?: string;
  intact: boolean;
}

const HEX64 = /^[0-9a-f]{64}$/;
const MANIFEST_IN_PV = /data-manifest-sha256="([0-9a-f]{64})"/;

/** A path of a record that stays inside the folder (relative, no `..`, no empty part). */
function isInside(path: string): boolean {
  return !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && path.split(/[/\\]/).every((p) => p !== '' && p !== '.' && p !== '..');
}

function asManifest(text: string): Manifest | undefined {
  try {
    const m = JSON.parse(text) as Manifest;
    if (m?.format !== MANIFEST_FORMAT || !Array.isArray(m.files)) return undefined;
    const okFile = (f: unknown) => {
      const x = f as Manifest['files'][number];
      return x && typeof x.path === 'string' && typeof x.sha256 === 'string' && typeof x.bytes === 'number';
    };
    if (!m.files.every(okFile)) return undefined;
    return { ...m, inputs: Array.isArray(m.inputs) ? m.inputs : [], packages: Array.isArray(m.packages) ? m.packages : [] };
  } catch {
    return undefined;
  }
}

/** The manifest fingerprint shown by the folder's PVs whose own hash is intact (the first found). */
function pvWitness(pvTexts: Map<string, string>): string | undefined {
  for (const text of pvTexts.values()) {
    const { written, computed } = pvHashes(text);
    if (!written || written !== computed) continue;
    const m = MANIFEST_IN_PV.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

export async function verifyRunFolder(folder: string, packageSources: string[]): Promise<VerifyResult> {
  const present = await listFolderFiles(folder);
  const presentSet = new Set(present);
  const hashes = new Map<string, string>();
  const hashOf = async (path: string): Promise<string | undefined> => {
    if (!presentSet.has(path)) return undefined;
    if (!hashes.has(path))
      hashes.set(
        path,
        await hashFile(inFolder(folder, path)).then(
          (h) => h.sha256,
          () => '',
        ),
      );
    return hashes.get(path);
  };
  const problems: FileProblem[] = [];
  const blame = (path: string, state: FileState) => {
    if (!problems.some((p) => p.path === path && p.state === state)) problems.push({ path, state });
  };

  const manifestText = await readFile(inFolder(folder, MANIFEST_FILE), 'utf8');
  const manifestSha256 = sha256Of(manifestText);
  const manifest = asManifest(manifestText);
  const sums: Sums | undefined = await readSums(folder);
  if (!sums && !manifest) {
    throw new SetupError(
      {
        fr: `${folder}\u00a0: manifest.json n’est pas un manifeste de sas-recette`,
        en: `${folder}: manifest.json is not a sas-recette manifest`,
      },
      { fr: 'indiquer le dossier d’une exécution de sas-recette', en: 'give the folder of a sas-recette run' },
    );
  }

  // The PV files SHA256SUMS lists (their text, to read the fingerprint they carry and their own hash).
  const pvTexts = new Map<string, string>();
  for (const line of sums?.lines ?? []) {
    if (/\.html?$/i.test(line.path) && isInside(line.path) && presentSet.has(line.path))
      pvTexts.set(line.path, await readFile(inFolder(folder, line.path), 'utf8'));
  }
  const manifestInPv = pvWitness(pvTexts);

  const listed = new Set<string>([MANIFEST_FILE, SUMS_FILE]);
  let manifestRecorded: string | undefined;
  let manifestTrusted = false;
  let intactFiles = 0;
  if (!sums) {
    blame(SUMS_FILE, 'missing');
    manifestTrusted = manifestInPv === manifestSha256;
  } else {
    if (sums.malformed.length > 0) blame(SUMS_FILE, 'changed');
    const unlisted = () =>
      present.filter((p) => !sums.lines.some((l) => l.path === p) && p !== SUMS_FILE && !manifest?.files.some((f) => f.path === p));
    for (const line of sums.lines) {
      if (!isInside(line.path)) {
        blame(SUMS_FILE, 'changed');
        continue;
      }
      listed.add(line.path);
      if (line.path === MANIFEST_FILE) manifestRecorded = line.sha256;
      const actual = await hashOf(line.path);
      if (actual === line.sha256) {
        intactFiles += 1;
        if (line.path === MANIFEST_FILE) manifestTrusted = true;
        continue;
      }
      if (actual === undefined) {
        // a line renamed in SHA256SUMS: an unlisted file has the hash it records
        const renamed = await Promise.all(unlisted().map(async (p) => ((await hashOf(p)) === line.sha256 ? p : undefined)));
        const match = renamed.find(Boolean);
        if (match) {
          listed.add(match);
          blame(SUMS_FILE, 'changed');
        } else blame(line.path, 'missing');
        continue;
      }
      const selfIntact =
        line.path === MANIFEST_FILE
          ? manifestInPv === actual
          : pvTexts.has(line.path) && ((h) => !!h.written && h.written === h.computed)(pvHashes(pvTexts.get(line.path) ?? ''));
      if (selfIntact) {
        blame(SUMS_FILE, 'changed');
        if (line.path === MANIFEST_FILE) manifestTrusted = true;
      } else blame(line.path, 'changed');
    }
    if (manifestRecorded === undefined) {
      blame(SUMS_FILE, 'changed'); // the manifest's line was removed
      manifestTrusted = manifestInPv === manifestSha256;
    }
  }

  let filesChecked = false;
  const packages: PackageCheck[] = [];
  if (manifestTrusted && manifest) {
    filesChecked = true;
    for (const f of manifest.files) {
      if (!isInside(f.path) || !HEX64.test(f.sha256)) {
        blame(MANIFEST_FILE, 'changed');
        continue;
      }
      listed.add(f.path);
      const actual = await hashOf(f.path);
      if (actual === undefined) blame(f.path, 'missing');
      else if (actual !== f.sha256) blame(f.path, 'changed');
      else intactFiles += 1;
    }
    for (const p of present) if (!listed.has(p)) blame(p, 'added');
    packages.push(...(await checkPackages(manifest.packages, packageSources)));
  } else if (manifestTrusted) {
    blame(MANIFEST_FILE, 'changed'); // recorded as it is, yet not a manifest: written broken
  }
  return {
    folder,
    manifestSha256,
    ...(manifestRecorded ? { manifestRecorded } : {}),
    ...(manifestInPv ? { manifestInPv } : {}),
    filesChecked,
    intactFiles,
    problems: problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    packages,
    packageSources,
    inputs: filesChecked && manifest ? manifest.inputs : [],
    ...(manifest?.runId ? { runId: String(manifest.runId) } : {}),
    intact: filesChecked && problems.length === 0 && !packages.some((p) => p.state === 'changed'),
  };
}

/** Each recorded package measured again where this machine's sources offer it. */
async function checkPackages(recorded: ManifestPackage[], sources: string[]): Promise<PackageCheck[]> {
  const found = await findPackages(
    recorded.map((p) => p.package),
    sources,
  );
  const out: PackageCheck[] = [];
  for (const p of recorded) {
    if (!p.sha256) {
      out.push({ package: p.package, state: 'not-checked', reason: 'not-recorded' });
      continue;
    }
    const here = found.get(p.package);
    if (!here) {
      out.push({ package: p.package, state: 'not-checked', reason: 'not-found', ...(p.location ? { location: p.location } : {}) });
      continue;
    }
    const kind = here.kind === 'tgz' ? 'tgz' : 'folder';
    if (p.kind && kind !== p.kind) {
      out.push({ package: p.package, state: 'not-checked', reason: 'other-form', location: here.location });
      continue;
    }
    const actual = await packageSha256(here);
    out.push({ package: p.package, state: actual === p.sha256 ? 'intact' : 'changed', location: here.location });
  }
  return out;
}
