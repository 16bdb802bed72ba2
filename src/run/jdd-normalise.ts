/**
 * How a value the JDD declares is compared with the value an answer carries (src/run/jdd-facts.ts).
 * The same rules are written in datasets/README.md ("How the JDD is compared"):
 *
 * - text (names, address line, city): Unicode letters and digits in order; case, accents (é = e = E),
 *   spacing and the punctuation `- ' ’ , . ;` are ignored, each run of them being one separator
 *   ("Saint-Étienne" = "SAINT ETIENNE"). French postal addressing writes upper case without accents,
 *   as the IG's own examples do ("25 CHEMIN DE MOUNESTIE"), so an editor may too.
 * - address line: the lines are joined, then compared as text: ["12 rue X", "Bât. B"] equals
 *   ["12 rue X, Bât B"].
 * - given names: the list joined with a space, compared as text.
 * - postal code: digits only (spaces dropped), exact.
 * - phone: spaces, dots, dashes, slashes and parentheses dropped, a `(0)` after the country code
 *   dropped, `00` read as `+`, and a national `0` + 9 digits read as `+33` + 9 digits; then exact:
 *   "+33 1 99 00 01 11" = "+33199000111" = "01 99 00 01 11". (A national number of an overseas
 *   department, 0262…, reads as +33 262…: write overseas phones in the JDD with their own code.)
 * - identifiers (IDNPS, IDNST, FINESS, SIRET): trimmed, exact, prefix included.
 * - booking URL: the Slot.comment must start with the JDD's base: same scheme and host (case-insensitive,
 *   default port ignored), and a path equal to the base path or below it (a trailing `/` of the base is
 *   ignored); query and fragment of the base are ignored.
 */

/** Text as compared: lower case, no accents, punctuation and spacing folded to one space. */
export function normaliseText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s\-'’‘`,.;]+/gu, ' ')
    .trim();
}

export function sameText(a: string, b: string): boolean {
  return normaliseText(a) === normaliseText(b);
}

/** Address lines joined, as compared. */
export function normaliseLines(lines: string[]): string {
  return normaliseText(lines.join(' '));
}

export function normalisePostalCode(s: string): string {
  return s.replace(/\s+/g, '');
}

/** A phone in its international form (`+33199000111`), or the input stripped when not recognised. */
export function normalisePhone(s: string): string {
  let p = s
    .trim()
    .replace(/\(0\)/g, '')
    .replace(/[\s.\-/()]+/g, '');
  if (p.startsWith('00')) p = `+${p.slice(2)}`;
  if (/^0\d{9}$/.test(p)) p = `+33${p.slice(1)}`;
  return p;
}

export function samePhone(a: string, b: string): boolean {
  return normalisePhone(a) === normalisePhone(b);
}

/** Whether `url` is the booking base `base` or a page below it. */
export function underBookingBase(url: string, base: string): boolean {
  let u: URL;
  let b: URL;
  try {
    u = new URL(url.trim());
    b = new URL(base.trim());
  } catch {
    return false;
  }
  if (u.protocol !== b.protocol || u.host !== b.host) return false;
  const basePath = b.pathname.replace(/\/+$/, '');
  return basePath === '' || u.pathname === basePath || u.pathname.startsWith(`${basePath}/`);
}
