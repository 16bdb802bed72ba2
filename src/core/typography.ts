/**
 * French typography shared by every text the tool prints: a non-breaking space before ":" (and ";", "?",
 * "!") so the sign never starts a line, and « guillemets » with non-breaking spaces inside. English keeps
 * its own forms.
 */
import type { Lang } from './findings.js';

/** U+00A0, the no-break space. */
export const NBSP = '\u00a0';

/** `:` as each language writes it after a label (`Réserves :`, `Reserves:`). */
export function colon(lang: Lang): string {
  return lang === 'fr' ? `${NBSP}:` : ':';
}

/** A quoted French text: «\u00a0text\u00a0». */
export function guillemets(text: string): string {
  return `«${NBSP}${text}${NBSP}»`;
}

/** A field of a user file named in a problem: `champ «\u00a0x\u00a0»`, `field "x"`. */
export function fieldLabel(name: string, lang: Lang): string {
  return lang === 'fr' ? `champ ${guillemets(name)}` : `field "${name}"`;
}
