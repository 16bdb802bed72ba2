/**
 * The lookup fields of one package's resources, in columns (type and version per position, as numbers
 * into the lists of the types and versions used, and the canonical URLs with their positions), as the
 * cache entry stores them in JSON: a warm start gets them from one native JSON.parse per package, with no
 * loop over the thousands of resources of R4 core (a loop that, run once in a fresh process, costs more
 * than the parse). Built from the parsed files when the package is read from its source.
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
  /**
   * Per position: 1 + index into `versions`, or 0 for a resource without a version (no negative
   * number: JSON.parse reads -1 several times slower than a small positive integer).
   */
  version: number[];
  /**
   * The canonical URLs in code-unit order, one line each, lines separated by a space: the URL, `>`, its
   * positions in package order in base 36, comma-separated (`http://hl7.org/fhir/ValueSet/slotstatus>c`).
   * A lookup is a binary search in this one string (positions): JSON.parse makes one string where an
   * object keyed by URL made thousands of keys, about 5 ms of every start for R4 core and the
   * terminology. Neither separator is allowed in a URI, and neither needs escaping in JSON (a tab and a
   * line break did, which made JSON.parse several times slower on this string).
   */
  urls: string;
}

const NONE: readonly number[] = [];

const LINE = ' ';
const FIELD = '>';
/** A URL a line of `urls` cannot hold (a canonical URL has no white space and no `>`): its resource is found by type only. */
const UNLISTABLE = /[\s>]/;

export class ResourceTable {
  private ofTypeMemo?: Map<string, number[]>;
  private urlAt?: (string | undefined)[];

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
      typeof d.urls !== 'string'
    )
      throw new Error('resource table malformed');
  }

  static fromMetas(metas: readonly ResourceMeta[]): ResourceTable {
    const types: string[] = [];
    const typeIndex = new Map<string, number>();
    const versions: string[] = [];
    const versionIndex = new Map<string, number>();
    const positions = new Map<string, number[]>();
    const data: TableData = { types, type: [], versions, version: [], urls: '' };
    metas.forEach((m, i) => {
      let t = typeIndex.get(m.type);
      if (t === undefined) {
        t = types.push(m.type) - 1;
        typeIndex.set(m.type, t);
      }
      data.type.push(t);
      let v = m.version === undefined ? 0 : versionIndex.get(m.version);
      if (v === undefined) {
        v = versions.push(m.version!);
        versionIndex.set(m.version!, v);
      }
      data.version.push(v);
      if (m.url !== undefined && !UNLISTABLE.test(m.url)) {
        const list = positions.get(m.url);
        if (list) list.push(i);
        else positions.set(m.url, [i]);
      }
    });
    const line = (url: string) =>
      `${url}${FIELD}${positions
        .get(url)!
        .map((i) => i.toString(36))
        .join(',')}`;
    data.urls = [...positions.keys()]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map(line)
      .join(LINE);
    return new ResourceTable(data);
  }

  toJSON(): TableData {
    return this.data;
  }

  get size(): number {
    return this.data.type.length;
  }

  /**
   * Positions of the resources with this canonical URL, in package order: a binary search over the
   * lines of `urls` (written by hand: no library searches the lines of one string without splitting it).
   */
  positions(url: string): readonly number[] {
    if (UNLISTABLE.test(url)) return NONE;
    const s = this.data.urls;
    // lo and hi are line starts (or the end); the line sought, if any, starts in [lo, hi)
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // the start of the line holding mid (lastIndexOf would read a negative position as 0)
      const start = mid === 0 ? 0 : s.lastIndexOf(LINE, mid - 1) + 1;
      const field = s.indexOf(FIELD, start);
      const next = s.indexOf(LINE, start);
      const end = next < 0 ? s.length : next;
      if (field < 0 || field > end) return NONE; // not a line this table writes: the entry is damaged
      const key = s.slice(start, field);
      if (key === url) return this.decode(s.slice(field + 1, end));
      if (key < url) lo = end + 1;
      else hi = start;
    }
    return NONE;
  }

  private decode(list: string): readonly number[] {
    return list
      .split(',')
      .map((p) => parseInt(p, 36))
      .filter((i) => Number.isInteger(i) && i >= 0 && i < this.size);
  }

  typeOf(i: number): string | undefined {
    return this.data.types[this.data.type[i]];
  }

  versionOf(i: number): string | undefined {
    const v = this.data.versions[this.data.version[i] - 1];
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
    if (!this.urlAt) {
      this.urlAt = new Array<string | undefined>(this.size);
      for (const line of this.data.urls === '' ? [] : this.data.urls.split(LINE)) {
        const field = line.indexOf(FIELD);
        if (field < 0) continue;
        for (const at of this.decode(line.slice(field + 1))) this.urlAt[at] ??= line.slice(0, field);
      }
    }
    const m: ResourceMeta = { type: this.typeOf(i) ?? '' };
    if (this.urlAt[i] !== undefined) m.url = this.urlAt[i];
    const version = this.versionOf(i);
    if (version !== undefined) m.version = version;
    return m;
  }
}
