/**
 * Reporter contract (Vitest-style): reporters only read the run result; none computes a verdict.
 * A name → factory map (src/report/index.ts) registers them: console, json, junit, html.
 */
import type { Lang } from '../core/findings.js';
import type { CaseResult, RunResult } from '../core/model.js';

export interface ReporterOptions {
  /** Output folder (default reports/). */
  outDir: string;
  lang: Lang;
  /** Per-format output path overrides (e.g. { html: 'reports/pv.html' }). */
  paths?: Partial<Record<string, string>>;
}

export interface Reporter {
  readonly name: string;
  /** Progress only (console). */
  onCaseEnd?(c: CaseResult): void | Promise<void>;
  /** Writes the artefact; returns the files written. */
  onRunEnd(run: RunResult): Promise<string[]> | string[];
}

export type ReporterFactory = (options: ReporterOptions) => Reporter;
