/**
 * Small pure formatters shared by the reporters: instants in a time zone with an explicit offset,
 * durations, one-line texts and UTF-8-safe truncation.
 */
import { formatInZone, PARIS } from '../sas/time.js';

export { PARIS } from '../sas/time.js';

interface ZonedParts {
  date: string; // 2025-11-26
  time: string; // 11:00:00
  offset: string; // +01:00 (Z never used, so the offset is always explicit)
}

function zonedParts(ms: number, timeZone: string): ZonedParts {
  const s = formatInZone(new Date(ms), timeZone, false); // 2025-11-26T11:00:00+01:00
  return { date: s.slice(0, 10), time: s.slice(11, 19), offset: s.slice(19) };
}

/** `2025-11-26T11:00:00+01:00`: the instant in `timeZone` with its offset; the input unchanged if unparsable. */
export function isoInZone(iso: string, timeZone: string = PARIS): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = zonedParts(ms, timeZone);
  return `${p.date}T${p.time}${p.offset}`;
}

/** `26/11/2025 11:00:00 (Europe/Paris, UTC+01:00)` style, for people; the input unchanged if unparsable. */
export function humanInZone(iso: string, timeZone: string, lang: 'fr' | 'en'): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = zonedParts(ms, timeZone);
  const [y, m, d] = p.date.split('-');
  const date = lang === 'fr' ? `${d}/${m}/${y}` : p.date;
  return timeZone === 'UTC' ? `${date} ${p.time} UTC` : `${date} ${p.time} (${timeZone}, UTC${p.offset})`;
}

/** Milliseconds → seconds with millisecond precision (JUnit `time`). */
export function seconds(ms: number): number {
  return Math.round(Math.max(0, ms)) / 1000;
}

/** `1 234 ms` / `2.5 s` style duration for people. */
export function humanMs(ms: number, lang: 'fr' | 'en'): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
  return `${lang === 'fr' ? s.replace('.', ',') : s} s`;
}

/** Whitespace collapsed to single spaces, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** At most `maxBytes` of UTF-8, never cutting a character in two; `cut` tells whether text was lost. */
export function truncateUtf8(text: string, maxBytes: number): { text: string; cut: boolean } {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return { text, cut: false };
  let end = maxBytes;
  while (end > 0 && (buf[end] & 0xc0) === 0x80) end -= 1; // back off continuation bytes
  return { text: buf.subarray(0, end).toString('utf8'), cut: true };
}

/** JSON bodies pretty-printed (two spaces) so excerpts read line by line; other text as is. */
export function prettyBody(body: string, maxParseBytes = 512 * 1024): string {
  const trimmed = body.trimStart();
  if (body.length > maxParseBytes || !(trimmed.startsWith('{') || trimmed.startsWith('['))) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body; // truncated or invalid JSON: show what was received
  }
}

/** First `lines` lines, each cut to `width` characters. */
export function headLines(text: string, lines: number, width = 160): { text: string; cut: boolean } {
  const all = text.split(/\r?\n/);
  const kept = all.slice(0, lines).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  return { text: kept.join('\n'), cut: all.length > lines || kept.some((l, i) => l !== all[i]) };
}
