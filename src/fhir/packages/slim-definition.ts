/**
 * StructureDefinitions reduced to what validation reads, when a package is read: the documentation
 * (narrative, descriptions, element short / definition / comment / requirements / alias / mappings,
 * the differential) is about 70 % of a base R4 definition's bytes and nothing in sas-recette reads it.
 * Smaller definitions are read and parsed faster at every start (the definitions cache stores them
 * this way). Everything else is kept as written.
 *
 * CodeSystems likewise lose their narrative and the definitions and designations of their concepts
 * (codes, displays, properties and the hierarchy stay: value-set expansion reads them): a whole code
 * system is parsed when a binding to a value set filtering it is first checked (v3-ActCode, about half
 * of it being concept definitions, for `v3-ActEncounterCode`).
 */

/** Top-level fields of a StructureDefinition that only document it. */
const DOC_TOP = new Set([
  'text',
  'description',
  'purpose',
  'copyright',
  'contact',
  'mapping',
  'differential',
  'keyword',
  'useContext',
  'jurisdiction',
]);

/** ElementDefinition fields that only document the element. */
const DOC_ELEMENT = new Set([
  'short',
  'definition',
  'comment',
  'requirements',
  'alias',
  'mapping',
  'example',
  'meaningWhenMissing',
  'orderMeaning',
  'isModifierReason',
]);

/** ElementDefinition.constraint fields that only document it (xpath is the XML form of the expression). */
const DOC_CONSTRAINT = new Set(['requirements', 'xpath', 'source']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function without(o: Json, drop: ReadonlySet<string>): Json {
  const out: Json = {};
  for (const k of Object.keys(o)) if (!drop.has(k)) out[k] = o[k];
  return out;
}

function slimElement(e: unknown): unknown {
  if (!isObject(e)) return e;
  const out = without(e, DOC_ELEMENT);
  if (Array.isArray(out.constraint)) out.constraint = out.constraint.map((c) => (isObject(c) ? without(c, DOC_CONSTRAINT) : c));
  if (isObject(out.binding) && 'description' in out.binding) out.binding = without(out.binding, new Set(['description']));
  return out;
}

/** Top-level fields of a CodeSystem that only document it. */
const DOC_CODE_SYSTEM = new Set(['text', 'description', 'purpose', 'copyright', 'contact', 'useContext', 'jurisdiction']);

/** Concept fields that only document the concept. */
const DOC_CONCEPT = new Set(['definition', 'designation']);

/** Concepts without their documentation, nested ones included (iterative: a deep hierarchy cannot exhaust the stack). */
function slimConcepts(concepts: unknown[]): unknown[] {
  const top: unknown[] = [];
  const stack: { from: unknown[]; to: unknown[] }[] = [{ from: concepts, to: top }];
  while (stack.length > 0) {
    const { from, to } = stack.pop()!;
    for (const c of from) {
      if (!isObject(c)) {
        to.push(c);
        continue;
      }
      const out = without(c, DOC_CONCEPT);
      if (Array.isArray(out.concept)) {
        const nested: unknown[] = [];
        stack.push({ from: out.concept, to: nested });
        out.concept = nested;
      }
      to.push(out);
    }
  }
  return top;
}

function slimCodeSystem(resource: Json): Json {
  const out = without(resource, DOC_CODE_SYSTEM);
  if (Array.isArray(out.concept)) out.concept = slimConcepts(out.concept);
  return out;
}

/** True for the resources slimDefinition reduces (the others are stored as they are). */
export function isSlimmed(resourceType: unknown): boolean {
  return resourceType === 'StructureDefinition' || resourceType === 'CodeSystem';
}

/** The StructureDefinition or CodeSystem without its documentation; any other resource (or odd shape) unchanged. */
export function slimDefinition(resource: Json): Json {
  if (resource.resourceType === 'CodeSystem') return slimCodeSystem(resource);
  if (resource.resourceType !== 'StructureDefinition') return resource;
  const out = without(resource, DOC_TOP);
  if (isObject(out.snapshot) && Array.isArray(out.snapshot.element)) {
    out.snapshot = { ...out.snapshot, element: out.snapshot.element.map(slimElement) };
  }
  return out;
}
