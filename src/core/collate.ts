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
 * The primary weight of each punctuation character, as a character below the digits (0x30): ICU puts
 * punctuation before digits before letters, and orders digits and letters as ASCII does once the
 * letters are lowercased. So a key keeps digits and lowercase letters as they are and replaces only
 * the punctuation: native string operations (toLowerCase, replace) do most of the work.
 */
const PUNCTUATION_WEIGHT: Record<string, string> = {};
{
  let w = 0;
  for (const ch of ROOT_ORDER) {
    if (/[0-9A-Za-z]/.test(ch)) continue;
    PUNCTUATION_WEIGHT[ch] = String.fromCharCode(++w);
  }
}

/** The text this module orders itself: printable ASCII (every character has its own primary weight). */
const PRINTABLE_ASCII = /^[ -~]*$/;
const NOT_ALPHANUMERIC = /[^0-9a-z]/g;
const DIGIT_RUN = /[0-9]+/g;
const UPPERCASE = /[A-Z]/;
const MAX_DIGITS = 100;

/** A digit run of `numeric` keys: a digit as marker, the run's length, then its digits (shorter numbers first). */
function digitRunKey(run: string): string {
  return `0${String.fromCharCode(run.length)}${run}`;
}

/**
 * A sort key of `s` whose plain string order (`<`) is ICU's root order: the primary weights (letters
 * lowercased, punctuation replaced by its weight; with `numeric`, each digit run as digitRunKey), a
 * separator below every weight (a text before its extensions), then one case mark per character (ICU's
 * tertiary level: on equal primaries, the first difference of case puts lowercase first). Undefined
 * when ICU has its own rules for the text: not printable ASCII, or with `numeric` a digit run with a
 * leading zero or longer than 100 digits. Keys make a sort of n texts cost n keys and native string
 * comparisons, where ICU costs its start and a collation per comparison.
 */
export function collationKey(s: string, numeric: boolean): string | undefined {
  if (!PRINTABLE_ASCII.test(s)) return undefined;
  let primary = s.toLowerCase().replace(NOT_ALPHANUMERIC, (ch) => PUNCTUATION_WEIGHT[ch]);
  if (numeric) {
    let icuRules = false;
    primary = primary.replace(DIGIT_RUN, (run) => {
      if ((run.length > 1 && run[0] === '0') || run.length > MAX_DIGITS) icuRules = true;
      return digitRunKey(run);
    });
    if (icuRules) return undefined;
  }
  const cases = UPPERCASE.test(s) ? s.replace(/[^A-Z]/g, '0').replace(/[A-Z]/g, '1') : '0'.repeat(s.length);
  return `${primary}\u0000${cases}`;
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
