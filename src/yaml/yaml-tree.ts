/**
 * Walking a parsed YAML document (eemeli/yaml) by data path, and back from a source offset to a data
 * path. The library keeps node ranges but offers no "path at offset" helper, hence these few lines.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type DataPath = (string | number)[];

export interface Located {
  /** The node at the path (value side), when it exists and is not an empty value. */
  node?: Node;
  /** Offset to report: the value, else the key of its pair, else the nearest ancestor found. */
  offset: number;
  /** How many path segments were found before stopping. */
  depth: number;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === 'string' || typeof key === 'number') return String(key);
  return undefined;
}

/** Finds the node of `path` (or the nearest ancestor) in `doc`. */
export function locateNode(doc: Document, path: DataPath): Located {
  let current: unknown = doc.contents;
  let offset = (current as Node | null)?.range?.[0] ?? 0;
  let depth = 0;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) break;
      const keyOffset = (pair.key as Node | null)?.range?.[0];
      const value = pair.value as Node | null;
      offset = value?.range?.[0] ?? keyOffset ?? offset;
      current = value;
    } else if (isSeq(current)) {
      const index = typeof segment === 'number' ? segment : Number(segment);
      const item = Number.isInteger(index) ? (current.items[index] as Node | undefined) : undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      current = item;
    } else {
      break;
    }
    depth += 1;
  }
  const node = depth === path.length && current && typeof current === 'object' ? (current as Node) : undefined;
  return { node, offset, depth };
}

/** Offset of the key of `property` inside the map at `path` (for "unknown field" errors). */
export function locateKey(doc: Document, path: DataPath, property: string): number | undefined {
  const { node } = locateNode(doc, path);
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => keyText(p.key) === property);
  return (pair?.key as Node | null)?.range?.[0];
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as Node | null)?.range;
  return !!range && offset >= range[0] && offset <= range[1];
}

/** The data path of the deepest key or value containing `offset` (used to name a syntax error's field). */
export function pathAtOffset(doc: Document, offset: number): DataPath {
  const path: DataPath = [];
  let current: unknown = doc.contents;
  for (;;) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isPair(p) && (contains(p.key, offset) || contains(p.value, offset)));
      if (!pair) return path;
      const key = keyText(pair.key);
      if (key === undefined) return path;
      path.push(key);
      if (contains(pair.key, offset)) return path;
      current = pair.value;
    } else if (isSeq(current)) {
      const index = current.items.findIndex((item) => contains(item, offset));
      if (index < 0) return path;
      path.push(index);
      current = current.items[index];
    } else {
      return path;
    }
  }
}

export function linePos(lineCounter: LineCounter, offset: number): { line: number; col: number } {
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col };
}

/** `practitioners[2].phone` */
export function formatDataPath(path: DataPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** `/practitioners/2/phone` (ajv instancePath, JSON Pointer) → `['practitioners', 2, 'phone']`. */
export function pointerToPath(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}
