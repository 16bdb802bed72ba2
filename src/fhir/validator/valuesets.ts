/**
 * Expands ValueSets from the loaded packages (pure; the caller caches per DefinitionIndex).
 * Supported: a stored `expansion`, `compose.include/exclude` with concept lists, whole code systems
 * (content `complete`), other value sets, and filters `is-a`, `descendent-of`, `=`, `in` over a code
 * system's hierarchy or properties. Anything else yields `undefined`: the caller reports the binding as
 * "not checked" rather than guessing.
 */
import type { DefinitionIndex, FhirResource } from '../packages/types.js';
import { CURATED_VALUE_SETS } from './curated-valuesets.js';

export interface Expansion {
  /** `system|code` pairs. */
  pairs: Set<string>;
  /** Codes alone (for `code` elements that carry no system). */
  codes: Set<string>;
  /** system → codes, for Coding lookups without building strings. */
  bySystem: Map<string, Set<string>>;
}

/** The pairs of a value set before the lookup tables are built. */
type Pairs = Set<string>;

function finish(pairs: Pairs): Expansion {
  const codes = new Set<string>();
  const bySystem = new Map<string, Set<string>>();
  for (const p of pairs) {
    const bar = p.lastIndexOf('|');
    const system = p.slice(0, bar);
    const code = p.slice(bar + 1);
    codes.add(code);
    let set = bySystem.get(system);
    if (!set) bySystem.set(system, (set = new Set()));
    set.add(code);
  }
  return { pairs, codes, bySystem };
}

interface Concept {
  code?: string;
  concept?: Concept[];
  property?: { code?: string; valueCode?: string; valueString?: string; valueBoolean?: boolean; valueCoding?: { code?: string } }[];
}

interface Include {
  system?: string;
  concept?: { code?: string }[];
  filter?: { property?: string; op?: string; value?: string }[];
  valueSet?: string[];
}

const stripVersion = (url: string) => url.split('|')[0];

function flatten(concepts: Concept[] | undefined, out: Concept[], parents: Map<string, string[]>, parent?: string): void {
  const stack: { list: Concept[]; parent?: string }[] = [{ list: concepts ?? [], parent }];
  while (stack.length > 0) {
    const { list, parent: p } = stack.pop()!;
    for (const c of list) {
      if (typeof c.code !== 'string') continue;
      out.push(c);
      const ps = parents.get(c.code) ?? [];
      if (p) ps.push(p);
      for (const prop of c.property ?? []) {
        if ((prop.code === 'subsumedBy' || prop.code === 'parent') && prop.valueCode) ps.push(prop.valueCode);
      }
      parents.set(c.code, ps);
      if (c.concept) stack.push({ list: c.concept, parent: c.code });
    }
  }
}

interface CodeSystemView {
  concepts: Concept[];
  parents: Map<string, string[]>;
}

function codeSystemView(cs: FhirResource): CodeSystemView | undefined {
  if (cs.content !== 'complete') return undefined;
  const concepts: Concept[] = [];
  const parents = new Map<string, string[]>();
  flatten(cs.concept as Concept[] | undefined, concepts, parents);
  return { concepts, parents };
}

/**
 * The codes below `ancestor` (reached from it by one child link or more): one walk down from the
 * ancestor, instead of one walk up from each of the code system's codes (v3-ActCode has 1,300).
 */
function descendants(view: CodeSystemView, ancestor: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const [code, parents] of view.parents) {
    for (const p of parents) {
      const list = children.get(p);
      if (list) list.push(code);
      else children.set(p, [code]);
    }
  }
  const found = new Set<string>();
  const stack = [ancestor];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      stack.push(child);
    }
  }
  return found;
}

function propertyValue(c: Concept, name: string): string[] {
  return (c.property ?? [])
    .filter((p) => p.code === name)
    .map((p) => p.valueCode ?? p.valueString ?? p.valueCoding?.code ?? (p.valueBoolean === undefined ? undefined : String(p.valueBoolean)))
    .filter((v): v is string => typeof v === 'string');
}

function applyFilter(view: CodeSystemView, codes: string[], f: NonNullable<Include['filter']>[number]): string[] | undefined {
  const value = f.value ?? '';
  if (f.property === 'concept' && (f.op === 'is-a' || f.op === 'descendent-of')) {
    const below = descendants(view, value);
    return codes.filter((c) => (f.op === 'is-a' && c === value) || below.has(c));
  }
  if (f.property === 'concept' && f.op === 'in') {
    const allowed = new Set(value.split(',').map((s) => s.trim()));
    return codes.filter((c) => allowed.has(c));
  }
  if (f.op === '=' && f.property) {
    const byCode = new Map(view.concepts.map((c) => [c.code as string, c]));
    return codes.filter((c) => propertyValue(byCode.get(c) ?? {}, f.property as string).includes(value));
  }
  return undefined;
}

type Expander = (url: string) => Expansion | undefined;

function includeCodes(index: DefinitionIndex, inc: Include, expand: Expander): Pairs | undefined {
  const out: Pairs = new Set();
  let restrict: Pairs | undefined;
  for (const vsUrl of inc.valueSet ?? []) {
    const sub = expand(vsUrl);
    if (!sub) return undefined;
    restrict = restrict ? new Set([...restrict].filter((p) => sub.pairs.has(p))) : sub.pairs;
  }
  if (!inc.system) {
    for (const p of restrict ?? []) out.add(p);
    return out;
  }
  const system = inc.system;
  let codes: string[];
  if (inc.concept && inc.concept.length > 0 && !inc.filter?.length) {
    codes = inc.concept.map((c) => c.code).filter((c): c is string => typeof c === 'string');
  } else {
    const cs = index.codeSystem(system);
    const view = cs ? codeSystemView(cs) : undefined;
    if (!view) return undefined;
    codes = view.concepts.map((c) => c.code as string);
    for (const f of inc.filter ?? []) {
      const filtered = applyFilter(view, codes, f);
      if (!filtered) return undefined;
      codes = filtered;
    }
    if (inc.concept && inc.concept.length > 0) {
      const listed = new Set(inc.concept.map((c) => c.code));
      codes = codes.filter((c) => listed.has(c));
    }
  }
  for (const code of codes) {
    const pair = `${system}|${code}`;
    if (!restrict || restrict.has(pair)) out.add(pair);
  }
  return out;
}

function fromExpansion(vs: FhirResource): Pairs | undefined {
  const contains = (vs.expansion as { contains?: unknown[] } | undefined)?.contains;
  if (!Array.isArray(contains)) return undefined;
  const out: Pairs = new Set();
  const stack = [...contains] as { system?: string; code?: string; contains?: unknown[] }[];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c.system && c.code) out.add(`${c.system}|${c.code}`);
    if (Array.isArray(c.contains)) for (const child of c.contains as typeof stack) stack.push(child);
  }
  return out;
}

/**
 * Expands `url` (with or without `|version`). `memo` caches results per index (undefined entries
 * mean "cannot be expanded"); `visiting` breaks include cycles.
 */
export function expandValueSet(
  index: DefinitionIndex,
  url: string,
  memo: Map<string, Expansion | undefined>,
  visiting: Set<string> = new Set(),
): Expansion | undefined {
  const key = stripVersion(url);
  if (memo.has(key)) return memo.get(key);
  if (visiting.has(key)) return undefined;
  visiting.add(key);
  const result = computeExpansion(index, key, memo, visiting);
  visiting.delete(key);
  memo.set(key, result);
  return result;
}

function computeExpansion(
  index: DefinitionIndex,
  url: string,
  memo: Map<string, Expansion | undefined>,
  visiting: Set<string>,
): Expansion | undefined {
  const curated = CURATED_VALUE_SETS.find((v) => v.url === url);
  if (curated) return finish(new Set(curated.concepts.map((c) => `${c.system}|${c.code}`)));
  const vs = index.valueSet(url);
  if (!vs) return undefined;
  const expanded = fromExpansion(vs);
  if (expanded) return finish(expanded);
  const compose = vs.compose as { include?: Include[]; exclude?: Include[] } | undefined;
  if (!compose?.include?.length) return undefined;
  const expand: Expander = (u) => expandValueSet(index, u, memo, visiting);
  const out: Pairs = new Set();
  for (const inc of compose.include) {
    const part = includeCodes(index, inc, expand);
    if (!part) return undefined;
    for (const p of part) out.add(p);
  }
  for (const exc of compose.exclude ?? []) {
    const part = includeCodes(index, exc, expand);
    if (!part) return undefined;
    for (const p of part) out.delete(p);
  }
  return finish(out);
}
