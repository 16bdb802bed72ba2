/**
 * Time rules on the Slots the search returned: status free, start inside the requested window,
 * start before end, nothing in the past, CPTS slots within 48 h, and the date format of the IG.
 * Instants are compared as epoch values (offsets applied) truncated to the second, never as
 * calendar dates.
 */
import { formatParis, parseFhirDateTime, type ParsedDateTime } from '../sas/time.js';
import { asArr, asObj, asStr, memo, searchedSlots, type Node } from './graph.js';
import { ALL, defineRule, PS_CPTS, q, SEARCHED_SLOTS, type Reporter } from './kit.js';
import type { Rule } from './types.js';
import { SYSTEM } from '../sas/canonicals.js';

export const TRE_R314 = SYSTEM.slotType;

const sec = (ms: number): number => Math.floor(ms / 1000);

export const SLOT_TIMES = ['start', 'end'] as const;

/**
 * Slot.start or Slot.end as written and as read by parseFhirDateTime (`parsed` undefined when it is
 * not a FHIR dateTime); undefined when the element is absent or not text.
 */
export function slotTime(slot: Node, k: (typeof SLOT_TIMES)[number]): SlotTime | undefined {
  return memo(slot, k, k === 'start' ? readStart : readEnd);
}

type SlotTime = { raw: string; parsed: ParsedDateTime | undefined };

const readTime = (slot: Node, k: (typeof SLOT_TIMES)[number]): SlotTime | undefined => {
  const raw = asStr(slot.resource[k]);
  return raw === undefined ? undefined : { raw, parsed: parseFhirDateTime(raw) };
};
// Five rules read each Slot's times: parsed once per Slot (memo).
const readStart = (slot: Node) => readTime(slot, 'start');
const readEnd = (slot: Node) => readTime(slot, 'end');

/** Slot.start as an epoch second, when it is a full FHIR dateTime (with a time). */
function startSecond(slot: Node): number | undefined {
  const p = slotTime(slot, 'start')?.parsed;
  return p && p.precision === 'second' ? sec(p.epochMs) : undefined;
}

/** True when the Slot's meta.security carries the CPTS slot type (TRE_R314 or no system). */
export function isCptsSlot(slot: Node): boolean {
  return memo(slot, 'cpts', readCptsSlot); // four rules ask
}

function readCptsSlot(slot: Node): boolean {
  return asArr(asObj(slot.resource.meta)?.security).some((c) => {
    const o = asObj(c);
    return o?.code === 'CPTS' && (o.system === undefined || o.system === TRE_R314);
  });
}

export const slotStatusFree = defineRule({
  id: 'SAS-WIN-001',
  title: { fr: 'Chaque créneau renvoyé est libre (status free)', en: 'Every returned slot is free (status free)' },
  requirements: ['agg-psindiv@10', 'agg-psindiv@47', 'sas-sos@10'],
  useCases: ALL,
  severity: 'error',
  each: SEARCHED_SLOTS,
  check(s, { report }) {
    if (s.resource.status === 'free') return;
    report(`${s.path}.status`, s, {
      fr: `${s.label} a le statut ${q(s.resource.status ?? '(absent)')} ; seuls les créneaux libres ("free") doivent être renvoyés (pas d'indisponibilités).`,
      en: `${s.label} has status ${q(s.resource.status ?? '(missing)')}; only free slots ("free") may be returned (no unavailabilities).`,
    });
  },
});

export const slotInWindow = defineRule({
  id: 'SAS-WIN-002',
  title: { fr: 'Le début de chaque créneau est dans la fenêtre demandée', en: 'Every slot starts inside the requested window' },
  requirements: ['agg-psindiv@5', 'agg-psindiv@6', 'agg-psindiv@7', 'sas-sos@10'],
  useCases: ALL,
  severity: 'error',
  needsSearch: true,
  check({ ctx, g, report, notChecked }) {
    const search = ctx.search;
    const ge = search?.ge && Number.isFinite(search.ge.epochMs) ? search.ge : undefined;
    const le = search?.le && Number.isFinite(search.le.epochMs) ? search.le : undefined;
    if (!ge && !le) return notChecked();
    for (const s of searchedSlots(g, ctx.useCase)) {
      const t = startSecond(s);
      if (t === undefined) continue; // SAS-WIN-003 / SAS-DAT-001 report it
      const early = ge && (ge.prefix === 'gt' ? t <= sec(ge.epochMs) : t < sec(ge.epochMs));
      const late = le && (le.prefix === 'lt' ? t >= sec(le.epochMs) : t > sec(le.epochMs));
      if (!early && !late) continue;
      const bound = early ? ge! : le!;
      const side = early ? { fr: 'avant le début', en: 'before the start' } : { fr: 'après la fin', en: 'after the end' };
      report(`${s.path}.start`, s, {
        fr: `${s.label} commence le ${q(s.resource.start)}, ${side.fr} de la fenêtre demandée (${bound.prefix ?? ''}${bound.raw}) : filtrer les créneaux sur start.`,
        en: `${s.label} starts at ${q(s.resource.start)}, ${side.en} of the requested window (${bound.prefix ?? ''}${bound.raw}): filter slots on start.`,
      });
    }
  },
});

function reportMissing(report: Reporter, s: Node, k: (typeof SLOT_TIMES)[number]): void {
  report(`${s.path}.${k}`, s, {
    fr: `${s.label} n'a pas de ${k} (obligatoire).`,
    en: `${s.label} has no ${k} (required).`,
  });
}

export const slotStartBeforeEnd = defineRule({
  id: 'SAS-WIN-003',
  title: { fr: 'Chaque créneau a un début et une fin, le début avant la fin', en: 'Every slot has a start and an end, start before end' },
  requirements: ['agg-psindiv@11', 'sas-sos@10'],
  useCases: ALL,
  severity: 'error',
  each: 'Slot',
  check(s, { report }) {
    const start = slotTime(s, 'start');
    const end = slotTime(s, 'end');
    if (start === undefined) reportMissing(report, s, 'start');
    if (end === undefined) reportMissing(report, s, 'end');
    const a = start?.parsed;
    const b = end?.parsed;
    if (!a || !b) return; // missing: above; unreadable: SAS-DAT-001
    if (a.epochMs >= b.epochMs) {
      report(`${s.path}.end`, s, {
        fr: `${s.label} finit (${q(s.resource.end)}) avant ou au moment où il commence (${q(s.resource.start)}).`,
        en: `${s.label} ends (${q(s.resource.end)}) before or when it starts (${q(s.resource.start)}).`,
      });
    }
  },
});

export const slotNotPast = defineRule({
  id: 'SAS-WIN-004',
  title: { fr: 'Aucun créneau ne commence dans le passé', en: 'No slot starts in the past' },
  requirements: ['agg-psindiv@5', 'agg-psindiv@7', 'sas-sos@10'],
  useCases: ALL,
  severity: 'error',
  each: SEARCHED_SLOTS,
  check(s, { ctx, report }) {
    const t = startSecond(s);
    if (t === undefined || t >= sec(ctx.now.getTime())) return;
    report(`${s.path}.start`, s, {
      fr: `${s.label} commence le ${q(s.resource.start)}, avant l'heure du contrôle (${formatParis(ctx.now)}) : ne renvoyer que des créneaux à venir.`,
      en: `${s.label} starts at ${q(s.resource.start)}, before the time of the check (${formatParis(ctx.now)}): return future slots only.`,
    });
  },
});

export const CPTS_HORIZON_HOURS = 48;

export const cptsWithin48h = defineRule({
  id: 'SAS-CPTS-001',
  title: { fr: 'Un créneau CPTS commence au plus 48 h après maintenant', en: 'A CPTS slot starts at most 48 h from now' },
  requirements: ['sas-cpts@1'],
  useCases: PS_CPTS,
  // Waived to a warning in the catalogue: only the seed document carries the 48 h rule.
  severity: 'warning',
  each: 'Slot',
  check(s, { ctx, report }) {
    const limit = ctx.now.getTime() + CPTS_HORIZON_HOURS * 3600_000;
    const t = startSecond(s);
    if (!isCptsSlot(s) || t === undefined || t <= sec(limit)) return;
    report(`${s.path}.start`, s, {
      fr: `${s.label} est un créneau CPTS qui commence le ${q(s.resource.start)}, plus de 48 h après l'heure du contrôle (limite ${formatParis(new Date(limit))}) : les créneaux CPTS ne sont visibles que dans les 48 h.`,
      en: `${s.label} is a CPTS slot starting at ${q(s.resource.start)}, more than 48 h after the time of the check (limit ${formatParis(new Date(limit))}): CPTS slots are only visible within 48 h.`,
    });
  },
});

export const WINDOW_RULES: Rule[] = [slotStatusFree, slotInWindow, slotStartBeforeEnd, slotNotPast, cptsWithin48h];
