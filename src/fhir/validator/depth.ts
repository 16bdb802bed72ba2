/**
 * Iterative measure of JSON nesting, run before the (recursive) walk so that absurdly deep input is
 * refused with one fatal finding instead of exhausting the stack.
 */

/** Deepest nesting the walker accepts (objects + arrays); real FHIR documents stay far below. */
export const MAX_DEPTH = 128;

/** True when `value` nests deeper than `limit` levels (stops as soon as it knows). */
export function exceedsDepth(value: unknown, limit = MAX_DEPTH): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > limit) return true;
    if (Array.isArray(v)) {
      for (const item of v) {
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in v) {
        const item = (v as Record<string, unknown>)[key];
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
