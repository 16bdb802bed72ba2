/**
 * `fixed[x]` (exact equality) and `pattern[x]` (the value contains the pattern) comparisons on JSON
 * values. Iterative, so deep values cannot exhaust the stack.
 */

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  // most comparisons are of primitives (a fixed code, uri…): decided without allocating the stack
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], y[i]]);
      continue;
    }
    if (isPlainObject(x) && isPlainObject(y)) {
      const kx = Object.keys(x);
      if (kx.length !== Object.keys(y).length) return false;
      for (const k of kx) {
        if (!(k in y)) return false;
        stack.push([x[k], y[k]]);
      }
      continue;
    }
    return false;
  }
  return true;
}

/**
 * FHIR pattern semantics: every property of the pattern is present with a matching value; each item
 * of a pattern array matches some item of the value array; primitives are equal.
 */
export function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) return false;
    return pattern.every((p) => value.some((v) => matchesPattern(v, p)));
  }
  if (isPlainObject(pattern)) {
    if (!isPlainObject(value)) return false;
    return Object.keys(pattern).every((k) => k in value && matchesPattern(value[k], pattern[k]));
  }
  return value === pattern;
}
