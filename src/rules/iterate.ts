/** Small collection helpers the rules share: one node per path, first occurrence of a key. */
import type { Node } from './graph.js';

/** The nodes once each, by path, in order of first appearance (contained nodes are rebuilt per call). */
export function uniqueByPath(nodes: Node[]): Node[] {
  return [...new Map(nodes.map((n) => [n.path, n])).values()];
}

/**
 * Records `value` under `key` unless the key was seen; returns the value recorded first when it
 * was (a duplicate), undefined otherwise.
 */
export function firstSeen<K, V>(seen: Map<K, V>, key: K, value: V): V | undefined {
  if (seen.has(key)) return seen.get(key);
  seen.set(key, value);
  return undefined;
}
