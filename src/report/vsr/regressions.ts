/**
 * Conformance regressions over time: for each rule id that failed in a probe, when it was first and
 * last seen, in how many probes and on which days. A rule the endpoint broke after go-live shows up
 * here even when the service stayed available.
 */
import type { Probe } from './probe.js';

export interface RuleTrack {
  ruleId: string;
  firstSeen: string;
  lastSeen: string;
  /** Probes in which it failed. */
  probes: number;
  /** Paris days on which it failed, in order. */
  days: string[];
}

/** Rule tracks of probes sorted by time, by first appearance. */
export function trackRules(probes: readonly Probe[]): RuleTrack[] {
  const tracks = new Map<string, RuleTrack>();
  for (const p of probes) {
    for (const ruleId of p.failingRules) {
      const t = tracks.get(ruleId);
      if (!t) {
        tracks.set(ruleId, { ruleId, firstSeen: p.at, lastSeen: p.at, probes: 1, days: [p.day] });
        continue;
      }
      t.lastSeen = p.at;
      t.probes += 1;
      if (t.days[t.days.length - 1] !== p.day) t.days.push(p.day);
    }
  }
  return [...tracks.values()];
}
