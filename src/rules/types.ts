/**
 * Contract of the SAS business rules (implemented in this folder, one file per family).
 */
import type { Finding, Message } from '../core/findings.js';
import type { UseCase } from '../core/model.js';
import type { ParsedSearch } from '../sas/search-types.js';
import type { BundleGraph } from './graph.js';

export interface RuleContext {
  useCase: UseCase;
  /** The clock to judge against (pinned with --now). */
  now: Date;
  /** The search the response answers; absent → rules that need it report "not checked". */
  search?: ParsedSearch;
  /** Filled by runRules so rules share one view of the Bundle; rules build it when absent. */
  graph?: BundleGraph;
}

export interface Rule {
  id: string; // 'SAS-WIN-001'
  title: Message;
  requirements: string[];
  useCases: UseCase[];
  severity: 'error' | 'warning' | 'information';
  /** True when the rule needs `ctx.search` (window, identity): without it, one notChecked finding. */
  needsSearch?: boolean;
  /** Pure: (bundle, context) → findings. */
  check: (bundle: Record<string, unknown>, ctx: RuleContext) => Finding[];
}
