/**
 * The comparison of a re-judged run with its original, written beside the new run's reports:
 * `diff.json` (the RunDiff, src/report/diff/types.ts) and `diff.html` (its page), both rendered by the
 * diff's own renderers so `rejudge` and `diff` show a change the same way.
 */
import { join } from 'node:path';
import type { Lang } from '../../core/findings.js';
import type { RunResult } from '../../core/model.js';
import { compareRuns, diffHtml, diffJson, type RunDiff } from '../../report/diff/index.js';
import { writeOutput } from '../../report/write-output.js';

export const DIFF_JSON = 'diff.json';
export const DIFF_HTML = 'diff.html';

/** The diff original → re-judged; `files` names the two run.json files in it. */
export function rejudgeDiff(original: RunResult, rejudged: RunResult, files: { old: string; new: string }): RunDiff {
  return compareRuns(original, rejudged, files);
}

/** Writes diff.json and diff.html into `folder`; returns the files written. */
export async function writeRejudgeDiff(folder: string, diff: RunDiff, lang: Lang): Promise<string[]> {
  const json = join(folder, DIFF_JSON);
  const html = join(folder, DIFF_HTML);
  await writeOutput(json, diffJson(diff));
  await writeOutput(html, diffHtml(diff, lang));
  return [json, html];
}
