/**
 * Turns ajv errors into plain messages an editor can act on. The YAML-specific trap (an unquoted
 * `+33612345678`, `0810002909371` or `1.10` read as a number) gets its own message asking to quote the
 * value as written.
 */
import { isScalar, Scalar, type Node } from 'yaml';
import type { ErrorObject } from 'ajv';

/** Small edit distance for "did you mean" on unknown fields (no library needed for ~10 short keys). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

export function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

function expectedTypes(error: ErrorObject): string[] {
  const type = (error.params as { type?: string | string[] }).type;
  return Array.isArray(type) ? type : type ? [type] : [];
}

/** Message for one ajv error; `node` is the YAML node at the error's instancePath, `source` the file text. */
export function schemaErrorMessage(error: ErrorObject, node: Node | undefined, source: string): string {
  switch (error.keyword) {
    case 'type': {
      const expected = expectedTypes(error);
      const written = isScalar(node) && node.range ? source.slice(node.range[0], node.range[1]) : undefined;
      const plain = isScalar(node) && (node.type === Scalar.PLAIN || node.type === undefined);
      if (expected.includes('string') && plain && written !== undefined && typeof node.value !== 'string') {
        const what = node.value === null ? 'an empty value' : `the ${typeof node.value} ${String(node.value)}`;
        return `expected text but YAML read ${what}: quote this value (write "${written}")`;
      }
      return `expected ${expected.join(' or ')}, found ${describe(error.data)}`;
    }
    case 'required':
      return `missing required field "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'additionalProperties': {
      const property = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = closest(property, known);
      return `unknown field "${property}"${hint ? ` (did you mean "${hint}"?)` : known.length ? ` (allowed: ${known.join(', ')})` : ''}`;
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v));
      return `${describe(error.data)} is not allowed; use one of ${allowed.join(', ')}`;
    }
    case 'const':
      return `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    case 'pattern': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return `${describe(error.data)} does not match ${description ?? `the pattern ${(error.params as { pattern: string }).pattern}`}`;
    }
    case 'format':
      return `${describe(error.data)} is not a valid ${(error.params as { format: string }).format}`;
    case 'minItems':
      return `needs at least ${(error.params as { limit: number }).limit} item(s)`;
    case 'maxItems':
      return `accepts at most ${(error.params as { limit: number }).limit} item(s)`;
    case 'uniqueItems':
      return `items must be unique (items ${(error.params as { j: number }).j} and ${(error.params as { i: number }).i} are equal)`;
    case 'minLength':
      return `must not be empty${(error.params as { limit: number }).limit > 1 ? ` (at least ${(error.params as { limit: number }).limit} characters)` : ''}`;
    default:
      return error.message ?? `does not satisfy "${error.keyword}"`;
  }
}
