/**
 * A JSON value pretty-printed exactly as `JSON.stringify(value, null, 2)` does, each line tagged with
 * the path of the value it belongs to (`.entry[3].resource.meta.security[0].code`), so a finding's
 * location can be turned into the lines to mark in an evidence excerpt.
 */

export interface JsonLine {
  text: string;
  /** Path of the value the line opens, holds or closes; '' for the root. */
  path: string;
}

function key(path: string, name: string): string {
  return `${path}.${name}`;
}

function walk(value: unknown, path: string, indent: string, prefix: string, suffix: string, out: JsonLine[]): void {
  if (Array.isArray(value) && value.length > 0) {
    out.push({ text: `${indent}${prefix}[`, path });
    value.forEach((v, i) => walk(v, `${path}[${i}]`, `${indent}  `, '', i < value.length - 1 ? ',' : '', out));
    out.push({ text: `${indent}]${suffix}`, path });
    return;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length > 0) {
      out.push({ text: `${indent}${prefix}{`, path });
      entries.forEach(([k, v], i) =>
        walk(v, key(path, k), `${indent}  `, `${JSON.stringify(k)}: `, i < entries.length - 1 ? ',' : '', out),
      );
      out.push({ text: `${indent}}${suffix}`, path });
      return;
    }
  }
  out.push({ text: `${indent}${prefix}${JSON.stringify(value) ?? 'null'}${suffix}`, path });
}

export function jsonLines(value: unknown): JsonLine[] {
  const out: JsonLine[] = [];
  walk(value, '', '', '', '', out);
  return out;
}

/** Whether `path` is `parent` or lies inside it. */
export function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

/**
 * The leading part of a FHIRPath-like location that names plain members and indexes
 * (`Bundle.entry[3].resource.telecom[0].value` → ['Bundle', '.entry[3].resource.telecom[0].value']);
 * anything past a function call or an unusual character is dropped.
 */
export function parseLocation(location: string): { root: string; path: string } | undefined {
  const head = /^([A-Za-z][A-Za-z0-9]*)/.exec(location);
  if (!head) return undefined;
  let rest = location.slice(head[1].length);
  let path = '';
  for (;;) {
    const m = /^\.([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)/.exec(rest);
    if (!m || rest.slice(m[0].length).startsWith('(')) break;
    path += `.${m[1]}${m[2]}`;
    rest = rest.slice(m[0].length);
  }
  return { root: head[1], path };
}
