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

/**
 * Each character's primary weight as a UTF-16 code (index: the character's code). ICU puts punctuation
 * before digits before letters, and orders digits and letters as ASCII does once the letters are
 * lowercased: digits and lowercase letters weigh themselves, capitals their lowercase letter, and
 * punctuation a code below the digits (0x30), in ROOT_ORDER. Outside printable ASCII: -1 (ICU's own rules).
 */
const PRIMARY = new Int16Array(128).fill(-1);
{
  let punctuation = 0;
  for (const ch of ROOT_ORDER) {
    const c = ch.charCodeAt(0);
    PRIMARY[c] = /[0-9a-z]/.test(ch) ? c : /[A-Z]/.test(ch) ? c + 0x20 : ++punctuation;
  }
}

const MAX_DIGITS = 100;
const DIGIT_MARK = 0x30;
const LOWER_MARK = 0x30;
const UPPER_MARK = 0x31;

/** Working buffers of collationKey, grown when a text is longer (a key is built once per text of a sort). */
let primaryCodes = new Uint16Array(256);
let caseCodes = new Uint16Array(128);

/** The string of the first `n` codes of `codes`, in slices (String.fromCharCode takes them as arguments). */
function codesToString(codes: Uint16Array, n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return out;
}

/**
 * A sort key of `s` whose plain string order (`<`) is ICU's root order: the primary weights (letters
 * lowercased, punctuation replaced by its weight; with `numeric`, each digit run as a digit, the run's
 * length as a character, then its digits: shorter numbers first), a separator below every weight (a
 * text before its extensions), then one case mark per character (ICU's tertiary level: on equal
 * primaries, the first difference of case puts lowercase first). Undefined when ICU has its own rules
 * for the text: not printable ASCII, or with `numeric` a digit run with a leading zero or longer than
 * 100 digits. Keys make a sort of n texts cost n keys and native string comparisons, where ICU costs its
 * start and a collation per comparison. One pass over the character codes, written by hand: a key per
 * finding of a 10,000-slot answer, where regular expressions with a replacement callback took twice
 * as long.
 */
export function collationKey(s: string, numeric: boolean): string | undefined {
  const n = s.length;
  if (primaryCodes.length < 3 * n + 1) primaryCodes = new Uint16Array(3 * n + 1);
  if (caseCodes.length < n) caseCodes = new Uint16Array(n);
  const primary = primaryCodes;
  const cases = caseCodes;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const weight = c < 0x80 ? PRIMARY[c] : -1;
    if (weight < 0) return undefined;
    if (numeric && c >= 0x30 && c <= 0x39) {
      let end = i + 1;
      while (end < n && s.charCodeAt(end) >= 0x30 && s.charCodeAt(end) <= 0x39) end++;
      const length = end - i;
      if ((length > 1 && c === 0x30) || length > MAX_DIGITS) return undefined;
      primary[j++] = DIGIT_MARK;
      primary[j++] = length;
      for (; i < end; i++) {
        primary[j++] = s.charCodeAt(i);
        cases[i] = LOWER_MARK;
      }
      i--;
      continue;
    }
    primary[j++] = weight;
    cases[i] = c >= 0x41 && c <= 0x5a ? UPPER_MARK : LOWER_MARK;
  }
  primary[j++] = 0;
  return codesToString(primary, j) + codesToString(cases, n);
}

/** Orders two keys of collationKey (or any two strings) by their UTF-16 code units. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

let collator: Intl.Collator | undefined;

/** `Intl.Collator('en', { numeric: true })`, created on first need (it starts ICU). */
function numericCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator('en', { numeric: true }));
}

/** The order the tool always had, through ICU: `localeCompare`, or with `numeric` numericCollator. */
function compareByIcu(a: string, b: string, numeric: boolean): number {
  return numeric ? numericCollator().compare(a, b) : a.localeCompare(b);
}

/**
 * compareByIcu's order (its sign) of two texts given with their collation keys (collationKey, computed
 * once per text by a sort): by the keys when both have one, else by ICU.
 */
export function compareKeyed(a: string, ka: string | undefined, b: string, kb: string | undefined, numeric: boolean): number {
  if (a === b) return 0;
  return ka !== undefined && kb !== undefined ? compareKeys(ka, kb) : Math.sign(compareByIcu(a, b, numeric));
}

/** compareByIcu's order (its sign), through collation keys when both texts have one. */
function compareTexts(a: string, b: string, numeric: boolean): number {
  return compareKeyed(a, collationKey(a, numeric), b, collationKey(b, numeric), numeric);
}

/** `Intl.Collator('en').compare(a, b)` (the sign of it), without starting ICU for ASCII text. */
export function compareText(a: string, b: string): number {
  return compareTexts(a, b, false);
}

/** `Intl.Collator('en', { numeric: true }).compare(a, b)` (the sign of it): `entry[2]` before `entry[10]`. */
export function compareNumeric(a: string, b: string): number {
  return compareTexts(a, b, true);
}
