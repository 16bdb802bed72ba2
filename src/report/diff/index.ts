/**
 * The diff of two runs for its three outputs and its other users (`rejudge`, `campaign`): compareRuns
 * builds the RunDiff, diffText / diffJson / diffHtml render it.
 */
export { compareRuns } from './compare-runs.js';
export { diffText, type DiffColors, type DiffTextOptions } from './text.js';
export { diffJson } from './json.js';
export { diffHtml } from './html.js';
export type { CaseChange, CaseDiff, FindingRef, Percentiles, RunDiff, RunRef } from './types.js';
