/**
 * FHIR R4 primitive types: JSON representation and lexical rules. The regular expressions are those
 * of the R4 specification (datatypes.html, "Primitive Types"), anchored; they are written here rather
 * than read from the StructureDefinitions so the checks stay linear and independent of the loaded
 * packages. base64Binary is checked by hand because its published regex backtracks badly on long
 * inputs; date/dateTime/instant also get a calendar check (the regexes accept 2024-02-31).
 */

export type JsonKind = 'string' | 'boolean' | 'number';

interface PrimitiveRule {
  json: JsonKind;
  regex?: RegExp;
  integer?: { min: number };
  check?: (s: string) => boolean;
}

const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[1-2][0-9]|3[0-1])';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const ZONE = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';

const anchored = (source: string) => new RegExp(`^(?:${source})$`);

function isBase64(s: string): boolean {
  let count = 0;
  let padding = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    const isAlnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (c === 61) padding++;
    else if ((!isAlnum && c !== 43 && c !== 47) || padding > 0) return false;
    count++;
  }
  return count > 0 && count % 4 === 0 && padding <= 2;
}

/** Rejects days that do not exist (2023-02-29, 2024-04-31); partial dates pass. */
function isRealDate(s: string): boolean {
  if (s.length < 10) return true;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

const STRING = anchored('[ \\r\\n\\t\\S]+');
const URI = anchored('\\S*');

const RULES: Record<string, PrimitiveRule> = {
  boolean: { json: 'boolean' },
  integer: { json: 'number', integer: { min: -2147483648 } },
  positiveInt: { json: 'number', integer: { min: 1 } },
  unsignedInt: { json: 'number', integer: { min: 0 } },
  decimal: { json: 'number' },
  string: { json: 'string', regex: STRING },
  markdown: { json: 'string', regex: STRING },
  xhtml: { json: 'string' },
  uri: { json: 'string', regex: URI },
  url: { json: 'string', regex: URI },
  canonical: { json: 'string', regex: URI },
  code: { json: 'string', regex: anchored('[^\\s]+(\\s[^\\s]+)*') },
  id: { json: 'string', regex: anchored('[A-Za-z0-9\\-\\.]{1,64}') },
  oid: { json: 'string', regex: anchored('urn:oid:[0-2](\\.(0|[1-9][0-9]*))+') },
  uuid: { json: 'string', regex: anchored('urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}') },
  base64Binary: { json: 'string', check: isBase64 },
  instant: { json: 'string', regex: anchored(`${YEAR}-${MONTH}-${DAY}T${TIME}${ZONE}`), check: isRealDate },
  dateTime: {
    json: 'string',
    regex: anchored(`${YEAR}(-${MONTH}(-${DAY}(T${TIME}${ZONE})?)?)?`),
    check: isRealDate,
  },
  date: { json: 'string', regex: anchored(`${YEAR}(-${MONTH}(-${DAY})?)?`), check: isRealDate },
  time: { json: 'string', regex: anchored(TIME) },
};

export function isPrimitiveType(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(RULES, code);
}

export type PrimitiveProblem = { kind: 'json'; expected: JsonKind } | { kind: 'format' } | { kind: 'range'; min: number };

/** Checks one primitive JSON value (not null) against its FHIR type; undefined when it conforms. */
export function checkPrimitive(code: string, value: unknown): PrimitiveProblem | undefined {
  const rule = RULES[code];
  if (!rule) return undefined;
  if (typeof value !== rule.json) return { kind: 'json', expected: rule.json };
  if (rule.json === 'number') {
    const n = value as number;
    if (!Number.isFinite(n)) return { kind: 'format' };
    if (rule.integer) {
      if (!Number.isInteger(n) || n > 2147483647) return { kind: 'format' };
      if (n < rule.integer.min) return { kind: 'range', min: rule.integer.min };
    }
    return undefined;
  }
  if (rule.json === 'string') {
    const s = value as string;
    if (rule.regex && !rule.regex.test(s)) return { kind: 'format' };
    if (rule.check && !rule.check(s)) return { kind: 'format' };
  }
  return undefined;
}
