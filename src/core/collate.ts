/**
 * The order of ICU's root collation (what `localeCompare` and `Intl.Collator('en')` give), written by hand
 * for printable ASCII, as sort keys: the first Intl call of a process starts ICU (about 10 ms), which
 * `validate` paid only to sort its findings, and each ICU comparison is slower than a comparison of two
 * keys. Locations and rule ids are ASCII; any other text (a non-ASCII key, a digit run with a leading
 * zero or longer than 100 digits, where ICU has its own rules) is compared by Intl, created on first
 * need. collate.test.ts checks this order against Intl on generated locations.
 */

/** Printable ASCII in ICU root order; a lowercase letter and its capital share a primary weight. */
const ROOT_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ';

/** Primary weight of each printable ASCII code (ICU's first level): capitals weigh as their lowercase letter. */
const PRIMARY = new Uint8Array(128);
{
  let w = 0;
  for (let k = 0; k < ROOT_ORDER.length; k++) {
    const c = ROOT_ORDER.charCodeAt(k);
    if (c < 0x41 || c > 0x5a) w++;
    PRIMARY[c] = w;
  }
}

/** The text this module orders itself: printable ASCII (every character has its own primary weight). */
const PRINTABLE_ASCII = /^[ -~]*$/;
const MAX_DIGITS = 100;
const ZERO = 0x30;
const isDigit = (c: number) => c >= ZERO && c <= 0x39;
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;

/**
 * A sort key of `s` whose plain string order (`<`) is ICU's root order: the primary weights (with
 * `numeric`, a digit run becomes the weight of a digit, its length, then its digits: shorter numbers
 * first), a separator below every weight (a text before its extensions), then one case mark per
 * character (ICU's tertiary level: on equal primaries, the first difference of case puts lowercase
 * first). Undefined when ICU has its own rules for the text: not printable ASCII, or with `numeric` a
 * digit run with a leading zero or longer than 100 digits. Keys make a sort of n texts cost n keys and
 * native string comparisons, where ICU costs its start and a collation per comparison.
 */
export function collationKey(s: string, numeric: boolean): string | undefined {
  if (!PRINTABLE_ASCII.test(s)) return undefined;
  const n = s.length;
  const primary: number[] = [];
  let cases = '';
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (numeric && isDigit(c)) {
      let end = i + 1;
      while (end < n && isDigit(s.charCodeAt(end))) end++;
      const length = end - i;
      if ((c === ZERO && length > 1) || length > MAX_DIGITS) return undefined;
      primary.push(PRIMARY[ZERO], length);
      for (; i < end; i++) {
        primary.push(PRIMARY[s.charCodeAt(i)]);
        cases += '0';
      }
      continue;
    }
    primary.push(PRIMARY[c]);
    cases += isUpper(c) ? '1' : '0';
    i++;
  }
  return `${fromCodes(primary)}\u0000${cases}`;
}

/** String.fromCharCode of a list of any length (a spread of a very long list overflows the stack). */
function fromCodes(codes: number[]): string {
  let out = '';
  for (let k = 0; k < codes.length; k += 4096) out += String.fromCharCode(...codes.slice(k, k + 4096));
  return out;
}

/** Orders two keys of collationKey (or any two strings) by their UTF-16 code units. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

let collator: Intl.Collator | undefined;

/** `Intl.Collator('en', { numeric: true })`, created on first need (it starts ICU). */
function numericCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator('en', { numeric: true }));
}

/** The order the tool always had, through ICU: `localeCompare`, or with `numeric` numericCollator. */
export function compareByIcu(a: string, b: string, numeric: boolean): number {
  return numeric ? numericCollator().compare(a, b) : a.localeCompare(b);
}

/** compareByIcu's order (its sign), through collation keys when both texts have one. */
export function compareTexts(a: string, b: string, numeric: boolean): number {
  if (a === b) return 0;
  const ka = collationKey(a, numeric);
  const kb = ka === undefined ? undefined : collationKey(b, numeric);
  return kb === undefined ? Math.sign(compareByIcu(a, b, numeric)) : compareKeys(ka!, kb);
}

/** `Intl.Collator('en').compare(a, b)` (the sign of it), without starting ICU for ASCII text. */
export function compareText(a: string, b: string): number {
  return compareTexts(a, b, false);
}

/** `Intl.Collator('en', { numeric: true }).compare(a, b)` (the sign of it): `entry[2]` before `entry[10]`. */
export function compareNumeric(a: string, b: string): number {
  return compareTexts(a, b, true);
}
