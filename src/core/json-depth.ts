/**
 * How deeply a parsed JSON value nests, measured without recursion. A FHIR resource nests a few dozen
 * levels at most (contained resources, extensions of extensions); a hostile answer of thousands of levels
 * would overflow the stack of every recursive reader after JSON.parse (JSON.stringify, the rules, the
 * reports). Readers refuse such a value once, with a clear message, before anything walks it.
 */

/** Far above any real FHIR resource, far below what overflows a recursive walk. */
export const MAX_JSON_DEPTH = 256;

/**
 * True when `value` nests deeper than `limit` objects / arrays (stops as soon as it knows). Two parallel
 * stacks and `for…in` rather than a tuple and an `Object.values` array per object: it runs on every
 * answer before anything else, and on a 10,000-slot answer the allocations were most of its time.
 */
export function nestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child: unknown = v[i];
        if (child !== null && typeof child === 'object') {
          values.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in v) {
      const child = v[key];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** The message of a value nested too deeply (fr / en). */
export function tooDeepMessage(limit: number = MAX_JSON_DEPTH): { fr: string; en: string } {
  return {
    fr: `JSON imbriqué sur plus de ${limit} niveaux : ce n'est pas une ressource FHIR (lecture arrêtée avant toute vérification)`,
    en: `JSON nested more than ${limit} levels deep: not a FHIR resource (reading stopped before any check)`,
  };
}
