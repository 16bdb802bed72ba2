/**
 * The content hash of a package, which keys its definitions cache entry: sha256 of the `.tgz` bytes; for
 * an extracted FHIR-cache folder, sha256 over its package.json and the (name, size, mtime) of its wanted
 * files.
 *
 * Hashing every tgz at every start costs about 50 ms (and stat-ing the 4,500 files of an extracted R4
 * core more), so a small `fingerprints.json` in the cache folder remembers, per absolute location, a stamp
 * (size, mtime, inode) and the hash: the hash is computed again only when the stamp differs. A folder's
 * stamp is that of its `package/` directory (inode, mtime: it changes when a file is added, removed or
 * renamed, which is how installers write) and of its package.json (size, mtime). A file edited in place
 * inside an extracted folder, without any of these changing, is not noticed: `sas-recette ig cache clear`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { wantedFileNames, type AvailablePackage } from './package-source.js';

export const FINGERPRINTS_FILE = 'fingerprints.json';

export interface Fingerprint {
  size: number;
  mtimeMs: number;
  ino: number;
  hash: string;
}

type Stamp = Omit<Fingerprint, 'hash'>;

function stampOf(p: AvailablePackage): Stamp {
  if (p.kind === 'tgz') {
    const s = statSync(p.location);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  }
  const dir = statSync(join(p.location, 'package'));
  const manifest = statSync(join(p.location, 'package', 'package.json'));
  return { size: manifest.size, mtimeMs: Math.max(dir.mtimeMs, manifest.mtimeMs), ino: dir.ino };
}

/**
 * The content hash itself (no fingerprint). node:crypto is loaded here, on the first hash a process
 * needs, rather than at start: a start with unchanged packages hashes nothing (about 6 ms of a short
 * `validate`).
 */
export function contentHash(p: AvailablePackage): string {
  const h = process.getBuiltinModule('node:crypto').createHash('sha256');
  if (p.kind === 'tgz') return h.update(readFileSync(p.location)).digest('hex');
  const dir = join(p.location, 'package');
  h.update(readFileSync(join(dir, 'package.json')));
  for (const name of wantedFileNames(dir)) {
    const s = statSync(join(dir, name));
    h.update(`\n${name}\u0000${s.size}\u0000${s.mtimeMs}`);
  }
  return h.digest('hex');
}

/** The fingerprints of one cache folder (none when the folder is null: every hash is computed). */
export class Fingerprints {
  private dirty = false;

  private constructor(
    private readonly dir: string | null,
    private readonly known: Record<string, Fingerprint>,
  ) {}

  static load(dir: string | null): Fingerprints {
    let known: Record<string, Fingerprint> = {};
    if (dir) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(join(dir, FINGERPRINTS_FILE), 'utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) known = parsed as Record<string, Fingerprint>;
      } catch {
        // absent or unreadable: every hash is computed once more, and the file written again
      }
    }
    return new Fingerprints(dir, known);
  }

  /** The content hash of a package, from its fingerprint when its stamp has not changed. */
  hashOf(p: AvailablePackage): string {
    const stamp = stampOf(p);
    const f = this.known[p.location];
    if (f && f.size === stamp.size && f.mtimeMs === stamp.mtimeMs && f.ino === stamp.ino && /^[0-9a-f]{64}$/.test(String(f.hash))) {
      return f.hash;
    }
    const hash = contentHash(p);
    this.known[p.location] = { ...stamp, hash };
    this.dirty = true;
    return hash;
  }

  /** Writes the fingerprints back when they changed (temporary name, then rename); a failure only costs hashing next time. */
  save(): void {
    if (!this.dirty || !this.dir) return;
    const tmp = join(this.dir, `${FINGERPRINTS_FILE}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`);
    // locations gone since (temporary folders, moved packages) are forgotten
    for (const location of Object.keys(this.known)) if (!existsSync(location)) delete this.known[location];
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(tmp, `${JSON.stringify(this.known, null, 1)}\n`);
      renameSync(tmp, join(this.dir, FINGERPRINTS_FILE));
      this.dirty = false;
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // nothing was written
      }
    }
  }
}
