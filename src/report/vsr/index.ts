/**
 * The PV VSR (src/report/vsr/): read a watch history, draw the period's figures, render the HTML PV,
 * write it (and its PDF). Used by `sas-recette vsr` (src/cli/actions/vsr.ts).
 */
export { readHistory, MAX_LINE_BYTES, type History, type HistoryNote, type Probe } from './read-history.js';
export { computeVsr, checkBound, daysBetween, type DayStats, type PeriodBounds, type VsrReport, type WatchGap } from './vsr-model.js';
export { findIncidents, type Incident } from './incidents.js';
export { trackRules, type RuleTrack } from './regressions.js';
export { percentile, latencyStats, SAS_TIMEOUT_MS, TARGET_MS, type LatencyStats } from './percentile.js';
export { renderVsrPv, type VsrMeta, type VsrPvOptions } from './vsr-page.js';
export { vsrTargets, writeVsr, VSR_FILE, type VsrTargets } from './write-vsr.js';
export { vsrConsoleText } from './vsr-console.js';
