/**
 * Text from a run (editor names typed in pv.yaml, messages quoting an endpoint's answer, case titles…)
 * as a workbook cell shows it, inert and intact. exceljs writes a string as a shared string (never a
 * formula), but:
 * - a text starting with `=`, `+`, `-`, `@`, tab or carriage return becomes a formula the moment a person
 *   edits the cell and presses Enter (formula injection): it gets a leading `'`, as OWASP advises;
 * - exceljs silently drops the control characters XML 1.0 forbids: every invisible or control character
 *   is shown as `⟨U+0001⟩` instead, as in the PV (src/report/invisible-chars.ts);
 * - a spreadsheet reads `_x0041_` in a cell as the escaped character `A`: the underscore starting such a
 *   sequence is itself escaped (`_x005F_`), so the text reads back as written;
 * - a cell holds at most 32,767 characters: a text over 30,000 is cut, with `…` (room left for the escapes).
 */
import { visibleEscape } from '../invisible-chars.js';

const MAX_CELL_CHARS = 30_000;
const FORMULA_START = /^[=+\-@\t\r]/;
const ESCAPE_SEQUENCE_START = /_(?=x[0-9A-Fa-f]{4}_)/g;

export function cellText(text: string): string {
  let t = visibleEscape(text);
  if (FORMULA_START.test(t)) t = `'${t}`;
  if (t.length > MAX_CELL_CHARS) t = `${t.slice(0, MAX_CELL_CHARS - 1)}…`;
  return t.replace(ESCAPE_SEQUENCE_START, '_x005F_');
}

/**
 * An ISO date-time with offset as a spreadsheet date showing the same wall-clock time (spreadsheets have
 * no time zones: the run's own local time, Paris time for a run made in France, is what a reader expects).
 */
export function wallClockDate(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
  if (!m) return cellText(iso);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}
