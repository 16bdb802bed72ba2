/**
 * The order of ICU's root collation (what `localeCompare` and `Intl.Collator('en')` give), written by hand
 * for printable ASCII: the first Intl call of a process starts ICU (about 10 ms), which `validate` paid only
 * to sort its findings. Locations and rule ids are ASCII; any other text (a non-ASCII key, a digit run with
 * a leading zero or longer than 100 digits, where ICU has its own rules) is compared by Intl, created on
 * first need. collate.test.ts checks this order against Intl on generated locations.
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
/** compareAscii's answer when a digit run is read by ICU's own rules (leading zero, very long): ask Intl. */
const ASK_INTL = 2;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

export function isPrintableAscii(s: string): boolean {
  return PRINTABLE_ASCII.test(s);
}

/**
 * ICU's order of two printable ASCII texts: the first primary difference (digit runs as numbers when
 * `numeric`); equal primaries mean equal lengths, and the first difference of case puts lowercase first
 * (ICU's tertiary level). Walks only up to the first difference: a sort compares each text many times.
 */
function compareAscii(a: string, b: string, numeric: boolean): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (numeric && isDigit(ca) && isDigit(cb)) {
      let ei = i + 1;
      while (ei < n && isDigit(a.charCodeAt(ei))) ei++;
      let ej = j + 1;
      while (ej < m && isDigit(b.charCodeAt(ej))) ej++;
      const la = ei - i;
      const lb = ej - j;
      if ((ca === 0x30 && la > 1) || (cb === 0x30 && lb > 1) || la > MAX_DIGITS || lb > MAX_DIGITS) return ASK_INTL;
      if (la !== lb) return la < lb ? -1 : 1;
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d < 0 ? -1 : 1;
      }
      continue;
    }
    if (ca !== cb) {
      const d = PRIMARY[ca] - PRIMARY[cb];
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    i++;
    j++;
  }
  if (i < n) return 1;
  if (j < m) return -1;
  for (let k = 0; k < n; k++) {
    const c = a.charCodeAt(k);
    if (c !== b.charCodeAt(k)) return c >= 0x61 ? -1 : 1;
  }
  return 0;
}

let collator: Intl.Collator | undefined;

/** `Intl.Collator('en', { numeric: true })`, created on first need (it starts ICU). */
export function numericCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator('en', { numeric: true }));
}

/** The order the tool always had, through ICU: `localeCompare`, or with `numeric` numericCollator. */
function compareByIcu(a: string, b: string, numeric: boolean): number {
  return numeric ? numericCollator().compare(a, b) : a.localeCompare(b);
}

/**
 * compareByIcu's order (its sign) without starting ICU when `ascii` says both texts are printable ASCII
 * (isPrintableAscii, checked once per text by a sort).
 */
export function compareTexts(a: string, b: string, numeric: boolean, ascii: boolean): number {
  if (a === b) return 0;
  const r = ascii ? compareAscii(a, b, numeric) : ASK_INTL;
  return r === ASK_INTL ? compareByIcu(a, b, numeric) : r;
}

/** `Intl.Collator('en').compare(a, b)` (the sign of it), without starting ICU for ASCII text. */
export function compareText(a: string, b: string): number {
  return compareTexts(a, b, false, isPrintableAscii(a) && isPrintableAscii(b));
}

/** `Intl.Collator('en', { numeric: true }).compare(a, b)` (the sign of it): `entry[2]` before `entry[10]`. */
export function compareNumeric(a: string, b: string): number {
  return compareTexts(a, b, true, isPrintableAscii(a) && isPrintableAscii(b));
}
