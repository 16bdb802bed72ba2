/**
 * `--format json`: the RunDiff object itself, two-space indented with a final newline, so a pipeline
 * reads exactly what the console and the HTML page were drawn from (JSON.stringify escapes every control
 * character; nothing else needs escaping in JSON).
 */
import type { RunDiff } from './types.js';

export function diffJson(d: RunDiff): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}
