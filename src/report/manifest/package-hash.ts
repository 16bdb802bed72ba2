/**
 * The FHIR packages of a run, found and hashed the way `run` finds them (src/fhir/packages: the
 * `--packages` sources, else SAS_RECETTE_PACKAGES, else the FHIR cache; the first source holding the
 * exact `id#version` wins). A `.tgz` is hashed as a file (what `sha256sum` gives). An extracted package
 * folder (FHIR cache) is hashed over what the tool reads of it: `package.json` and the definition files
 * directly under `package/`, each as `name NUL size NUL bytes`, in name order. The definitions cache's
 * own fingerprint (content-hash.ts) is not reused: it trusts sizes and dates, and a proof must read the bytes.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { defaultPackageSources, listPackages, type AvailablePackage } from '../../fhir/packages/index.js';
import { wantedFileNames } from '../../fhir/packages/package-source.js';
import { sha256Of } from './hash.js';
import type { ManifestPackage } from './types.js';

/** The sources `run` reads packages from: the explicit ones, else the default ones of the environment. */
export function packageSourcesOf(explicit: readonly string[] | undefined, env: NodeJS.ProcessEnv): string[] {
  return explicit && explicit.length > 0 ? [...explicit] : defaultPackageSources(env);
}

/** The package's SHA-256: of the `.tgz` file, or of an extracted folder's content. */
export async function packageSha256(p: Pick<AvailablePackage, 'kind' | 'location'>): Promise<string> {
  if (p.kind === 'tgz') return sha256Of(await readFile(p.location));
  const dir = join(p.location, 'package');
  const h = createHash('sha256');
  for (const name of ['package.json', ...wantedFileNames(dir)]) {
    const bytes = await readFile(join(dir, name));
    h.update(`${name}\u0000${bytes.length}\u0000`);
    h.update(bytes);
  }
  return h.digest('hex');
}

/** `id#version` → the package the sources offer for it (the first exact match), if any. */
export async function findPackages(refs: readonly string[], sources: string[]): Promise<Map<string, AvailablePackage>> {
  const found = new Map<string, AvailablePackage>();
  if (refs.length === 0) return found;
  const available = await listPackages(sources);
  for (const ref of refs) {
    const p = available.find((a) => `${a.id}#${a.version}` === ref);
    if (p) found.set(ref, p);
  }
  return found;
}

/** The manifest entries of a run's packages: where each was found and its hash (nothing when not found). */
export async function manifestPackages(refs: readonly string[], sources: string[]): Promise<ManifestPackage[]> {
  const found = await findPackages(refs, sources);
  const out: ManifestPackage[] = [];
  for (const ref of refs) {
    const p = found.get(ref);
    if (!p) {
      out.push({ package: ref });
      continue;
    }
    const kind = p.kind === 'tgz' ? 'tgz' : 'folder';
    out.push({ package: ref, location: p.location, kind, sha256: await packageSha256(p) });
  }
  return out;
}
