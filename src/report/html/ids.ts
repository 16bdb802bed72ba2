/**
 * Case, requirement and rule ids as code that does not break inside: a line break after the hyphen
 * of `agg-psindiv@10` reads as two ids. An id longer than ID_NOWRAP_MAX characters would overflow the
 * narrow columns it sits in, so it may still wrap where it must (class `long`).
 */
import { html, type SafeHtml } from './escape.js';

export const ID_NOWRAP_MAX = 18;

export function idCode(id: string): SafeHtml {
  return id.length <= ID_NOWRAP_MAX ? html`<code class="id">${id}</code>` : html`<code class="id long">${id}</code>`;
}

/** Ids separated by commas. */
export function idList(ids: readonly string[]): SafeHtml {
  return html`${ids.map((id, i) => html`${i ? ', ' : ''}${idCode(id)}`)}`;
}
