/**
 * Turns ajv errors into plain messages an editor can act on, in French and English. The YAML-specific
 * trap (an unquoted `+33612345678`, `0810002909371` or `1.10` read as a number) gets its own message
 * asking to quote the value as written. Field names, values and the text to write stay verbatim in both
 * languages; the French uses its typography (a non-breaking space before « : », « ; », « ? »).
 */
import { isScalar, Scalar, type Node } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Message } from '../core/findings.js';
import { guillemets, NBSP } from '../core/typography.js';

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

/** A value's text for French guillemets: JSON's escaping of control characters, without its outer quotes. */
const verbatim = (text: string): string => JSON.stringify(text).slice(1, -1);

const FRENCH_TYPES: Record<string, string> = {
  string: 'texte',
  array: 'liste',
  object: 'table clé-valeur',
  number: 'nombre',
  integer: 'nombre entier',
  boolean: 'booléen',
  null: 'valeur vide',
};

/** A scalar read by YAML ("the number 1.1", « le nombre 1.1 »). */
function describeScalar(value: unknown): Message {
  if (value === null) return { fr: 'une valeur vide', en: 'an empty value' };
  const frType = typeof value === 'number' ? 'le nombre' : typeof value === 'boolean' ? 'le booléen' : `la valeur ${typeof value}`;
  return { fr: `${frType} ${String(value)}`, en: `the ${typeof value} ${String(value)}` };
}

function describe(value: unknown): Message {
  if (Array.isArray(value)) return { fr: 'une liste', en: 'a list' };
  if (value !== null && typeof value === 'object') return { fr: 'une table clé-valeur', en: 'a mapping' };
  if (typeof value === 'string') return { fr: `le texte ${guillemets(verbatim(value))}`, en: `the text ${JSON.stringify(value)}` };
  return describeScalar(value);
}

function expectedTypes(error: ErrorObject): string[] {
  const type = (error.params as { type?: string | string[] }).type;
  return Array.isArray(type) ? type : type ? [type] : [];
}

/** A message from its French and English texts. */
const both = (fr: string, en: string): Message => ({ fr, en });

/** Message for one ajv error; `node` is the YAML node at the error's instancePath, `source` the file text. */
export function schemaErrorMessage(error: ErrorObject, node: Node | undefined, source: string): Message {
  const limit = (error.params as { limit?: number }).limit ?? 0;
  switch (error.keyword) {
    case 'type': {
      const expected = expectedTypes(error);
      const written = isScalar(node) && node.range ? source.slice(node.range[0], node.range[1]) : undefined;
      const plain = isScalar(node) && (node.type === Scalar.PLAIN || node.type === undefined);
      if (expected.includes('string') && plain && written !== undefined && typeof node.value !== 'string') {
        const what = describeScalar(node.value);
        // the text to write is YAML: its double quotes stay ASCII in French
        return both(
          `texte attendu, mais YAML a lu ${what.fr}${NBSP}: mettre cette valeur entre guillemets (écrire "${written}")`,
          `expected text but YAML read ${what.en}: quote this value (write "${written}")`,
        );
      }
      const found = describe(error.data);
      return both(
        `type attendu${NBSP}: ${expected.map((t) => FRENCH_TYPES[t] ?? t).join(' ou ')}, trouvé${NBSP}: ${found.fr}`,
        `expected ${expected.join(' or ')}, found ${found.en}`,
      );
    }
    case 'required': {
      const field = (error.params as { missingProperty: string }).missingProperty;
      return both(`champ obligatoire ${guillemets(field)} manquant`, `missing required field "${field}"`);
    }
    case 'additionalProperties': {
      const property = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = closest(property, known);
      const more: Message = hint
        ? { fr: ` (vouliez-vous dire ${guillemets(hint)}${NBSP}?)`, en: ` (did you mean "${hint}"?)` }
        : known.length
          ? { fr: ` (champs permis${NBSP}: ${known.join(', ')})`, en: ` (allowed: ${known.join(', ')})` }
          : { fr: '', en: '' };
      return both(`champ ${guillemets(property)} inconnu${more.fr}`, `unknown field "${property}"${more.en}`);
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
      const found = describe(error.data);
      return both(
        `valeur refusée${NBSP}: ${found.fr}${NBSP}; valeurs acceptées${NBSP}: ${allowed}`,
        `${found.en} is not allowed; use one of ${allowed}`,
      );
    }
    case 'const': {
      const value = JSON.stringify((error.params as { allowedValue: unknown }).allowedValue);
      return both(`doit valoir ${value}`, `must be ${value}`);
    }
    case 'pattern': {
      const schema = error.parentSchema as { description?: string; 'x-description-fr'?: string } | undefined;
      const pattern = (error.params as { pattern: string }).pattern;
      const found = describe(error.data);
      // the schemas describe their formats in English; a French description, when given, wins
      const expectedFr = schema?.['x-description-fr'] ?? schema?.description ?? `le motif ${pattern}`;
      return both(
        `${found.fr} ne respecte pas le format attendu${NBSP}: ${expectedFr}`,
        `${found.en} does not match ${schema?.description ?? `the pattern ${pattern}`}`,
      );
    }
    case 'format': {
      const format = (error.params as { format: string }).format;
      const found = describe(error.data);
      return both(`${found.fr} n'est pas au format ${format}`, `${found.en} is not a valid ${format}`);
    }
    case 'minItems':
      return both(`au moins ${limit} élément(s) requis`, `needs at least ${limit} item(s)`);
    case 'maxItems':
      return both(`au plus ${limit} élément(s) accepté(s)`, `accepts at most ${limit} item(s)`);
    case 'uniqueItems': {
      const { i, j } = error.params as { i: number; j: number };
      return both(
        `les éléments doivent être distincts (les éléments ${j} et ${i} sont égaux)`,
        `items must be unique (items ${j} and ${i} are equal)`,
      );
    }
    case 'minLength':
      return both(
        `ne doit pas être vide${limit > 1 ? ` (au moins ${limit} caractères)` : ''}`,
        `must not be empty${limit > 1 ? ` (at least ${limit} characters)` : ''}`,
      );
    case 'maxLength':
      return both(`au plus ${limit} caractère(s)`, `must be at most ${limit} character(s) long`);
    case 'minimum':
      return both(`doit valoir au moins ${limit}`, `must be at least ${limit}`);
    case 'maximum':
      return both(`doit valoir au plus ${limit}`, `must be at most ${limit}`);
    default:
      return both(
        `ne respecte pas la règle ${guillemets(error.keyword)} du schéma${error.message ? ` (${error.message})` : ''}`,
        error.message ?? `does not satisfy "${error.keyword}"`,
      );
  }
}
