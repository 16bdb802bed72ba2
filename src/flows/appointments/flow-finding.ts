/** The JSON readers the flux V3 checks share (their findings: flowFinding, src/flows/context.ts). */

export type Json = Record<string, unknown>;

export function obj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A non-empty string, else undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A value as the messages show it: quoted, cut at 80 characters; `(absent)` / `(missing)` when undefined. */
export function shown(v: unknown, lang: 'fr' | 'en'): string {
  if (v === undefined) return lang === 'fr' ? '(absent)' : '(missing)';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  const cut = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return lang === 'fr' ? `«\u00a0${cut}\u00a0»` : `"${cut}"`;
}
