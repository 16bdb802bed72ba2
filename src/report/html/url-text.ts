/**
 * A request URL as a person reads it: percent-escapes of the query decoded (`%2B01:00` → `+01:00`,
 * `%7C` → `|`), except those that would turn into control, space or invisible characters, or into a
 * character that changes how the query splits or reads (`&`, `=`, `#`, `%`). The exact wire form is shown
 * beside it; this is for reading only.
 */

/** Escapes left encoded: what would hide, split or re-escape the text. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must stay encoded
const KEEP = /[\u0000-\u0020\u007f-\u00a0\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff&=#%]/u;

function decodePart(part: string): string {
  return part.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let text: string;
    try {
      text = decodeURIComponent(run);
    } catch {
      return run; // not UTF-8: keep the bytes as written
    }
    return [...text].map((ch) => (KEEP.test(ch) ? encodeURIComponent(ch) : ch)).join('');
  });
}

/** The URL with its readable escapes decoded; the URL itself when nothing changes. */
export function readableUrl(url: string): string {
  return decodePart(url);
}
