/**
 * The lookup fields of one package's resources, in columns (type and version per position, as numbers
 * into the lists of the types and versions used, and a url → positions map), as the cache entry stores
 * them in JSON: a warm start gets them from one native JSON.parse per package, with no loop over the
 * thousands of resources of R4 core (a loop that, run once in a fresh process, costs more than the
 * parse). Built from the parsed files when the package is read from its source.
 */
import type { ResourceMeta } from './package-content.js';

/** The JSON form (part of the cache entry index). */
export interface TableData {
  /** Resource types used, referenced by `type`. */
  types: string[];
  /** Per position: index into `types`. */
  type: number[];
  /** Versions used, referenced by `version` (most resources of a package share its version). */
  versions: string[];
  /** Per position: index into `versions`, or -1 for a resource without a version. */
  version: number[];
  /**
   * Canonical URL → position (positions in package order when several resources share it), split at the
   * URL's last `/` (`{ "http://hl7.org/fhir/ValueSet": { "slotstatus": 12 } }`): the URLs of a package
   * share few prefixes, and this halves what a start parses.
   */
  byUrl: Record<string, Record<string, number | number[]>>;
}

function splitUrl(url: string): [string, string] {
  const slash = url.lastIndexOf('/');
  return [url.slice(0, slash + 1), url.slice(slash + 1)];
}

export class ResourceTable {
  private ofTypeMemo?: Map<string, number[]>;
  private urls?: (string | undefined)[];

  /** Throws when `data` does not have the shape of a table (a corrupt entry). */
  constructor(private readonly data: TableData) {
    const d = data as Partial<TableData> | null;
    const n = Array.isArray(d?.type) ? d.type.length : -1;
    if (
      n < 0 ||
      !Array.isArray(d?.types) ||
      !d.types.every((t) => typeof t === 'string') ||
      !Array.isArray(d.versions) ||
      !Array.isArray(d.version) ||
      d.version.length !== n ||
      typeof d.byUrl !== 'object' ||
      d.byUrl === null ||
      Array.isArray(d.byUrl)
    )
      throw new Error('resource table malformed');
  }

  static fromMetas(metas: readonly ResourceMeta[]): ResourceTable {
    const types: string[] = [];
    const typeIndex = new Map<string, number>();
    const versions: string[] = [];
    const versionIndex = new Map<string, number>();
    const byUrl = Object.create(null) as TableData['byUrl'];
    const data: TableData = { types, type: [], versions, version: [], byUrl };
    metas.forEach((m, i) => {
      let t = typeIndex.get(m.type);
      if (t === undefined) {
        t = types.push(m.type) - 1;
        typeIndex.set(m.type, t);
      }
      data.type.push(t);
      let v = m.version === undefined ? -1 : versionIndex.get(m.version);
      if (v === undefined) {
        v = versions.push(m.version!) - 1;
        versionIndex.set(m.version!, v);
      }
      data.version.push(v);
      if (m.url !== undefined) {
        const [prefix, rest] = splitUrl(m.url);
        const group = (byUrl[prefix] ??= Object.create(null) as Record<string, number | number[]>);
        const seen = group[rest];
        group[rest] = seen === undefined ? i : Array.isArray(seen) ? [...seen, i] : [seen, i];
      }
    });
    return new ResourceTable(data);
  }

  toJSON(): TableData {
    return this.data;
  }

  get size(): number {
    return this.data.type.length;
  }

  /** Positions of the resources with this canonical URL, in package order. */
  positions(url: string): readonly number[] {
    const [prefix, rest] = splitUrl(url);
    const group = Object.hasOwn(this.data.byUrl, prefix) ? this.data.byUrl[prefix] : undefined;
    if (typeof group !== 'object' || group === null || !Object.hasOwn(group, rest)) return NONE;
    const at = group[rest];
    return (Array.isArray(at) ? at : [at]).filter((i) => Number.isInteger(i) && i >= 0 && i < this.size);
  }

  typeOf(i: number): string | undefined {
    return this.data.types[this.data.type[i]];
  }

  versionOf(i: number): string | undefined {
    const v = this.data.versions[this.data.version[i]];
    return typeof v === 'string' ? v : undefined;
  }

  /** Positions of the resources of one type, in package order. */
  ofType(type: string): readonly number[] {
    this.ofTypeMemo ??= new Map();
    let list = this.ofTypeMemo.get(type);
    if (!list) {
      const t = this.data.types.indexOf(type);
      list = [];
      if (t >= 0) for (let i = 0; i < this.size; i++) if (this.data.type[i] === t) list.push(i);
      this.ofTypeMemo.set(type, list);
    }
    return list;
  }

  meta(i: number): ResourceMeta {
    if (!this.urls) {
      this.urls = new Array<string | undefined>(this.size);
      for (const [prefix, group] of Object.entries(this.data.byUrl))
        for (const rest of Object.keys(group)) for (const at of this.positions(prefix + rest)) this.urls[at] ??= prefix + rest;
    }
    const m: ResourceMeta = { type: this.typeOf(i) ?? '' };
    if (this.urls[i] !== undefined) m.url = this.urls[i];
    const version = this.versionOf(i);
    if (version !== undefined) m.version = version;
    return m;
  }
}

const NONE: readonly number[] = [];
