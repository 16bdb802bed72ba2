/**
 * Reporter contract (Vitest-style): reporters only read the run result; none computes a verdict.
 * A name → factory map (src/report/index.ts) registers them: console, json, junit, html.
 */
import type { Lang, Message } from '../core/findings.js';
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
  /** A case starting, then still running, about every second (console; src/run/execute.ts). */
  onProgress?(p: CaseProgressEvent): void;
  /** Writes the artefact; returns the files written. */
  onRunEnd(run: RunResult): Promise<string[]> | string[];
}

/** A case still running: its place in the plan, for how long, what its kind says it does. */
export interface CaseProgressEvent {
  caseId: string;
  index: number;
  total: number;
  elapsedMs: number;
  detail?: Message;
}

export type ReporterFactory = (options: ReporterOptions) => Reporter;
