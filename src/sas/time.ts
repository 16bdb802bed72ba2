/**
 * FHIR instants and dateTimes as the SAS exchanges them: parsing that keeps the written offset, and
 * Europe/Paris formatting for the search window. The time zone arithmetic uses the EU summer-time rule
 * for Paris (1996–2099) and Intl (the ICU data shipped with Node) otherwise, so daylight-saving change
 * nights come out right without a date library.
 */

export const PARIS = 'Europe/Paris';

export type DatePrecision = 'year' | 'month' | 'day' | 'second';

export interface ParsedDateTime {
  raw: string;
  /** Epoch milliseconds of the first instant the value denotes (offset applied). */
  epochMs: number;
  /** Epoch milliseconds of the last millisecond the value denotes (same as epochMs for millis). */
  endMs: number;
  /** Offset written in the value, in minutes east of UTC (`Z` → 0); null when none was written. */
  offsetMinutes: number | null;
  hasOffset: boolean;
  /** True when fractional seconds are written. */
  hasMillis: boolean;
  precision: DatePrecision;
}

// FHIR dateTime: YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss(.fff)(Z|±hh:mm).
// The regex keeps the pieces; calendar validity is checked afterwards.
const DATE_TIME = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * Parses a FHIR instant/dateTime. Values without an offset are read as Europe/Paris wall-clock time
 * (the SAS is a French service and the ANS kit sends Paris local time without offset).
 * Returns undefined when the text is not a valid FHIR dateTime.
 */
export function parseFhirDateTime(raw: string): ParsedDateTime | undefined {
  const m = DATE_TIME.exec(raw.trim());
  if (!m) return undefined;
  const [, ys, mos, ds, hs, mis, ss, frac, off] = m;
  if (hs !== undefined && ss === undefined) return undefined; // FHIR requires seconds with a time
  const y = Number(ys);
  const mo = mos ? Number(mos) : 1;
  const d = ds ? Number(ds) : 1;
  const h = hs ? Number(hs) : 0;
  const mi = mis ? Number(mis) : 0;
  const s = ss ? Number(ss) : 0;
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMinutes: number | null = null;
  if (off) {
    if (off === 'Z') offsetMinutes = 0;
    else {
      const sign = off[0] === '-' ? -1 : 1;
      const oh = Number(off.slice(1, 3));
      const om = Number(off.slice(4, 6));
      if (oh > 14 || om > 59) return undefined;
      offsetMinutes = sign * (oh * 60 + om);
    }
  }
  const precision: DatePrecision = hs !== undefined ? 'second' : ds ? 'day' : mos ? 'month' : 'year';
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const epochMs = offsetMinutes === null ? zonedWallToEpoch(wall, PARIS) : wall - offsetMinutes * 60_000;
  const wallEnd = endOfPeriod(y, mo, d, precision, wall, Boolean(frac));
  const endMs = offsetMinutes === null ? zonedWallToEpoch(wallEnd, PARIS) : wallEnd - offsetMinutes * 60_000;
  return { raw, epochMs, endMs, offsetMinutes, hasOffset: offsetMinutes !== null, hasMillis: Boolean(frac), precision };
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function endOfPeriod(y: number, mo: number, d: number, p: DatePrecision, wall: number, millis: boolean): number {
  switch (p) {
    case 'year':
      return Date.UTC(y + 1, 0, 1) - 1;
    case 'month':
      return Date.UTC(y, mo, 1) - 1;
    case 'day':
      return Date.UTC(y, mo - 1, d + 1) - 1;
    default:
      return millis ? wall : wall + 999;
  }
}

function makeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Built on first use, then kept: creating an Intl formatter is costly. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = makeFormatter(timeZone);
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a time zone, as a UTC epoch (ms dropped). */
function wallClockOf(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/**
 * Europe/Paris offset by the EU summer-time rule (Directive 2000/84/EC; the same dates since 1996): +120
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, else +60.
 * Written by hand because the first Intl date formatter of a process costs about 30 ms (ICU start-up),
 * a large part of a whole `validate` run; undefined outside 1996–2099, where Intl decides. time.test.ts
 * compares it with Intl hour by hour and around every change.
 */
export function parisOffsetByRule(epochMs: number): number | undefined {
  const year = new Date(epochMs).getUTCFullYear();
  if (!(year >= 1996 && year <= 2099)) return undefined;
  const summerStart = lastSundayUtc(year, 2) + 3600_000;
  const summerEnd = lastSundayUtc(year, 9) + 3600_000;
  return epochMs >= summerStart && epochMs < summerEnd ? 120 : 60;
}

/** 00:00 UTC of the last Sunday of a month (0-based). */
function lastSundayUtc(year: number, month0: number): number {
  const lastDay = Date.UTC(year, month0 + 1, 0);
  return lastDay - new Date(lastDay).getUTCDay() * 86_400_000;
}

/** Offset of a time zone at an instant, in minutes east of UTC (+60 or +120 for Paris). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string = PARIS): number {
  if (timeZone === PARIS) {
    const byRule = parisOffsetByRule(epochMs);
    if (byRule !== undefined) return byRule;
  }
  return intlOffsetMinutes(epochMs, timeZone);
}

/** Offset of a time zone at an instant from Intl (ICU's time zone data). */
export function intlOffsetMinutes(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallClockOf(whole, timeZone) - whole) / 60_000);
}

/**
 * Epoch of a wall-clock time in a zone. In the spring gap (02:30 does not exist in Paris on the last
 * Sunday of March) the time is pushed forward by the gap (02:30 → 03:30+02:00, as Temporal's
 * "compatible" mode does); in the autumn overlap (02:30 happens twice) the earlier instant is taken.
 */
export function zonedWallToEpoch(wallAsUtcMs: number, timeZone: string = PARIS): number {
  const before = zoneOffsetMinutes(wallAsUtcMs - 3 * 3600_000, timeZone);
  const after = zoneOffsetMinutes(wallAsUtcMs + 3 * 3600_000, timeZone);
  const c1 = wallAsUtcMs - before * 60_000;
  const c2 = wallAsUtcMs - after * 60_000;
  const ok1 = zoneOffsetMinutes(c1, timeZone) === before;
  const ok2 = zoneOffsetMinutes(c2, timeZone) === after;
  if (ok1 && ok2) return Math.min(c1, c2);
  if (ok2) return c2;
  return c1; // valid, or inside the gap
}

function pad(n: number, w = 2): string {
  return String(Math.abs(n)).padStart(w, '0');
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** `YYYY-MM-DDTHH:MM:SS.sss±HH:MM` in a time zone (Europe/Paris by default) with its offset. */
export function formatInZone(date: Date, timeZone: string, withMillis = true): string {
  const ms = date.getTime();
  const off = zoneOffsetMinutes(ms, timeZone);
  const wall = new Date(ms + off * 60_000);
  const base =
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  return `${base}${withMillis ? `.${pad(wall.getUTCMilliseconds(), 3)}` : ''}${formatOffset(off)}`;
}

/** `YYYY-MM-DDTHH:MM:SS.sss±HH:MM` in Europe/Paris, the form the SAS IG shows (`.000+02:00`). */
export function formatParis(date: Date, withMillis = true): string {
  return formatInZone(date, PARIS, withMillis);
}

export interface SearchWindow {
  ge: string;
  le: string;
}

/**
 * The search window sent to the editor, formatted in Paris time.
 * Default: now → now + 48 h. The IG sets no length; 48 h covers the CPTS visibility horizon and
 * keeps the window independent of the hour of the run (the ANS kit used now → 23:59:59 of day + 2,
 * which shrinks to 48 h at midnight and grows to 72 h, so results depended on when it ran).
 * `hours` overrides the length (must be positive).
 */
export function searchWindow(now: Date, spec: { hours?: number } = {}): SearchWindow {
  const hours = spec.hours ?? 48;
  if (!Number.isFinite(hours) || hours <= 0) throw new RangeError(`window length must be a positive number of hours, got ${hours}`);
  return { ge: formatParis(now), le: formatParis(new Date(now.getTime() + hours * 3600_000)) };
}
