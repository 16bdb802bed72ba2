/**
 * `--now`: the clock the SAS rules judge against. An ISO 8601 date-time with an explicit offset is
 * required, so that a run gives the same verdict on every machine whatever its time zone.
 */
import { SetupError } from '../core/errors.js';

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseNow(value: string): Date {
  const m = ISO_DATETIME.exec(value.trim());
  const hint = 'write an ISO 8601 date-time with an offset, e.g. --now 2026-03-02T08:00:00+01:00 or --now 2026-03-02T07:00:00Z';
  if (!m) throw new SetupError(`--now "${value}" is not an ISO date-time with an offset`, hint);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const inRange =
    calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 59;
  const date = new Date(value.trim());
  if (!inRange || Number.isNaN(date.getTime())) throw new SetupError(`--now "${value}" is not a valid date-time`, hint);
  return date;
}
