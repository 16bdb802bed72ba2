/**
 * The fuzz bodies (fast-check arbitraries). A body is generated as a small description — which seed
 * answer of the reference editor, which mutations at which places — and realised into text by
 * `realise`, so that fast-check shrinks the description (fewer mutations, shallower nesting, shorter
 * arrays) rather than megabytes of text. Mutations: fields dropped or given a wrong JSON type, odd
 * Unicode (lone surrogates, bidi controls, NUL, BOM, escapes), raw number tokens JSON.parse turns
 * into Infinity / -0 / 0, duplicate keys written into the text, deep nesting, huge arrays and strings,
 * truncation and byte-level damage of the text; beside them, bodies from fc.json() / fc.anything().
 */
import fc from 'fast-check';

/** Strings that have broken text tools before: bidi, NUL, lone surrogates, BOM, separators, markup. */
export const ODD_TEXT = [
  '\u202E',
  '\u2066evil\u2069',
  '\u200F',
  '\u061C',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  'a\uDC00b',
  '\uFFFF',
  '\uFFFE',
  '\u{1F600}',
  'e\u0301\u0301\u0301',
  '\u2028',
  '\u2029',
  'İı',
  'ß',
  '１２３',
  '٣٤٥',
  '\r\n',
  '\u001b[31m',
  '\u0085',
  '\u00A0',
  '<script>alert(1)</script>',
  ']]>',
  ']\u0000]>',
  '"\\',
  '{{x}}',
  '${x}',
  '%s%n',
  '../../etc/passwd',
  'Bundle.entry[0]',
] as const;

/** Number tokens JSON.parse reads as Infinity, -Infinity, -0, 0 or a rounded value. */
export const RAW_NUMBERS = [
  '1e999999',
  '-1e999999',
  '-0',
  '1e-400',
  '-0.0e0',
  '123456789012345678901234567890',
  '0.1e-9999',
  '1E+308',
  '9007199254740993',
] as const;

/** Values of the wrong JSON type for whatever field they replace. */
const wrongValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    0,
    -1,
    1.5,
    true,
    false,
    '',
    ' ',
    'x',
    [],
    {},
    [null],
    [[]],
    { resourceType: 'Bundle' },
    'Bundle',
    '2026-13-45T99:99:99',
    'urn:oid:',
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

export type ValueMutation =
  | { op: 'delete'; pick: number }
  | { op: 'replace'; pick: number; value: unknown }
  | { op: 'odd-text'; pick: number; text: string; escaped: boolean }
  | { op: 'raw-number'; pick: number; token: string }
  | { op: 'duplicate-key'; pick: number; value: unknown; first: boolean }
  | { op: 'nest'; pick: number; depth: number; brackets: boolean }
  | { op: 'huge-array'; pick: number; count: number; item: unknown; entries: boolean }
  | { op: 'huge-string'; pick: number; length: number; text: string };

export type TextMutation =
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'cut'; at: number; length: number }
  | { op: 'bom' }
  | { op: 'trailing'; text: string };

export type BodySpec =
  | { kind: 'mutated'; seed: number; values: ValueMutation[]; texts: TextMutation[] }
  | { kind: 'json'; text: string }
  | { kind: 'anything'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'bundle-shaped'; value: Record<string, unknown> };

const pick = fc.nat();
/** How large the bodies may get: the long run goes to 130,000 entries, the test-suite slice stays small. */
export interface BodyLimits {
  maxArray: number;
  maxDepth: number;
}
export const FULL_LIMITS: BodyLimits = { maxArray: 130_000, maxDepth: 120_000 };

/** Mostly small, sometimes up to a tenth of the limit, rarely (1 in 200) close to it: deep nesting, long arrays. */
function sized(limit: number, small: number): fc.Arbitrary<number> {
  const mid = Math.max(small + 1, Math.floor(limit / 10));
  return fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: Math.min(small, limit) }), weight: 140 },
    { arbitrary: fc.integer({ min: Math.min(small, limit), max: Math.min(mid, limit) }), weight: 59 },
    { arbitrary: fc.integer({ min: Math.min(Math.floor(limit * 0.75), limit), max: limit }), weight: 1 },
  );
}
const smallItem = fc.constantFrom<unknown>(
  {},
  null,
  1,
  'x',
  [],
  { resource: { resourceType: 'Slot' } },
  { fullUrl: 'urn:uuid:x', resource: { resourceType: 'Practitioner', id: 'p' } },
  { relation: 'self', url: 'x' },
);
const oddText = fc.oneof(
  { arbitrary: fc.constantFrom(...ODD_TEXT), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
);

function valueMutation(limits: BodyLimits): fc.Arbitrary<ValueMutation> {
  const depth = sized(limits.maxDepth, 64).map((n) => Math.max(1, n));
  const count = sized(limits.maxArray, 300);
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('delete' as const), pick }), weight: 4 },
    { arbitrary: fc.record({ op: fc.constant('replace' as const), pick, value: wrongValue }), weight: 6 },
    { arbitrary: fc.record({ op: fc.constant('odd-text' as const), pick, text: oddText, escaped: fc.boolean() }), weight: 4 },
    { arbitrary: fc.record({ op: fc.constant('raw-number' as const), pick, token: fc.constantFrom(...RAW_NUMBERS) }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('duplicate-key' as const), pick, value: wrongValue, first: fc.boolean() }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('nest' as const), pick, depth, brackets: fc.boolean() }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('huge-array' as const), pick, count, item: smallItem, entries: fc.boolean() }), weight: 2 },
    {
      arbitrary: fc.record({
        op: fc.constant('huge-string' as const),
        pick,
        length: fc.integer({ min: 1_000, max: 2_000_000 }),
        text: oddText,
      }),
      weight: 1,
    },
  );
}

/** Offsets are fractions of the text (in millionths), so they stay meaningful whatever its length. */
const at = fc.integer({ min: 0, max: 1_000_000 });
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at }), weight: 4 },
  {
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at,
      text: fc.oneof(oddText, fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '/*', 'NaN', 'undefined', "'")),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ op: fc.constant('cut' as const), at, length: fc.integer({ min: 1, max: 200 }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('bom' as const) }), weight: 1 },
  {
    arbitrary: fc.record({ op: fc.constant('trailing' as const), text: fc.constantFrom('\n', ' garbage', '{}', ']', '\u0000', '<html>') }),
    weight: 1,
  },
);

/** Every body the fuzz run feeds the tool. `seeds`: how many seed answers there are. */
export function bodySpec(seeds: number, limits: BodyLimits = FULL_LIMITS): fc.Arbitrary<BodySpec> {
  return fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('mutated' as const),
        seed: fc.integer({ min: 0, max: seeds - 1 }),
        values: fc.array(valueMutation(limits), { minLength: 0, maxLength: 4 }),
        texts: fc.oneof(
          { arbitrary: fc.constant([] as TextMutation[]), weight: 3 },
          { arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 2 }), weight: 1 },
        ),
      }),
      weight: 12,
    },
    { arbitrary: fc.record({ kind: fc.constant('json' as const), text: fc.json({ maxDepth: 6 }) }), weight: 1 },
    {
      arbitrary: fc.record({
        kind: fc.constant('anything' as const),
        value: fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true }),
      }),
      weight: 1,
    },
    { arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.string({ unit: 'binary', maxLength: 200 }) }), weight: 1 },
    {
      arbitrary: fc.record({
        kind: fc.constant('bundle-shaped' as const),
        value: fc.record(
          {
            resourceType: fc.constantFrom<unknown>('Bundle', 'Slot', 'OperationOutcome', 'Patient', '', 7, null, 'bundle', 'Bundle\u0000'),
            type: fc.constantFrom<unknown>('searchset', 'batch-response', 'collection', 1, null, ['searchset']),
            total: fc.oneof(fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 1 })),
            link: fc.jsonValue({ maxDepth: 3 }),
            entry: fc.array(
              fc.oneof(
                fc.jsonValue({ maxDepth: 4 }),
                fc.record({
                  fullUrl: fc.jsonValue({ maxDepth: 1 }),
                  resource: fc.dictionary(
                    fc.constantFrom('resourceType', 'id', 'meta', 'start', 'end', 'status', 'schedule', 'identifier', 'name'),
                    fc.jsonValue({ maxDepth: 3 }),
                  ),
                }),
              ),
              { maxLength: 20 },
            ),
          },
          { requiredKeys: ['resourceType'] },
        ),
      }),
      weight: 2,
    },
  );
}

/** A response status and media type: mostly the seed's own, sometimes another. */
export const statusArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  { arbitrary: fc.constantFrom(200, 201, 204, 302, 400, 401, 404, 500, 503), weight: 1 },
);
export const mediaTypeArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      'application/json',
      'application/fhir+json; charset=utf-8',
      'text/html',
      'text/plain',
      'application/xml',
      'application/fhir+json; fhirVersion=4.0',
      '',
    ),
    weight: 1,
  },
);

// ---- realising a description into text ----

const RAW = /"@@fuzzraw-(\d+)@@"/g;

type Node = { parent: Record<string, unknown> | unknown[] | null; key: string | number; value: unknown };

/** Every node of the value, depth first (the root first); bounded so a huge value stays cheap to walk. */
function nodes(root: unknown, limit = 20_000): Node[] {
  const out: Node[] = [{ parent: null, key: '', value: root }];
  for (let i = 0; i < out.length && out.length < limit; i++) {
    const v = out[i].value;
    if (Array.isArray(v)) v.forEach((c, k) => out.push({ parent: v, key: k, value: c }));
    else if (v && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) out.push({ parent: v as Record<string, unknown>, key: k, value: c });
  }
  return out;
}

function put(n: Node, value: unknown): { root?: unknown } {
  if (n.parent === null) return { root: value };
  (n.parent as Record<string | number, unknown>)[n.key] = value;
  return {};
}

function stringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return 'null';
  }
}

/** Escapes every non-ASCII and control character as \uXXXX (lone surrogates included). */
function escapeAll(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c ? `\\u${c.toString(16).padStart(4, '0')}` : s[i];
  }
  return out;
}

/** Applies the value mutations to a copy of the seed; mutations that need raw text leave a placeholder. */
function mutate(seed: unknown, mutations: readonly ValueMutation[]): { value: unknown; raws: string[] } {
  let root = structuredClone(seed);
  const raws: string[] = [];
  const raw = (text: string) => `@@fuzzraw-${raws.push(text) - 1}@@`;
  for (const m of mutations) {
    const all = nodes(root);
    const n = all[m.pick % all.length];
    let replacement: unknown;
    switch (m.op) {
      case 'delete':
        if (n.parent === null) continue;
        if (Array.isArray(n.parent)) n.parent.splice(n.key as number, 1);
        else delete n.parent[n.key as string];
        continue;
      case 'replace':
        replacement = structuredClone(m.value);
        break;
      case 'odd-text': {
        const base = typeof n.value === 'string' ? n.value : '';
        const half = Math.floor(base.length / 2);
        const s = base.slice(0, half) + m.text + base.slice(half);
        replacement = m.escaped ? raw(`"${escapeAll(s)}"`) : s;
        break;
      }
      case 'raw-number':
        replacement = raw(m.token);
        break;
      case 'duplicate-key': {
        const obj =
          n.value && typeof n.value === 'object' && !Array.isArray(n.value)
            ? (n.value as Record<string, unknown>)
            : { resourceType: 'Bundle' };
        const keys = Object.keys(obj);
        const key = keys.length > 0 ? keys[m.pick % keys.length] : 'resourceType';
        const inner = stringify(obj).slice(1, -1);
        const dup = `${JSON.stringify(key)}:${stringify(m.value)}`;
        replacement = raw(`{${m.first ? `${dup}${inner ? ',' : ''}${inner}` : `${inner}${inner ? ',' : ''}${dup}`}}`);
        break;
      }
      case 'nest': {
        const open = m.brackets ? '[' : '{"a":';
        const close = m.brackets ? ']' : '}';
        replacement = raw(open.repeat(m.depth) + stringify(n.value) + close.repeat(m.depth));
        break;
      }
      case 'huge-array': {
        // Half the time Bundle.entry itself: the 100,000-entry answer of issue #12.
        if (m.entries && root && typeof root === 'object' && !Array.isArray(root)) {
          const entries = (root as Record<string, unknown>).entry;
          // A real entry when the answer stays under ~16 MB (the HTTP cap is 20 MB), a tiny one otherwise.
          const real = Array.isArray(entries) && entries.length > 0 ? stringify(entries[0]) : '';
          const first = real !== '' && real.length * m.count <= 16_000_000 ? (entries as unknown[])[0] : m.item;
          (root as Record<string, unknown>).entry = raw(`[${Array(m.count).fill(stringify(first)).join(',')}]`);
          continue;
        }
        // A placeholder may stand for a huge raw text: repeat only items known to be small.
        const first = Array.isArray(n.value) && n.value.length > 0 ? n.value[0] : undefined;
        const item = first !== undefined && !stringify(first).includes('@@fuzzraw-') && stringify(first).length <= 256 ? first : m.item;
        replacement = raw(`[${Array(m.count).fill(stringify(item)).join(',')}]`);
        break;
      }
      case 'huge-string':
        replacement = m.text.repeat(Math.ceil(m.length / Math.max(1, m.text.length))).slice(0, m.length);
        break;
    }
    const r = put(n, replacement);
    if ('root' in r) root = r.root;
  }
  return { value: root, raws };
}

/**
 * A body is never larger than this: nested huge arrays of huge strings could otherwise multiply past what a
 * JavaScript string can hold (the endpoint's own body cap is 20 MB; 64 M characters is well past it).
 */
const MAX_BODY_CHARS = 64 * 1024 * 1024;

/** The placeholders replaced by their raw text (nested placeholders included), within MAX_BODY_CHARS. */
function serialise(value: unknown, raws: readonly string[]): string {
  let text = stringify(value);
  for (let round = 0; round <= raws.length && RAW.test(text); round++) {
    RAW.lastIndex = 0;
    let grown = text.length;
    for (const m of text.matchAll(RAW)) grown += (raws[Number(m[1])] ?? 'null').length - m[0].length;
    RAW.lastIndex = 0;
    if (grown > MAX_BODY_CHARS) break; // the placeholders left are plain JSON strings: still a body to judge
    text = text.replace(RAW, (_m, i: string) => raws[Number(i)] ?? 'null');
  }
  return text;
}

function applyText(text: string, m: TextMutation): string {
  const pos = (f: number) => Math.floor((text.length * f) / 1_000_000);
  switch (m.op) {
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'insert':
      return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at));
    case 'cut':
      return text.slice(0, pos(m.at)) + text.slice(pos(m.at) + m.length);
    case 'bom':
      return `\uFEFF${text}`;
    case 'trailing':
      return text + m.text;
  }
}

/** The text of a body description. */
export function realise(spec: BodySpec, seeds: readonly Record<string, unknown>[]): string {
  switch (spec.kind) {
    case 'mutated': {
      const { value, raws } = mutate(seeds[spec.seed % seeds.length], spec.values);
      return spec.texts.reduce(applyText, serialise(value, raws));
    }
    case 'json':
    case 'text':
      return spec.text;
    case 'anything':
      return stringify(spec.value);
    case 'bundle-shaped':
      return stringify(spec.value);
  }
}

/** A short description of a body for the reports: its kind and mutations, without the text. */
export function describe(spec: BodySpec): string {
  if (spec.kind !== 'mutated') return spec.kind;
  const v = spec.values.map((m) =>
    m.op === 'nest'
      ? `nest(${m.depth})`
      : m.op === 'huge-array'
        ? `huge-array(${m.count})`
        : m.op === 'raw-number'
          ? `raw-number(${m.token})`
          : m.op,
  );
  return `mutated seed ${spec.seed}: ${[...v, ...spec.texts.map((t) => t.op)].join(', ') || 'none'}`;
}
