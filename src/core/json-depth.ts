/**
 * How deeply a parsed JSON value nests, measured without recursion. A FHIR resource nests a few dozen
 * levels at most (contained resources, extensions of extensions); a hostile answer of thousands of levels
 * would overflow the stack of every recursive reader after JSON.parse (JSON.stringify, the rules, the
 * reports). Readers refuse such a value once, with a clear message, before anything walks it.
 */

/** Far above any real FHIR resource, far below what overflows a recursive walk. */
export const MAX_JSON_DEPTH = 256;

/** True when `value` nests deeper than `limit` objects / arrays (stops as soon as it knows). */
export function nestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
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
