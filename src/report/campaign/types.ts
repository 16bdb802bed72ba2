/**
 * The campaign tracker's model (`sas-recette campaign`): what each run read contributes (RunFacts, the
 * few facts kept of a run.json so that hundreds of runs stay small in memory), and the campaign built
 * from them: one overview row per editor + software, one action per blocking non-conformity, and the
 * notes said on the console and in the workbook. The workbook and the dashboard only read this.
 */
import type { Message } from '../../core/findings.js';
import type { RunSummary, UseCase, Verdict } from '../../core/model.js';

/** Where the run's hash comes from: its manifest.json (the hash its PV shows) or, without one, its run.json. */
export type HashSource = 'manifest.json' | 'run.json';

/** A blocking non-conformity of one run: a blocking case that failed or errored, and one rule id that decided it. */
export interface RunFailure {
  caseId: string;
  caseTitle: Message;
  ruleId: string;
  requirements: string[];
  message: Message;
}

/** What the campaign keeps of one run.json. */
export interface RunFacts {
  /** The run.json read (absolute path). */
  file: string;
  runId: string;
  startedAt: string;
  /** Editor and software from the run's pvInfo; absent: the run is grouped by its base URL. */
  editor?: string;
  software?: string;
  softwareVersion?: string;
  pvNumber?: string;
  baseUrl: string;
  useCases: UseCase[];
  overall: RunSummary['overall'];
  blockingCount: number;
  reservesCount: number;
  tool: string;
  /** 'id#version', or null when the run loaded no IG. */
  ig: string | null;
  hash: string;
  hashOf: HashSource;
  /** Verdict of each case of the run, by case id (to tell fixed from not re-checked). */
  verdicts: Map<string, Verdict>;
  failures: RunFailure[];
}

/**
 * open: the rule still fails in the editor's latest run; fixed: the case passed in the latest run;
 * unverified: the latest run did not judge the case (not played, skipped, not applicable) or the case
 * still fails there on other rules, so the rule could not be seen fixed; absent: a row of the previous
 * workbook someone annotated, in none of the runs read this time (kept, never dropped).
 */
export type ActionStatus = 'open' | 'unverified' | 'fixed' | 'absent';
export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'unverified', 'fixed', 'absent'];

export interface ActionRow {
  /** Stable key of the row: editor + software + case + rule id (normalised), kept in a hidden column. */
  key: string;
  /** Key of the editor + software it belongs to (OverviewRow.key). */
  group: string;
  editor: string;
  software: string;
  caseId: string;
  caseTitle: Message;
  requirements: string[];
  ruleId: string;
  message: Message;
  firstSeen: string;
  lastSeen: string;
  /** In how many of the editor's runs it failed, over how many runs. */
  seenIn: number;
  runs: number;
  status: ActionStatus;
}

export interface OverviewRow {
  /** Stable key: editor + software (normalised). */
  key: string;
  editor: string;
  software: string;
  /** No pvInfo named the editor: the runs are grouped by base URL. */
  identified: boolean;
  latest: RunFacts;
  runs: number;
  openActions: number;
  /** Why this row's runs are not comparable with the others' (another tool or IG version), empty when fine. */
  flags: Message[];
}

export interface Campaign {
  overview: OverviewRow[];
  actions: ActionRow[];
  /** The tool and IG versions most latest runs were made with, which the flags compare against. */
  reference: { tool: string; ig: string | null };
  notes: Message[];
}
