/**
 * The part of a response that shows a fault: for each resource a failing finding points into
 * (`Bundle.entry[3].resource…`), its pretty-printed lines around the failing element, that element's
 * lines marked, a few lines of context, gaps counted. Line numbers are those of the whole answer
 * pretty-printed (as the full answer in the exchange details shows it). Returns undefined when the
 * recorded body cannot be read that way (cut at the evidence limit, not JSON, nothing locatable):
 * the caller then shows the head of the body.
 */
import type { Finding } from '../../core/findings.js';
import { jsonLines, parseLocation, within, type JsonLine } from './json-lines.js';

/** Lines of context shown before and after each marked element. */
export const EXCERPT_CONTEXT = 3;
/** Most lines shown per resource (context included); the rest is counted. */
export const EXCERPT_MAX_LINES = 40;
/** Most resources shown per answer; the others are counted. */
export const EXCERPT_MAX_RESOURCES = 4;
/** An element spanning more lines than this is marked by its first line only. */
const MARK_WHOLE_MAX = 8;
/** Bodies larger than this are not parsed for an excerpt (the head is shown). */
const PARSE_MAX_CHARS = 2 * 1024 * 1024;

export type ExcerptLine = { kind: 'line'; n: number; text: string; marked: boolean } | { kind: 'gap'; lines: number };

export interface FaultExcerpt {
  /** Where the excerpt comes from: `Bundle.entry[3]`, or the root type for the rest of the answer. */
  where: string;
  /** `Type/id` of the resource, when it has both. */
  resource?: string;
  /** Rule ids of the findings marked here, first-seen order. */
  rules: string[];
  /** Locations of marked findings whose element is absent (the nearest present parent is marked). */
  absent: string[];
  lines: ExcerptLine[];
}

export interface FaultView {
  excerpts: FaultExcerpt[];
  /** Resources with failing findings left out after EXCERPT_MAX_RESOURCES. */
  moreResources: number;
}

interface Span {
  first: number;
  last: number;
}

interface Group {
  path: string;
  where: string;
  resource?: string;
  marks: Span[];
  rules: string[];
  absent: string[];
}

/** Segments of a path: `.entry[3].resource` → ['.entry', '[3]', '.resource']. */
function segments(path: string): string[] {
  return path.match(/\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]/g) ?? [];
}

function spans(lines: JsonLine[]): Map<string, Span> {
  const map = new Map<string, Span>();
  lines.forEach((l, i) => {
    const s = map.get(l.path);
    if (s) s.last = i;
    else map.set(l.path, { first: i, last: i });
  });
  return map;
}

function typeAndId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const r = value as { resourceType?: unknown; id?: unknown };
  return typeof r.resourceType === 'string' && typeof r.id === 'string' ? `${r.resourceType}/${r.id}` : undefined;
}

/** The value at a path of the parsed body (paths as json-lines writes them). */
function valueAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const s of segments(path)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = s.startsWith('[') ? (v as unknown[])[Number(s.slice(1, -1))] : (v as Record<string, unknown>)[s.slice(1)];
  }
  return v;
}

function excerptLines(lines: JsonLine[], group: Span, marks: Span[]): ExcerptLine[] {
  const marked = new Set<number>();
  const shown = new Set<number>();
  for (let i = group.first; i <= Math.min(group.last, group.first + 2); i += 1) shown.add(i); // the opening, type and id
  for (const m of marks) {
    for (let i = m.first; i <= m.last; i += 1) marked.add(i);
    for (let i = Math.max(group.first, m.first - EXCERPT_CONTEXT); i <= Math.min(group.last, m.last + EXCERPT_CONTEXT); i += 1)
      shown.add(i);
  }
  // a hole of one line costs as much as its gap marker: show the line instead
  for (const i of [...shown]) if (!shown.has(i + 1) && shown.has(i + 2)) shown.add(i + 1);
  if (!shown.has(group.last) && shown.has(group.last - 1)) shown.add(group.last);
  const kept = [...shown].sort((a, b) => a - b).slice(0, EXCERPT_MAX_LINES);
  const indent = Math.min(...kept.map((i) => /^ */.exec(lines[i].text)![0].length));
  const out: ExcerptLine[] = [];
  let previous = group.first - 1;
  for (const i of kept) {
    if (i > previous + 1) out.push({ kind: 'gap', lines: i - previous - 1 });
    out.push({ kind: 'line', n: i + 1, text: lines[i].text.slice(indent), marked: marked.has(i) });
    previous = i;
  }
  if (previous < group.last) out.push({ kind: 'gap', lines: group.last - previous });
  return out;
}

/**
 * Excerpts of `body` around the locations of `findings` (the failing ones of the case). A finding
 * naming a resource (`Slot/s1`) is placed only in an entry holding that resource, so the findings of
 * another answer of the same case are not marked in this one.
 */
export function faultExcerpts(body: string, truncated: boolean, findings: Finding[]): FaultView | undefined {
  if (truncated || body.length > PARSE_MAX_CHARS) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return undefined;
  }
  const rootType = (doc as { resourceType?: unknown } | null)?.resourceType;
  if (typeof rootType !== 'string') return undefined;
  const lines = jsonLines(doc);
  const at = spans(lines);
  const groups = new Map<string, Group>();

  for (const f of findings) {
    const loc = parseLocation(f.location);
    if (!loc || loc.root !== rootType) continue;
    const entry = /^\.entry\[\d+\]/.exec(loc.path)?.[0];
    let groupPath = '';
    let resource = typeAndId(doc);
    if (entry) {
      if (!at.has(entry)) continue; // an entry this answer does not have
      groupPath = at.has(`${entry}.resource`) ? `${entry}.resource` : entry;
      resource = typeAndId(valueAt(doc, groupPath));
    }
    if (f.resource && resource !== f.resource.split('#')[0]) continue;
    const parts = segments(loc.path);
    let target = loc.path;
    while (!at.has(target) && parts.length > 0) {
      parts.pop();
      target = parts.join('');
    }
    if (!within(target, groupPath) || (target === groupPath && target !== loc.path && groupPath === '')) continue;
    const span = at.get(target)!;
    const exact = target === loc.path;
    const mark = exact && span.last - span.first < MARK_WHOLE_MAX ? span : { first: span.first, last: span.first };
    const g = groups.get(groupPath) ?? {
      path: groupPath,
      where: entry ? `${rootType}${entry}` : rootType,
      resource,
      marks: [],
      rules: [],
      absent: [],
    };
    groups.set(groupPath, g);
    g.marks.push(mark);
    if (!g.rules.includes(f.ruleId)) g.rules.push(f.ruleId);
    if (!exact && !g.absent.includes(f.location)) g.absent.push(f.location);
  }
  if (groups.size === 0) return undefined;
  const ordered = [...groups.values()].sort((a, b) => at.get(a.path)!.first - at.get(b.path)!.first);
  return {
    excerpts: ordered.slice(0, EXCERPT_MAX_RESOURCES).map((g) => ({
      where: g.where,
      ...(g.resource ? { resource: g.resource } : {}),
      rules: g.rules,
      absent: g.absent,
      lines: excerptLines(lines, at.get(g.path)!, g.marks),
    })),
    moreResources: Math.max(0, ordered.length - EXCERPT_MAX_RESOURCES),
  };
}
