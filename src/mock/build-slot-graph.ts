/**
 * The answer graph of a Slot search (PS individual and CPTS use cases): matched Slots and, as the
 * includes ask, their Schedules, Practitioners, PractitionerRoles (Location contained),
 * HealthcareServices and CPTS Organizations.
 *
 * Which slots a PS offers: `individual` → all its slots are individual; `cpts` → all are CPTS slots;
 * `both` → even ordinals individual, odd ordinals CPTS. A PS search returns individual slots only, a
 * CPTS search CPTS slots only, within 48 hours of now and under the CPTS the PS declared.
 */
import type { Jdd, JddCpts, JddPractitioner } from '../jdd/types.js';
import type { UseCase } from '../core/model.js';
import type { DefectName } from './defects.js';
import { PROFILE } from '../sas/canonicals.js';
import * as R from './resources.js';
import { pick, SLOT_HOURS, slotTimes, stamp, type SlotTime } from './slot-times.js';

export const CPTS_HORIZON_MS = 48 * 3600_000;

export interface Window {
  from: number;
  to: number;
  now: number;
}

export interface Graph {
  matches: R.Resource[];
  includes: R.Resource[];
}

export interface SlotIncludes {
  schedule: boolean;
  actor: boolean;
  healthcareService: boolean;
  organization: boolean;
}

/** The CPTS a PS's CPTS slots go to (with the defects that lie about it). */
function cptsOf(ps: JddPractitioner, jdd: Jdd, defects: Set<DefectName>): JddCpts[] {
  const declared = ps.cpts.map((key) => jdd.cpts.find((c) => c.key === key)).filter((c): c is JddCpts => c !== undefined);
  if (defects.has('wrong-finess')) {
    const others = jdd.cpts.filter((c) => !ps.cpts.includes(c.key));
    return others.length > 0
      ? others.slice(0, Math.max(1, declared.length))
      : [{ key: 'cpts-non-declaree', finess: '1999999990', name: 'CPTS non déclarée' }];
  }
  if (declared.length === 0 && defects.has('cpts-for-individual')) {
    return jdd.cpts.length > 0 ? [jdd.cpts[0]] : [{ key: 'cpts-non-declaree', finess: '1999999990', name: 'CPTS non déclarée' }];
  }
  return declared;
}

function isCptsSlot(ps: JddPractitioner, t: SlotTime, defects: Set<DefectName>, useCase: UseCase): boolean {
  if (ps.participation === 'both') return t.ordinal % 2 === 1;
  if (ps.participation === 'cpts') return true;
  return useCase === 'cpts' && defects.has('cpts-for-individual');
}

export function buildSlotGraph(
  hits: { ps: JddPractitioner; jdd: Jdd }[],
  useCase: UseCase,
  window: Window,
  includes: SlotIncludes,
  defects: Set<DefectName>,
): Graph {
  const matches: R.Resource[] = [];
  const included = new Map<string, R.Resource>();
  const include = (r: R.Resource) => included.set(`${r.resourceType}/${r.id}`, r);
  const cptsMode = useCase === 'cpts';
  const to = cptsMode ? Math.min(window.to, window.now + CPTS_HORIZON_MS) : window.to;

  for (const { ps, jdd } of hits) {
    const cpts = cptsMode ? cptsOf(ps, jdd, defects) : [];
    ps.places.forEach((_place, placeIndex) => {
      const times = slotTimes(window.from, to, placeIndex).filter((t) => isCptsSlot(ps, t, defects, useCase) === cptsMode);
      if (times.length === 0 || (cptsMode && cpts.length === 0)) return;
      const scheduleId = R.ids.schedule(ps, placeIndex);
      const comment = R.psBookingUrl(jdd.bookingBaseUrl, ps, placeIndex);
      for (const t of times) {
        // `both` uses every other ordinal: halve it so each list is still walked in full.
        const o = ps.participation === 'both' ? Math.floor(t.ordinal / 2) : t.ordinal;
        const services = cptsMode ? (ps.sharedCptsSlots ? cpts : [pick(cpts, o)]) : [];
        matches.push(
          R.slot({
            id: R.ids.slot(ps, placeIndex, stamp(t.start)),
            profile: cptsMode ? PROFILE.cptsSlot : PROFILE.psSlot,
            schedule: scheduleId,
            start: t.start,
            end: t.end,
            slotTypes: cptsMode ? ['CPTS'] : [pick(ps.slotTypes, o)],
            consultationType: pick(ps.consultationTypes, o + Math.floor(o / SLOT_HOURS.length)),
            appointmentType: pick(ps.appointmentTypes, o),
            comment,
            cptsServices: services.map((c) => R.ids.healthcareService(c)),
          }),
        );
        for (const c of services) {
          if (includes.healthcareService) include(R.healthcareService(c));
          if (includes.healthcareService && includes.organization) include(R.cptsOrganization(c));
        }
      }
      if (includes.schedule) {
        include(R.psSchedule(ps, placeIndex));
        if (includes.actor) {
          include(R.practitioner(ps));
          include(R.practitionerRole(ps, placeIndex, jdd.bookingBaseUrl));
        }
      }
    });
  }
  const order = ['Schedule', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Organization'];
  const sorted = [...included.values()].sort((a, b) => order.indexOf(a.resourceType) - order.indexOf(b.resourceType));
  return { matches, includes: sorted };
}
