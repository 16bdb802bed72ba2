/**
 * What changed between two runs of the cahier (`sas-recette diff OLD NEW`), as every renderer (console,
 * JSON, HTML) and every other user of a comparison (`rejudge`, `campaign`) reads it. Built by
 * compareRuns (compare-runs.ts); no renderer computes a change.
 */
import type { Message, Severity } from '../../core/findings.js';
import type { RunSummary, Verdict } from '../../core/model.js';

/** One run of the comparison, as its run.json names it. */
export interface RunRef {
  runId: string;
  startedAt: string;
  /** sas-recette version that made it. */
  tool: string;
  /** 'id#version' of the IG, or null when none was loaded. */
  ig: string | null;
  cahierSha256: string;
  jddSha256: string;
  baseUrl: string;
  overall: RunSummary['overall'];
  /** The file it was read from, when read from a file. */
  file?: string;
}

/** A finding named the way two runs can be matched: by rule id and location. */
export interface FindingRef {
  ruleId: string;
  location: string;
  severity: Severity;
  message: Message;
}

export type CaseChange = 'regression' | 'fixed' | 'changed' | 'same' | 'added' | 'removed';

export interface CaseDiff {
  id: string;
  title: Message;
  /**
   * regression: judged passed (or not judged: skipped / not-applicable) before, failed or error now;
   * fixed: failed or error before, passed now; changed: same verdict but findings differ, or another
   * verdict change; same: same verdict and the same findings; added / removed: in one run only.
   */
  change: CaseChange;
  oldVerdict?: Verdict;
  newVerdict?: Verdict;
  findings: {
    /** In the new run only. */
    added: FindingRef[];
    /** In the old run only. */
    removed: FindingRef[];
    /** Same rule id and location, another severity. */
    severityChanged: { ruleId: string; location: string; old: Severity; new: Severity }[];
  };
}

export interface Percentiles {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RunDiff {
  old: RunRef;
  new: RunRef;
  /** What makes the two runs not strictly comparable (another cahier, IG, tool version, base URL), said first. */
  caveats: Message[];
  /** Every case of either run: the new run's order, then the removed ones. */
  cases: CaseDiff[];
  /** Case ids, by change. */
  regressions: string[];
  fixed: string[];
  added: string[];
  removed: string[];
  /** Latency side by side: one row per latency series label, plus 'all requests' over every recorded exchange. */
  latency: {
    label: string;
    old?: Percentiles;
    new?: Percentiles;
    /** True on the row over every recorded exchange (label 'all requests'), so no series label can pass for it. */
    allRequests?: true;
  }[];
  overall: { old: RunSummary['overall']; new: RunSummary['overall'] };
}
