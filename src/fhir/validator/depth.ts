/**
 * The walker's nesting limit: absurdly deep input is refused with one fatal finding, measured without
 * recursion (core/json-depth.ts), before the (recursive) walk could exhaust the stack.
 */
import { nestsDeeperThan } from '../../core/json-depth.js';

/** Deepest nesting the walker accepts (objects + arrays); real FHIR documents stay far below. */
export const MAX_DEPTH = 128;

/** True when `value` nests deeper than `limit` levels (stops as soon as it knows). */
export function exceedsDepth(value: unknown, limit = MAX_DEPTH): boolean {
  return nestsDeeperThan(value, limit);
}
