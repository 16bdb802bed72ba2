/**
 * Where our engine and the official validator disagree: one reports a blocking finding (fatal/error)
 * at a place of a resource, the other none at that place, above it or below it. Pure.
 */
import { isBlocking, type Engine, type Finding, type FindingSource } from '../core/findings.js';
import type { Disagreement } from './types.js';
import { normaliseOfficialLocation } from './operation-outcome.js';

export interface CompareOptions {
  /**
   * Sources of our findings that the official validator can also see (default: structure only; SAS
   * business rules, transport and expectations are ours alone and would all read as disagreements).
   */
  ownSources?: FindingSource[];
}

/** Comparison key: normalised, `[0]` dropped (one engine may index a single repetition, the other not). */
export function locationKey(location: string): string {
  return normaliseOfficialLocation(location).replace(/\[0\]/g, '');
}

/** The resource a location belongs to: `Bundle.entry[2].resource`, else the root type. */
export function scopeOf(location: string): string {
  const key = normaliseOfficialLocation(location);
  const entry = /^[A-Za-z]+\.entry\[\d+\]\.resource(?=$|[.[])/.exec(key);
  if (entry) return entry[0];
  const root = /^[A-Za-z]+/.exec(key);
  return root ? root[0] : key;
}

/** Same place, or one is an ancestor of the other (path-segment aware). */
export function related(a: string, b: string): boolean {
  const ka = locationKey(a);
  const kb = locationKey(b);
  const under = (x: string, y: string): boolean => y === x || y.startsWith(`${x}.`) || y.startsWith(`${x}[`);
  return under(ka, kb) || under(kb, ka);
}

interface Placed {
  f: Finding;
  scope: string;
}

function place(findings: Finding[]): Placed[] {
  return findings.map((f) => ({ f, scope: scopeOf(f.location) }));
}

function engineOf(f: Finding): Engine {
  return f.engine ?? 'sas-recette';
}

function counts(f: Finding): boolean {
  return isBlocking(f) && !f.notChecked;
}

function unmatched(mine: Placed[], theirs: Placed[], reportedBy: Engine): Disagreement[] {
  const theirBlocking = theirs.filter((p) => counts(p.f));
  const groups = new Map<string, Disagreement>();
  for (const p of mine) {
    if (!counts(p.f)) continue;
    const agreed = theirBlocking.some((t) => t.scope === p.scope && related(t.f.location, p.f.location));
    if (agreed) continue;
    const location = normaliseOfficialLocation(p.f.location);
    const key = `${p.scope}\u0000${locationKey(location)}`;
    let d = groups.get(key);
    if (!d) {
      const otherEngine = theirs.filter((t) => t.scope === p.scope && related(t.f.location, p.f.location)).map((t) => t.f);
      d = { scope: p.scope, location, reportedBy, findings: [], otherEngine };
      groups.set(key, d);
    }
    d.findings.push(p.f);
    const resource = d.resource ?? p.f.resource ?? d.otherEngine.find((o) => o.resource)?.resource;
    if (resource) d.resource = resource;
  }
  return [...groups.values()];
}

/**
 * Disagreements between our findings and the official ones, per resource and location, sorted by
 * location then engine. Findings marked not-checked never count as errors.
 */
export function compareEngines(own: Finding[], official: Finding[], options: CompareOptions = {}): Disagreement[] {
  const sources = new Set<FindingSource>(options.ownSources ?? ['structure']);
  const ours = place(own.filter((f) => engineOf(f) !== 'official' && sources.has(f.source)));
  const theirs = place(official.filter((f) => engineOf(f) === 'official'));
  return [...unmatched(ours, theirs, 'sas-recette'), ...unmatched(theirs, ours, 'official')].sort(
    (a, b) => a.location.localeCompare(b.location, 'en', { numeric: true }) || a.reportedBy.localeCompare(b.reportedBy),
  );
}

/** Counts for a one-line summary ("3 errors only ours, 1 only official"). */
export function countDisagreements(ds: Disagreement[]): Record<Engine, number> {
  const out: Record<Engine, number> = { 'sas-recette': 0, official: 0 };
  for (const d of ds) out[d.reportedBy]++;
  return out;
}
