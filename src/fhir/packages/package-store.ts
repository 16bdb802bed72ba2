/**
 * The packages of one load, read through the definitions cache (cache-entry.ts). For each package: its
 * content hash (content-hash.ts) names its entry; a valid entry is a hit (only its index is read); no
 * entry: the package is read from its source and the entry written (built); a corrupt entry: the same,
 * with a warning (rebuilt); a folder that cannot be written, or no cache at all: the package stays in
 * memory as raw bytes (uncached). In every case resources are parsed on their first read only.
 *
 * A resource whose cached bytes fail their check on a lazy read (or vanished: `ig cache clear` during a
 * run) does not stop the validation: the package is read again from its source, synchronously, its entry
 * rebuilt, and the warning added to the load's warnings.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import {
  CorruptEntry,
  entryFileName,
  readEntryIndex,
  readResourceBytes,
  writeEntry,
  type EntryIndex,
  type EntryKey,
} from './cache-entry.js';
import { contentHash, Fingerprints } from './content-hash.js';
import { packageContent, type PackageContent, type PackageManifest, type ResourceMeta } from './package-content.js';
import { ResourceTable } from './resource-table.js';
import { readPackageFiles, type AvailablePackage } from './package-source.js';
import type { CacheReport, FhirResource, LoadedPackage } from './types.js';

type CacheEntryReport = CacheReport['entries'][number];

/** One package of a load: its lookup fields, and its resources read on demand. */
export interface PackageHandle {
  readonly pkg: LoadedPackage;
  readonly table: ResourceTable;
  /** Resource i, parsed on first call and kept; undefined only when it can no longer be read (a warning says why). */
  read(i: number): FhirResource | undefined;
  /** What the cache did for this package (updated if it is rebuilt on a lazy read). */
  readonly entry: CacheEntryReport;
}

export interface StoreOptions {
  /** The cache folder; null: no cache. */
  dir: string | null;
  toolVersion: string;
  /** Where warnings go (the load's warnings, also after the load returned). */
  warn: (m: Message) => void;
}

export class DefinitionsStore {
  private readonly fingerprints: Fingerprints;
  /** Why the folder could not be written, once a write failed (then no other write is tried). */
  private unwritable?: string;
  note?: Message;

  constructor(private readonly o: StoreOptions) {
    this.fingerprints = Fingerprints.load(o.dir);
    if (!o.dir) this.note = DISABLED;
  }

  get dir(): string | null {
    return this.o.dir;
  }

  /** Opens a package; one that cannot be read at all is a SetupError naming it. */
  async open(p: AvailablePackage): Promise<PackageHandle> {
    try {
      const hit = this.openEntry(p);
      if (hit.handle) return hit.handle;
      // reading a package blocks for up to a second (R4 core): let pending I/O (a run's first requests) go first
      await new Promise((resolve) => setImmediate(resolve));
      return this.build(p, hit.corrupt);
    } catch (e) {
      if (e instanceof SetupError) throw e;
      const reason = (e as Error).message;
      throw new SetupError(
        {
          fr: `le package FHIR ${p.id}#${p.version} n'a pas pu être lu (${p.location})\u00a0: ${reason}`,
          en: `FHIR package ${p.id}#${p.version} could not be read (${p.location}): ${reason}`,
        },
        {
          fr: 'remplacer le fichier (sas-recette ig install <id>#<version> --from FILE.tgz) ou le retirer du dossier des packages',
          en: 'replace the file (sas-recette ig install <id>#<version> --from FILE.tgz) or remove it from the package folder',
        },
      );
    }
  }

  /** The package from its cache entry, when there is a valid one; else why the entry is not usable, if it is corrupt. */
  private openEntry(p: AvailablePackage): { handle?: PackageHandle; corrupt?: string } {
    if (!this.o.dir) return {};
    const key = this.keyOf(p);
    const file = join(this.o.dir, entryFileName(key));
    try {
      const index = readEntryIndex(file, key);
      const entry: CacheEntryReport = { id: p.id, version: p.version, hash: key.hash, state: 'hit' };
      return { handle: new Handle(this, p, entry, { kind: 'file', file, key, index }, index.meta.package) };
    } catch (e) {
      // any other error (ENOENT, ENOTDIR, EACCES…): no usable entry, build it
      return e instanceof CorruptEntry ? { corrupt: e.message } : {};
    }
  }

  private keyOf(p: AvailablePackage): EntryKey {
    return { tool: this.o.toolVersion, hash: this.fingerprints.hashOf(p) };
  }

  /** Reads the package from its source and writes its entry (or keeps it in memory: no cache, folder not writable). */
  private build(p: AvailablePackage, corrupt: string | undefined): PackageHandle {
    const { dir } = this.o;
    if (!dir) {
      const content = readSource(p);
      return new Handle(this, p, { id: p.id, version: p.version, hash: '', state: 'uncached' }, memory(content), content.manifest);
    }
    const key = this.keyOf(p);
    const file = join(dir, entryFileName(key));
    const content = readSource(p);
    const entry: CacheEntryReport = { id: p.id, version: p.version, hash: key.hash, state: 'uncached' };
    const backing = this.write(file, key, content);
    if (corrupt) this.o.warn(corruptNote(p, corrupt, file, backing !== undefined));
    if (backing) entry.state = corrupt ? 'rebuilt' : 'built';
    return new Handle(this, p, entry, backing ?? memory(content), content.manifest);
  }

  /** Writes an entry; the file backing it, or undefined when the folder cannot be written (said once). */
  write(file: string, key: EntryKey, content: PackageContent): Backing | undefined {
    if (this.unwritable !== undefined || !this.o.dir) return undefined;
    try {
      mkdirSync(this.o.dir, { recursive: true });
      return { kind: 'file', file, key, index: writeEntry(file, key, content) };
    } catch (e) {
      // the rename can fail where another process's rename just won (Windows: EPERM while it lands); its
      // entry is as good as ours
      try {
        return { kind: 'file', file, key, index: readEntryIndex(file, key) };
      } catch {
        // no valid entry there: the folder cannot be written
      }
      this.unwritable = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      this.note = unwritableNote(this.o.dir, this.unwritable);
      this.o.warn(this.note);
      return undefined;
    }
  }

  warn(m: Message): void {
    this.o.warn(m);
  }

  /** Saves the fingerprints (call once the packages are open). */
  finish(): void {
    this.fingerprints.save();
  }
}

type Backing =
  | { kind: 'file'; file: string; key: EntryKey; index: EntryIndex }
  | { kind: 'memory'; table: ResourceTable; contents: Buffer[] }
  /** The entry failed and the package could not be read again: nothing more can be read. */
  | { kind: 'gone' };

/** Kept in memory: each resource's bytes copied out of the unpacked tar they are views into, so that the tar (with examples and other files not wanted) can go. */
const memory = (content: PackageContent): Backing => ({
  kind: 'memory',
  table: ResourceTable.fromMetas(content.resources),
  contents: content.contents.map((bytes) => Buffer.from(bytes)),
});

class Handle implements PackageHandle {
  readonly pkg: LoadedPackage;
  readonly table: ResourceTable;
  private readonly parsed = new Map<number, FhirResource | undefined>();
  /** After a rebuild that changed the package's resources (it changed on disk meanwhile): old position → new. */
  private remap?: number[];
  private recovered = false;

  constructor(
    private readonly store: DefinitionsStore,
    private readonly available: AvailablePackage,
    readonly entry: CacheEntryReport,
    private backing: Backing,
    manifest: PackageManifest,
  ) {
    this.pkg = { id: available.id, version: available.version, source: available.location, dependencies: manifest.dependencies };
    if (backing.kind === 'gone') throw new Error('a package handle starts readable');
    this.table = backing.kind === 'file' ? backing.index.table : backing.table;
  }

  read(i: number): FhirResource | undefined {
    if (this.parsed.has(i)) return this.parsed.get(i);
    let r = this.tryRead(i);
    if (typeof r === 'string' && !this.recovered) {
      this.recover(r);
      r = this.tryRead(i);
    }
    const value = typeof r === 'string' ? undefined : r;
    this.parsed.set(i, value);
    return value;
  }

  /** The resource, or why it could not be read. */
  private tryRead(i: number): FhirResource | string {
    const b = this.backing;
    const at = this.remap ? this.remap[i] : i;
    if (b.kind === 'gone' || at < 0) return 'unreadable';
    let bytes: Buffer;
    try {
      bytes = b.kind === 'file' ? readResourceBytes(b.file, b.index, at) : b.contents[at];
    } catch (e) {
      return e instanceof CorruptEntry ? e.message : `entry unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
    }
    try {
      const json = JSON.parse(bytes.toString('utf8')) as FhirResource;
      return json?.resourceType === this.table.typeOf(i) ? json : 'resource of another type than its index says';
    } catch {
      return 'resource is not valid JSON';
    }
  }

  /** Reads the package again from its source (synchronously: resolve() is) and rebuilds its entry. */
  private recover(reason: string): void {
    this.recovered = true;
    const b = this.backing;
    if (b.kind !== 'file') return; // memory never fails a check
    let content: PackageContent;
    try {
      content = packageContent(this.available, readPackageFiles(this.available));
    } catch (e) {
      this.backing = { kind: 'gone' };
      this.store.warn(lostNote(this.available, reason, (e as Error).message));
      return;
    }
    const old = Array.from({ length: this.table.size }, (_, i) => this.table.meta(i));
    const same = content.resources.length === old.length && content.resources.every((r, i) => sameMeta(r, old[i]));
    if (!same) this.remap = old.map((r) => content.resources.findIndex((n) => sameMeta(n, r)));
    // the entry is written again only if the package is still the one it is named after
    const rebuilt = unchanged(this.available, b.key.hash) ? this.store.write(b.file, b.key, content) : undefined;
    this.store.warn(corruptNote(this.available, reason, b.file, rebuilt !== undefined));
    this.backing = rebuilt ?? memory(content);
    this.entry.state = rebuilt ? 'rebuilt' : 'uncached';
  }
}

const sameMeta = (a: ResourceMeta, b: ResourceMeta) => a.type === b.type && a.url === b.url && a.version === b.version;

function unchanged(p: AvailablePackage, hash: string): boolean {
  try {
    return contentHash(p) === hash;
  } catch {
    return false;
  }
}

function readSource(p: AvailablePackage): PackageContent {
  return packageContent(p, readPackageFiles(p));
}

const DISABLED: Message = {
  fr: 'Cache des définitions désactivé (SAS_RECETTE_CACHE=off, ou sans cache demandé) : les paquets sont relus à chaque lancement.',
  en: 'Definitions cache disabled (SAS_RECETTE_CACHE=off, or no cache asked for): the packages are read again at every start.',
};

function unwritableNote(dir: string, why: string): Message {
  return {
    fr: `Cache des définitions : le dossier ${dir} n'a pas pu être écrit (${why}) ; les paquets sont lus sans cache, plus lentement. Choisir un dossier accessible en écriture avec SAS_RECETTE_CACHE=DOSSIER, ou SAS_RECETTE_CACHE=off.`,
    en: `Definitions cache: the folder ${dir} could not be written (${why}); the packages are read without the cache, more slowly. Choose a writable folder with SAS_RECETTE_CACHE=DIR, or SAS_RECETTE_CACHE=off.`,
  };
}

function corruptNote(p: AvailablePackage, reason: string, file: string, rebuilt: boolean): Message {
  return {
    fr: `Cache des définitions : l'entrée de ${p.id}#${p.version} était corrompue (${reason}) ; relue depuis le paquet${rebuilt ? ' et reconstruite' : ''} (${file}).`,
    en: `Definitions cache: the entry of ${p.id}#${p.version} was corrupt (${reason}); read again from the package${rebuilt ? ' and rebuilt' : ''} (${file}).`,
  };
}

function lostNote(p: AvailablePackage, reason: string, error: string): Message {
  return {
    fr: `Cache des définitions : l'entrée de ${p.id}#${p.version} était corrompue (${reason}) et le paquet n'a pas pu être relu (${error}) : ses définitions non encore lues sont signalées « non vérifiées ».`,
    en: `Definitions cache: the entry of ${p.id}#${p.version} was corrupt (${reason}) and the package could not be read again (${error}): its definitions not read yet are reported as "not checked".`,
  };
}
