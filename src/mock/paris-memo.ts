/**
 * The mock's Paris time conversions, remembered. Free slots sit at fixed wall-clock hours every day,
 * so every search converts the same few hundred instants again (zonedWallToEpoch asks for the zone's
 * offset four times, formatParis builds the text each time): remembered, the answer to a 25-PS search
 * is built about three times faster, and the latency series send hundreds of them. The results are
 * pure functions of their argument, so remembering them changes no answer. Bounded: a long-running
 * `mock` starts over once it has seen this many distinct instants.
 */
import { formatParis, zonedWallToEpoch } from '../sas/time.js';

const MAX_ENTRIES = 20_000;

function remembered<T>(compute: (key: number) => T): (key: number) => T {
  const seen = new Map<number, T>();
  return (key) => {
    const known = seen.get(key);
    if (known !== undefined) return known;
    if (seen.size >= MAX_ENTRIES) seen.clear();
    const value = compute(key);
    seen.set(key, value);
    return value;
  };
}

/** Epoch of a Paris wall-clock time given as a UTC epoch (see zonedWallToEpoch). */
export const parisWallToEpoch: (wallAsUtcMs: number) => number = remembered((wall) => zonedWallToEpoch(wall));

/** `YYYY-MM-DDTHH:MM:SS.sss±HH:MM` in Paris of an epoch (see formatParis). */
export const parisInstant: (epochMs: number) => string = remembered((ms) => formatParis(new Date(ms)));
