/**
 * The bounded slice of the fuzz run in the test suite: ~200 generated and mutated bodies, fixed seed,
 * through `validate` and the judge of a search case in-process, 20 of them also over real HTTP; arrays
 * and nesting stay under 3,000 here.
 * The long run is `npm run fuzz` (test/fuzz/run.fuzz.ts). A crash fails this test with its
 * signature; the shrunk body is saved under reports/fuzz/.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOL_ROOT } from '../../src/core/version.js';
import { runFuzz, summaryLine } from './property.js';

describe('fuzz slice: generated and mutated bodies', () => {
  it('validate and the judge hold on 200 bodies (seed 1212)', async () => {
    const summary = await runFuzz({
      seed: 1212,
      runs: 200,
      httpRuns: 20,
      outDir: join(TOOL_ROOT, 'reports', 'fuzz'),
      maxCrashes: 12,
      // Kept small so the slice stays fast; the long run (npm run fuzz) goes to 130,000 entries and 120,000 levels.
      limits: { maxArray: 3_000, maxDepth: 3_000 },
      shrinkMs: 10_000,
    });
    console.log(summaryLine(summary));
    expect(summary.crashes.map((c) => `${c.signature} ← ${c.shape}`)).toEqual([]);
    expect(summary.bodies).toBe(200);
  }, 120_000);
});
