/**
 * What `JSON.parse` hides about a JSON text that parsed: keys given twice in one object (JSON.parse keeps
 * the last one silently; FHIR JSON forbids duplicates) and numbers beyond the double range (`1e999999`
 * becomes Infinity, which JSON.stringify then prints as `null`). Both are reported with their place
 * (`Bundle.entry[2].resource.id`) and, for numbers, the text as written.
 *
 * Written by hand: no installed parser reports duplicate keys, and jsonc-parser's visitor (which could
 * give them) parses recursively, so a deeply nested text that JSON.parse accepts would overflow its stack.
 * This scanner is one iterative pass with an explicit stack; it runs only on text JSON.parse accepted.
 */
import { finding, type Finding } from '../core/findings.js';

export interface DuplicateKey {
  /** Where the duplicate sits: `Bundle.entry[0].resource.id` (the root named by `root`). */
  path: string;
  key: string;
  /** Offset of the second (or later) occurrence of the key in the text. */
  offset: number;
}

export interface OutOfRangeNumber {
  path: string;
  /** The number as written (truncated to 40 characters). */
  text: string;
  offset: number;
}

export interface JsonTextScan {
  duplicateKeys: DuplicateKey[];
  outOfRange: OutOfRangeNumber[];
  /** Totals, when more were found than kept (`limit`). */
  duplicateKeyCount: number;
  outOfRangeCount: number;
  /** Deepest nesting of objects and arrays in the text (the root value is level 1). */
  maxDepth: number;
}

/**
 * One open object or array. Frames are reused from one object to the next (a Bundle has thousands): the
 * keys of an object are checked in a list while it is small, in a Set once it grows.
 */
interface Frame {
  array: boolean;
  index: number;
  key: string | undefined;
  expectKey: boolean;
  keys: string[];
  keySet: Set<string> | undefined;
}

const SMALL_OBJECT = 16;

/** True when `key` was already seen in the object of `f`; records it. */
function seenBefore(f: Frame, key: string): boolean {
  if (f.keySet) {
    if (f.keySet.has(key)) return true;
    f.keySet.add(key);
    return false;
  }
  if (f.keys.includes(key)) return true;
  f.keys.push(key);
  if (f.keys.length > SMALL_OBJECT) f.keySet = new Set(f.keys);
  return false;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

const segment = (key: string) => (IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key.length > 80 ? `${key.slice(0, 79)}…` : key)}]`);

/** Path of the value being read in the `depth` innermost frames (each adds its current key or index), then `last`. */
function pathOf(root: string, frames: Frame[], depth: number, last?: string): string {
  let out = root;
  for (let k = 0; k < depth; k++) {
    const f = frames[k];
    out += f.array ? `[${f.index}]` : f.key === undefined ? '' : segment(f.key);
  }
  return last === undefined ? out : out + segment(last);
}

/** Offset just after the string starting at `at` (a valid JSON string: JSON.parse accepted the text). */
function stringEnd(text: string, at: number): number {
  let j = at + 1;
  for (;;) {
    j = text.indexOf('"', j);
    if (j < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
    j++;
  }
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

/**
 * Scans a JSON text JSON.parse accepted. `root` names the top-level value in paths (the resourceType,
 * or `$`); at most `limit` problems of each kind are kept (the counts say how many there were).
 * `parsed`, the value JSON.parse gave for this text, allows a quicker pass when there is nothing to
 * report (quickScan); the result is the same.
 */
export function scanJsonText(text: string, root = '$', limit = 100, parsed?: unknown): JsonTextScan {
  if (parsed !== undefined) {
    const quick = quickScan(text, parsed);
    if (quick) return quick;
  }
  return fullScan(text, root, limit);
}

/**
 * The scan of a text with nothing to report, in a half to a third of fullScan's time (no key is read, no
 * path kept): one pass counts the members (each `:` outside strings separates a key from its value) and
 * the nesting; a walk of `parsed` counts its keys and looks for numbers out of the double range
 * (JSON.parse makes them Infinity). JSON.parse keeps one member per key, so as many keys as members means
 * no key was given twice, and the nesting measured is then the text's. Undefined otherwise (a duplicate,
 * a number out of range, a value that is not this text's): fullScan finds and places each problem.
 */
function quickScan(text: string, parsed: unknown): JsonTextScan | undefined {
  let members = 0;
  let depth = 0;
  let maxDepth = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i);
    else {
      if (c === 0x3a) members++;
      else if (c === 0x7b || c === 0x5b) {
        if (++depth > maxDepth) maxDepth = depth;
      } else if (c === 0x7d || c === 0x5d) depth--;
      i++;
    }
  }
  let keys = 0;
  // an explicit stack: the value may be nested as deeply as JSON.parse allows
  const stack: unknown[] = [parsed];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return undefined;
    } else if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' || typeof item === 'number') stack.push(item);
    } else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      for (const key in o) {
        if (!Object.hasOwn(o, key)) continue;
        keys++;
        const item = o[key];
        if (typeof item === 'object' || typeof item === 'number') stack.push(item);
      }
    }
  }
  if (keys !== members) return undefined;
  return { duplicateKeys: [], outOfRange: [], duplicateKeyCount: 0, outOfRangeCount: 0, maxDepth };
}

/** The scan proper: every duplicate key and number out of range, with its path. */
function fullScan(text: string, root: string, limit: number): JsonTextScan {
  const out: JsonTextScan = { duplicateKeys: [], outOfRange: [], duplicateKeyCount: 0, outOfRangeCount: 0, maxDepth: 0 };
  const frames: Frame[] = [];
  let depth = 0;
  const open = (array: boolean) => {
    const f = frames[depth];
    if (f === undefined) frames.push({ array, index: 0, key: undefined, expectKey: !array, keys: [], keySet: undefined });
    else {
      f.array = array;
      f.index = 0;
      f.key = undefined;
      f.expectKey = !array;
      f.keys.length = 0;
      f.keySet = undefined;
    }
    depth++;
    if (depth > out.maxDepth) out.maxDepth = depth;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      const top = depth > 0 ? frames[depth - 1] : undefined;
      if (top !== undefined && !top.array && top.expectKey) {
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        if (seenBefore(top, key)) {
          out.duplicateKeyCount++;
          if (out.duplicateKeys.length < limit) {
            // the object's own path (the frames above it) plus the repeated key
            out.duplicateKeys.push({ path: pathOf(root, frames, depth - 1, key), key, offset: i });
          }
        }
        top.key = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      open(c === 0x5b);
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
      i++;
    } else if (c === 0x2c) {
      const top = depth > 0 ? frames[depth - 1] : undefined;
      if (top && !top.array) top.expectKey = true;
      else if (top) top.index++;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      let exponent = false;
      while (end < n && isNumberChar(text.charCodeAt(end))) {
        if ((text.charCodeAt(end) | 0x20) === 0x65) exponent = true;
        end++;
      }
      // Only an exponent or more than 308 digits can leave the double range.
      if ((exponent || end - i > 308) && !Number.isFinite(Number(text.slice(i, end)))) {
        out.outOfRangeCount++;
        if (out.outOfRange.length < limit) {
          const written = text.slice(i, end);
          out.outOfRange.push({
            path: pathOf(root, frames, depth),
            text: written.length > 40 ? `${written.slice(0, 39)}…` : written,
            offset: i,
          });
        }
      }
      i = end;
    } else i++;
  }
  return out;
}

/** Keys given twice in one object, with the JSON path of each repetition (see scanJsonText). */
export function duplicateKeys(text: string, root = '$'): DuplicateKey[] {
  return scanJsonText(text, root).duplicateKeys;
}

export const RULE_DUPLICATE_KEY = 'json-duplicate-key';
export const RULE_NUMBER_OUT_OF_RANGE = 'json-number-out-of-range';

/**
 * The problems of scanJsonText as error findings (source `structure`), for `validate` and for the
 * answers judged by `run`. The last finding of a kind says how many more there were.
 */
export function jsonTextFindings(text: string, root = '$', limit = 100, parsed?: unknown): Finding[] {
  return scanFindings(scanJsonText(text, root, limit, parsed));
}

/** The findings of a scan (jsonTextFindings), for a caller that also reads the scan's depth. */
export function scanFindings(scan: JsonTextScan): Finding[] {
  const more = (count: number, kept: number) =>
    count > kept ? { fr: ` (et ${count - kept} autres non listés)`, en: ` (and ${count - kept} more not listed)` } : { fr: '', en: '' };
  const findings: Finding[] = [];
  scan.duplicateKeys.forEach((d, k) => {
    const tail = k === scan.duplicateKeys.length - 1 ? more(scan.duplicateKeyCount, scan.duplicateKeys.length) : { fr: '', en: '' };
    findings.push(
      finding('error', RULE_DUPLICATE_KEY, 'structure', d.path, {
        fr: `Clé JSON ${JSON.stringify(d.key.slice(0, 80))} en double dans le même objet : le JSON FHIR interdit les doublons, et un lecteur garde l'une ou l'autre valeur${tail.fr}.`,
        en: `JSON key ${JSON.stringify(d.key.slice(0, 80))} appears twice in the same object: FHIR JSON forbids duplicates, and readers keep either value${tail.en}.`,
      }),
    );
  });
  scan.outOfRange.forEach((o, k) => {
    const tail = k === scan.outOfRange.length - 1 ? more(scan.outOfRangeCount, scan.outOfRange.length) : { fr: '', en: '' };
    findings.push(
      finding('error', RULE_NUMBER_OUT_OF_RANGE, 'structure', o.path, {
        fr: `Nombre hors limites : ${o.text} dépasse ce qu'un nombre peut représenter (environ ±1,8e308) ; un decimal ou un integer FHIR doit être fini${tail.fr}.`,
        en: `Number out of range: ${o.text} exceeds what a number can represent (about ±1.8e308); a FHIR decimal or integer must be finite${tail.en}.`,
      }),
    );
  });
  return findings;
}
