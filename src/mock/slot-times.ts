/**
 * When the reference editor's agendas have free slots: fixed Paris wall-clock hours every day, so a
 * given `now` and window always give the same slots. Each slot has an ordinal (day number × hours +
 * hour index) that does not depend on the window, so the attributes derived from it (slot type,
 * consultation type, CPTS) are stable from one search to the next.
 */
import { parisInstant, parisWallToEpoch } from './paris-memo.js';

/** Local (Europe/Paris) start times of the free slots of each day. */
export const SLOT_HOURS: readonly [number, number][] = [
  [8, 0],
  [9, 30],
  [11, 0],
  [14, 0],
  [15, 30],
  [17, 0],
];
export const SLOT_MINUTES = 20;
/** A second place of the same PS is shifted so its slots never overlap the first one's. */
export const PLACE_SHIFT_MINUTES = 40;
/** Agendas are open this many days ahead; a longer window is cut there. */
export const HORIZON_DAYS = 62;

const DAY_MS = 86_400_000;

export interface SlotTime {
  start: number;
  end: number;
  ordinal: number;
}

/** Free slot times of the agenda of place `placeIndex`, starting within [fromMs, toMs]. */
export function slotTimes(fromMs: number, toMs: number, placeIndex: number): SlotTime[] {
  if (!(fromMs <= toMs)) return [];
  const [y, m, d] = parisInstant(fromMs).slice(0, 10).split('-').map(Number);
  const firstDay = Date.UTC(y, m - 1, d) - DAY_MS; // a day early: a shifted slot may start before midnight
  const out: SlotTime[] = [];
  for (let day = firstDay; day <= toMs + DAY_MS; day += DAY_MS) {
    const dayNumber = Math.round(day / DAY_MS);
    SLOT_HOURS.forEach(([hour, minute], index) => {
      const wall = day + (hour * 60 + minute + placeIndex * PLACE_SHIFT_MINUTES) * 60_000;
      const start = parisWallToEpoch(wall);
      if (start >= fromMs && start <= toMs) {
        out.push({ start, end: start + SLOT_MINUTES * 60_000, ordinal: dayNumber * SLOT_HOURS.length + index });
      }
    });
  }
  return out;
}

/** `202603020800`: a compact Paris time stamp for resource ids. */
export function stamp(epochMs: number): string {
  return parisInstant(epochMs).slice(0, 16).replace(/[-T:]/g, '');
}

/** Round-robin pick, stable for an ordinal. */
export function pick<T>(items: readonly T[], ordinal: number): T {
  return items[((ordinal % items.length) + items.length) % items.length];
}
