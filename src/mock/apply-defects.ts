/**
 * Content defects: small, visible changes to a correct answer graph, one per named defect
 * (see defects.ts). Works on copies; the correct graph is never shared with the caller.
 */
import type { Jdd } from '../jdd/types.js';
import type { UseCase } from '../core/model.js';
import { formatParis } from '../sas/time.js';
import type { Graph, Window } from './build-slot-graph.js';
import { CPTS_HORIZON_MS } from './build-slot-graph.js';
import type { DefectName } from './defects.js';
import { SYSTEM } from '../sas/canonicals.js';
import type { Resource } from './resources.js';

/** Each payload would set `window.__sasRecettePwned` if a report ran it (the report tests look for it). */
export const INJECTION = {
  script: '<script>window.__sasRecettePwned=1</script>',
  attribute: '"><img src=x onerror="window.__sasRecettePwned=2">',
  url: 'javascript:window.__sasRecettePwned=3',
  textarea: '</textarea><script>window.__sasRecettePwned=4</script>',
} as const;

type Json = Record<string, unknown>;

const clone = <T>(value: T): T => structuredClone(value);

/** Every object of a resource tree (contained resources included), for broad edits. */
function* objects(value: unknown): Generator<Json> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (value && typeof value === 'object') {
    yield value as Json;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

/** `+33199000101` → `01 99 00 01 01` (national format with spaces). */
function nationalPhone(value: string): string {
  const m = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  return m ? `0${m[1]} ${m[2]} ${m[3]} ${m[4]} ${m[5]}` : value;
}

function shiftSlot(slot: Json, startMs: number, idSuffix: string): Json {
  const duration = Date.parse(String(slot.end)) - Date.parse(String(slot.start));
  return {
    ...slot,
    id: `${String(slot.id)}-${idSuffix}`,
    start: formatParis(new Date(startMs)),
    end: formatParis(new Date(startMs + (Number.isFinite(duration) ? duration : 20 * 60_000))),
  };
}

export interface DefectContext {
  useCase: UseCase;
  window: Window;
  /** Upper bound of the window as asked (before any horizon cut). */
  askedTo: number;
  /** Identifiers the request asked for (wrong-practitioner picks another one). */
  asked: string[];
  jdds: Jdd[];
}

export function applyContentDefects(graph: Graph, defects: Set<DefectName>, ctx: DefectContext): Graph {
  if (defects.size === 0) return graph;
  let matches = clone(graph.matches) as Json[];
  let includes = clone(graph.includes) as Json[];
  const all = () => [...matches, ...includes];
  const slots = () => all().filter((r) => r.resourceType === 'Slot');

  if (defects.has('wrong-status') && slots().length > 0) slots()[0].status = 'busy';

  if (defects.has('slot-outside-window')) {
    const list = ctx.useCase === 'sos' ? includes : matches;
    const index = list.map((r) => r.resourceType).lastIndexOf('Slot');
    if (index >= 0) list[index] = shiftSlot(list[index], ctx.askedTo + 3600_000, 'hors-fenetre');
  }

  if (defects.has('cpts-after-48h') && ctx.useCase === 'cpts' && matches.length > 0) {
    const at = Math.ceil((ctx.window.now + CPTS_HORIZON_MS + 3600_000) / 3600_000) * 3600_000;
    matches = [...matches, shiftSlot(matches[matches.length - 1], at, 'apres-48h')];
  }

  if (defects.has('missing-include')) {
    const dropped = ctx.useCase === 'sos' ? 'Organization' : 'Practitioner';
    includes = includes.filter((r) => r.resourceType !== dropped);
  }

  if (defects.has('dangling-reference') && slots().length > 0) slots()[0].schedule = { reference: 'Schedule/sch-absent-du-bundle' };

  if (defects.has('bad-phone')) {
    for (const o of objects(all())) if (o.system === 'phone' && typeof o.value === 'string') o.value = nationalPhone(o.value);
  }

  if (defects.has('bad-finess')) {
    for (const r of all()) {
      if (r.resourceType === 'Organization') {
        for (const id of (r.identifier as Json[] | undefined) ?? []) if (typeof id.value === 'string') id.value = id.value.slice(1);
      }
      const org = (r.organization as Json | undefined)?.identifier as Json | undefined;
      if (r.resourceType === 'PractitionerRole' && org && typeof org.value === 'string') org.value = org.value.slice(1);
    }
  }

  if (defects.has('date-without-offset')) {
    for (const s of slots()) {
      s.start = String(s.start).replace(/([+-]\d{2}:\d{2}|Z)$/, '');
      s.end = String(s.end).replace(/([+-]\d{2}:\d{2}|Z)$/, '');
    }
  }

  if (defects.has('injection')) {
    for (const r of all()) {
      if (r.resourceType === 'Practitioner') {
        for (const n of (r.name as Json[] | undefined) ?? []) {
          n.family = `${String(n.family)} ${INJECTION.script}`;
          n.given = [INJECTION.attribute];
        }
      }
      if (r.resourceType === 'Slot') r.comment = INJECTION.url;
      if (['HealthcareService', 'Organization', 'Location'].includes(String(r.resourceType)))
        r.name = `${String(r.name ?? '')} ${INJECTION.textarea}`;
      for (const c of (r.contained as Json[] | undefined) ?? []) c.name = `${String(c.name ?? '')} ${INJECTION.textarea}`;
    }
  }

  if (defects.has('wrong-practitioner')) {
    const known = ctx.jdds.flatMap((j) => j.practitioners.map((p) => p.idnps));
    const other = known.find((id) => !ctx.asked.includes(id)) ?? '819999999996';
    for (const r of all()) {
      if (r.resourceType !== 'Practitioner') continue;
      for (const id of (r.identifier as Json[] | undefined) ?? []) id.value = other;
    }
  }

  if (defects.has('missing-comment')) for (const s of slots()) delete s.comment;

  if (defects.has('bad-consultation-type')) {
    for (const s of slots()) {
      for (const st of (s.serviceType as Json[] | undefined) ?? []) {
        for (const c of (st.coding as Json[] | undefined) ?? []) if (c.system === SYSTEM.actCode) c.code = 'VISIO';
      }
    }
  }

  return { matches: matches as Resource[], includes: includes as Resource[] };
}
