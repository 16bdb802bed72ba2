/**
 * Native versions of the hot base invariants (R4 Element, Extension, DomainResource, Reference,
 * Bundle, Narrative). They run on every element, so a FHIRPath evaluation each time would dominate the
 * run; dom-3 and txt-1/2 also use FHIRPath features the library does not evaluate correctly on R4
 * (`as()` on collections, `htmlChecks()`). Each returns true when the constraint holds.
 */
import { isObject, type JsonObject, type Scope } from './context.js';

export type NativeInvariant = (value: unknown, ext: unknown, scope: Scope) => boolean;

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const objects = (v: unknown): JsonObject[] => arr(v).filter(isObject);

function hasValueKey(o: JsonObject): boolean {
  for (const k of Object.keys(o)) {
    if (k.length > 5 && k.startsWith('value') && k.charCodeAt(5) >= 65 && k.charCodeAt(5) <= 90) return true;
  }
  return false;
}

/** ele-1: hasValue() or (children().count() > id.count()). */
function ele1(value: unknown, ext: unknown): boolean {
  if (isObject(value)) {
    // for…in with hasOwn: the same own keys as Object.keys, without allocating their array for every element
    for (const k in value) if (k !== 'id' && Object.hasOwn(value, k)) return true;
    return false;
  }
  if (value !== undefined && value !== null) return true;
  return isObject(ext) && Array.isArray(ext.extension) && ext.extension.length > 0;
}

/** ext-1: extension.exists() != value.exists(). */
function ext1(value: unknown): boolean {
  if (!isObject(value)) return true;
  const hasExtension = Array.isArray(value.extension) && value.extension.length > 0;
  return hasExtension !== hasValueKey(value);
}

/** Strings starting with `#` anywhere in a value (iterative). */
function localRefs(root: unknown): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.startsWith('#')) out.add(v);
    } else if (Array.isArray(v))
      for (const item of v) stack.push(item); // no push(...v): a huge array would overflow the stack
    else if (isObject(v)) for (const k of Object.keys(v)) stack.push(v[k]);
  }
  return out;
}

/** dom-3: every contained resource is referenced from the rest of the resource, or refers to it (`#`). */
function dom3(value: unknown): boolean {
  if (!isObject(value)) return true;
  const contained = objects(value.contained);
  if (contained.length === 0) return true;
  const refs = localRefs(value);
  return contained.every((c) => (typeof c.id === 'string' && refs.has(`#${c.id}`)) || localRefs(c).has('#'));
}

function metaOf(r: JsonObject): JsonObject {
  return isObject(r.meta) ? r.meta : {};
}

/** ref-1: a local reference points to a contained resource of the root resource. */
function ref1(value: unknown, _ext: unknown, scope: Scope): boolean {
  if (!isObject(value) || typeof value.reference !== 'string' || !value.reference.startsWith('#')) return true;
  if (value.reference === '#') return true;
  const id = value.reference.slice(1);
  return objects(scope.root.contained).some((c) => c.id === id);
}

const entries = (b: unknown): JsonObject[] => (isObject(b) ? objects(b.entry) : []);
const typeIs = (b: unknown, ...types: string[]) => isObject(b) && types.includes(b.type as string);

/** bdl-7: fullUrl + meta.versionId unique among entries (except history). */
function bdl7(b: unknown): boolean {
  if (typeIs(b, 'history')) return true;
  const seen = new Set<string>();
  for (const e of entries(b)) {
    if (typeof e.fullUrl !== 'string') continue;
    const version = isObject(e.resource) ? metaOf(e.resource).versionId : undefined;
    const key = `${e.fullUrl}\u0000${typeof version === 'string' ? version : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

function firstResourceIs(b: unknown, type: string): boolean {
  const first = entries(b)[0];
  return !!first && isObject(first.resource) && first.resource.resourceType === type;
}

/** A tiny linear scan of the narrative tags (txt-1): xhtml div root, no active content. */
const FORBIDDEN_TAGS = new Set([
  'script',
  'style',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'link',
  'meta',
  'head',
  'body',
  'html',
  'title',
]);

function txt1(value: unknown): boolean {
  if (typeof value !== 'string') return true;
  const first = value.indexOf('<');
  if (first < 0 || value.slice(0, first).trim() !== '') return false;
  let i = first;
  let isRoot = true;
  while (i >= 0 && i < value.length) {
    const end = value.indexOf('>', i);
    if (end < 0) return false;
    const tag = value.slice(i + 1, end);
    const name = /^\/?\s*([A-Za-z][A-Za-z0-9]*)/.exec(tag)?.[1]?.toLowerCase();
    if (isRoot) {
      if (name !== 'div' || !/xmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml["']/.test(tag)) return false;
      isRoot = false;
    }
    if (name && FORBIDDEN_TAGS.has(name)) return false;
    if (/\son[a-z]+\s*=/i.test(tag)) return false;
    i = value.indexOf('<', end);
  }
  return true;
}

/** txt-2: the narrative has some non-whitespace content (text or an image). */
function txt2(value: unknown): boolean {
  if (typeof value !== 'string') return true;
  if (/<img\b/i.test(value)) return true;
  let text = '';
  let inTag = false;
  for (let i = 0; i < value.length && text === ''; i++) {
    const c = value[i];
    if (c === '<') inTag = true;
    else if (c === '>') inTag = false;
    else if (!inTag && c.trim() !== '') text = c;
  }
  return text !== '';
}

export const NATIVE_INVARIANTS: Readonly<Record<string, NativeInvariant>> = {
  'ele-1': ele1,
  'ext-1': ext1,
  'dom-2': (v) => !isObject(v) || objects(v.contained).every((c) => c.contained === undefined),
  'dom-3': dom3,
  'dom-4': (v) =>
    !isObject(v) || objects(v.contained).every((c) => metaOf(c).versionId === undefined && metaOf(c).lastUpdated === undefined),
  'dom-5': (v) => !isObject(v) || objects(v.contained).every((c) => metaOf(c).security === undefined),
  // narrative of a contained resource belongs to its container
  'dom-6': (v, _e, scope) => scope.contained || !isObject(v) || (isObject(v.text) && v.text.div !== undefined),
  'ref-1': ref1,
  'bdl-1': (b) => !isObject(b) || b.total === undefined || typeIs(b, 'searchset', 'history'),
  'bdl-2': (b) => typeIs(b, 'searchset') || entries(b).every((e) => e.search === undefined),
  'bdl-3': (b) => {
    const needed = typeIs(b, 'batch', 'transaction', 'history');
    return entries(b).every((e) => (e.request !== undefined) === needed);
  },
  'bdl-4': (b) => {
    const needed = typeIs(b, 'batch-response', 'transaction-response', 'history');
    return entries(b).every((e) => (e.response !== undefined) === needed);
  },
  'bdl-5': (e) => !isObject(e) || e.resource !== undefined || e.request !== undefined || e.response !== undefined,
  'bdl-7': bdl7,
  'bdl-8': (e) => !isObject(e) || typeof e.fullUrl !== 'string' || !e.fullUrl.includes('/_history/'),
  'bdl-9': (b) => {
    if (!typeIs(b, 'document')) return true;
    const id = isObject(b) && isObject(b.identifier) ? b.identifier : {};
    return id.system !== undefined && id.value !== undefined;
  },
  'bdl-10': (b) => !typeIs(b, 'document') || (isObject(b) && b.timestamp !== undefined),
  'bdl-11': (b) => !typeIs(b, 'document') || firstResourceIs(b, 'Composition'),
  'bdl-12': (b) => !typeIs(b, 'message') || firstResourceIs(b, 'MessageHeader'),
  'txt-1': txt1,
  'txt-2': txt2,
};
