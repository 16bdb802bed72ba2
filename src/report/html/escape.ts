/**
 * HTML building with escaping by default: the `html` tagged template escapes every interpolated value
 * unless it is already SafeHtml (produced by `html` itself). Text from the endpoint can therefore only
 * reach the page as text. Hand-written instead of a template library because the need is this one
 * function and its escaping rules must be obvious to a reviewer.
 */
import { visibleEscape } from '../invisible-chars.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlPart = SafeHtml | string | number | null | undefined | false | readonly HtmlPart[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escapes text for element content and double- or single-quoted attribute values. Control characters
 * (other than tab, newline, carriage return), bidirectional controls and other invisible format
 * characters, lone surrogates and U+FFFE/U+FFFF are shown as `⟨U+202E⟩` (invisible-chars.ts): they are
 * invalid in HTML or could hide or visually reorder text in a document that gets signed.
 */
export function escapeHtml(text: string): string {
  return visibleEscape(text).replace(/[&<>"'`]/g, (c) => ENTITIES[c]);
}

function render(part: HtmlPart): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** Tagged template: literal parts are trusted markup, interpolations are escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i += 1) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Markup the tool itself wrote (the stylesheet); never call it with data. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * A CSS string literal for `content:` (the page footer carries the PV number): every character other
 * than letters, digits, space, `-`, `_`, `.` and `#` becomes a CSS escape, so nothing can close the
 * string, the rule or the <style> element.
 */
export function cssString(text: string): string {
  const body = [...text]
    .map((ch) => (/^[A-Za-z0-9 _.#-]$/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16).padStart(6, '0')}`))
    .join('');
  return `"${body}"`;
}

/** An id usable in `id` and `href="#…"`: ASCII letters, digits, `-`, `_`, always distinct per index. */
export function anchorId(prefix: string, key: string, index: number): string {
  const slug = key
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${prefix}-${index}-${slug || 'x'}`;
}
