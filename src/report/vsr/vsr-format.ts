/**
 * How the PV VSR writes its numbers, in French or English: instants in Paris time (short form for the
 * tables), durations, percentages and seconds with the decimal separator of the language.
 */
import type { Lang } from '../../core/findings.js';
import { isoInZone, PARIS } from '../format.js';

/** `15/04/2026 10:00` (fr) / `2026-04-15 10:00` (en), Paris time; the input unchanged if unparsable. */
export function shortInstant(iso: string, lang: Lang): string {
  const p = isoInZone(iso, PARIS);
  if (p === iso && Number.isNaN(Date.parse(iso))) return iso;
  const [y, m, d] = p.slice(0, 10).split('-');
  const hm = p.slice(11, 16);
  return lang === 'fr' ? `${d}/${m}/${y} ${hm}` : `${y}-${m}-${d} ${hm}`;
}

/** `15/04/2026` (fr) / `2026-04-15` (en) for a YYYY-MM-DD day. */
export function dayText(day: string, lang: Lang): string {
  const [y, m, d] = day.split('-');
  return lang === 'fr' ? `${d}/${m}/${y}` : day;
}

/** `15/04` (fr) / `04-15` (en), for chart axes. */
export function dayShort(day: string, lang: Lang): string {
  const [, m, d] = day.split('-');
  return lang === 'fr' ? `${d}/${m}` : `${m}-${d}`;
}

/** `1 j 10 h 05 min` / `1 d 10 h 05 min`, `45 min`, `0 min`: a duration to the minute. */
export function durationText(ms: number, lang: Lang): string {
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (d) parts.push(`${d}\u00a0${lang === 'fr' ? 'j' : 'd'}`);
  if (d || h) parts.push(`${h}\u00a0h`);
  parts.push(`${d || h ? String(m).padStart(2, '0') : m}\u00a0min`);
  return parts.join(' ');
}

function decimal(value: number, digits: number, lang: Lang): string {
  const s = value.toFixed(digits);
  return lang === 'fr' ? s.replace('.', ',') : s;
}

/** A ratio as a percentage with two decimals, never rounded up to 100 when it is not 1: `99,74 %`. */
export function percentText(ratio: number, lang: Lang): string {
  const pct = ratio * 100;
  const shown = ratio < 1 && pct.toFixed(2) === '100.00' ? '99.99' : pct.toFixed(2);
  const n = lang === 'fr' ? shown.replace('.', ',') : shown;
  return lang === 'fr' ? `${n}\u00a0%` : `${n}%`;
}

/** Milliseconds as seconds with two decimals: `0,42 s`; `—` when undefined. */
export function secondsText(ms: number | undefined, lang: Lang): string {
  return ms === undefined ? '—' : `${decimal(ms / 1000, 2, lang)}\u00a0s`;
}

/** File size: `1,2 Mo` / `1.2 MB`, `830 ko` / `830 kB`. */
export function sizeText(bytes: number, lang: Lang): string {
  if (bytes >= 1024 * 1024) return `${decimal(bytes / (1024 * 1024), 1, lang)}\u00a0${lang === 'fr' ? 'Mo' : 'MB'}`;
  return `${Math.max(1, Math.round(bytes / 1024))}\u00a0${lang === 'fr' ? 'ko' : 'kB'}`;
}
