/**
 * The answer graph of a Schedule search (SOS Médecins): one Schedule per consultation point (PFG)
 * that has free slots in the window (the matches), its Slots by `_revinclude=Slot:schedule`, its
 * Location and the association's Organization (SIRET) as the includes ask.
 */
import type { Jdd, JddSosStructure } from '../jdd/types.js';
import type { Graph, Window } from './build-slot-graph.js';
import { PROFILE } from '../sas/canonicals.js';
import * as R from './resources.js';
import { pick, SLOT_HOURS, slotTimes, stamp } from './slot-times.js';

export interface SosIncludes {
  slots: boolean;
  location: boolean;
  organization: boolean;
}

export function buildSosGraph(hits: { sos: JddSosStructure; jdd: Jdd }[], window: Window, includes: SosIncludes): Graph {
  const matches: R.Resource[] = [];
  const slots: R.Resource[] = [];
  const others = new Map<string, R.Resource>();
  for (const { sos, jdd } of hits) {
    sos.locations.forEach((_loc, index) => {
      const times = slotTimes(window.from, window.to, index);
      if (times.length === 0) return;
      const scheduleId = R.ids.sosSchedule(sos, index);
      matches.push(R.sosSchedule(sos, index));
      if (includes.slots) {
        for (const t of times) {
          const id = R.ids.sosSlot(sos, index, stamp(t.start));
          slots.push(
            R.slot({
              id,
              profile: PROFILE.sosSlot,
              schedule: scheduleId,
              start: t.start,
              end: t.end,
              slotTypes: [pick(sos.slotTypes, t.ordinal)],
              consultationType: pick(sos.consultationTypes, t.ordinal + Math.floor(t.ordinal / SLOT_HOURS.length)),
              appointmentType: pick(sos.appointmentTypes ?? ['ROUTINE'], t.ordinal),
              comment: R.sosBookingUrl(jdd.bookingBaseUrl, sos, index, id),
            }),
          );
        }
      }
      if (includes.location) {
        const location = R.sosLocation(sos, index, jdd.bookingBaseUrl);
        others.set(`Location/${location.id}`, location);
        if (includes.organization) {
          const organization = R.sosOrganization(sos);
          others.set(`Organization/${organization.id}`, organization);
        }
      }
    });
  }
  const order = ['Location', 'Organization'];
  const sorted = [...others.values()].sort((a, b) => order.indexOf(a.resourceType) - order.indexOf(b.resourceType));
  return { matches, includes: [...slots, ...sorted] };
}
