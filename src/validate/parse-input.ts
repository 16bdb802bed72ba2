/**
 * Turns the bytes of a file (or of stdin) into a FHIR resource, or into one `fatal` finding that says
 * what is wrong with the input: empty, too large, not UTF-8, HTML instead of JSON, broken or truncated
 * JSON, or JSON that is not a FHIR resource; a resource comes with the findings about its text (duplicate
 * keys, numbers out of range). Pure: bytes in, value out; never throws on bad input.
 */
import { isUtf8 } from 'node:buffer';
import { finding, type Finding } from '../core/findings.js';
import type { FhirResource } from '../fhir/packages/types.js';
import { inputTooLargeMessage } from '../core/read-capped.js';
import { findJsonErrorOffset } from './json-error-position.js';
import { scanFindings, scanJsonText } from './json-text-checks.js';
import { MAX_JSON_DEPTH, nestsDeeperThan, tooDeepMessage } from '../core/json-depth.js';

/** Largest input read (a 25-practitioner SAS answer is a few MB; 100 MiB leaves a wide margin). */
export const MAX_INPUT_BYTES = 100 * 1024 * 1024;

export interface RawInput {
  /** File path as given, or `stdin`. */
  label: string;
  /** Size in bytes. */
  size: number;
  /** The bytes, or null when the input was larger than the limit and therefore not kept. */
  content: Buffer | null;
  /** False when reading stopped at the limit (stdin, pipe, device): `size` is then only a lower bound. */
  sizeKnown?: boolean;
}

/**
 * A resource, with the problems of its text JSON.parse hides (duplicate keys, numbers out of range:
 * json-text-checks.ts) as findings; or the one fatal finding that stops validation.
 */
export type ParsedInput = { ok: true; resource: FhirResource; findings: Finding[] } | { ok: false; finding: Finding };

const fatal = (ruleId: string, location: string, fr: string, en: string): ParsedInput => ({
  ok: false,
  finding: finding('fatal', ruleId, 'structure', location, { fr, en }),
});

export function parseFhirJson(input: RawInput, maxBytes: number = MAX_INPUT_BYTES): ParsedInput {
  const { label } = input;
  if (input.content === null || input.size > maxBytes) {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    if (input.sizeKnown === false) {
      const m = inputTooLargeMessage(label, maxBytes);
      return fatal('input-too-large', label, `${capitalise(m.fr)}.`, `${capitalise(m.en)}.`);
    }
    return fatal(
      'input-too-large',
      label,
      `Entrée de ${mb(input.size)} Mo, au-delà de la limite de ${mb(maxBytes)} Mo : elle n'a pas été lue.`,
      `Input of ${mb(input.size)} MB exceeds the ${mb(maxBytes)} MB limit: it was not read.`,
    );
  }
  const bytes = input.content;
  if (hasUtf16Bom(bytes)) {
    return fatal(
      'input-not-utf8',
      label,
      "L'entrée est encodée en UTF-16 ; une ressource FHIR JSON doit être en UTF-8.",
      'The input is encoded in UTF-16; FHIR JSON must be UTF-8.',
    );
  }
  const decoded = bytes.toString('utf8');
  // an invalid byte sequence decodes to U+FFFD: only a text with one needs the check of every byte
  // (isUtf8: about 20 ms for a 10,000-slot answer, where looking for U+FFFD takes well under 1 ms)
  if (decoded.includes('\uFFFD') && !isUtf8(bytes)) {
    return fatal(
      'input-not-utf8',
      label,
      "L'entrée n'est pas de l'UTF-8 valide (Latin-1 ou Windows-1252 ?) ; une ressource FHIR JSON doit être en UTF-8.",
      'The input is not valid UTF-8 (Latin-1 or Windows-1252?); FHIR JSON must be UTF-8.',
    );
  }
  const text = stripBom(decoded);
  const start = firstNonSpace(text);
  if (start < 0) {
    return fatal(
      'input-empty',
      label,
      "L'entrée est vide : une ressource FHIR en JSON est attendue (par exemple un Bundle searchset).",
      'The input is empty: a FHIR resource in JSON is expected (e.g. a searchset Bundle).',
    );
  }
  if (text[start] === '<') {
    const html = /^<(!doctype\s+html|html|head|body)\b/i.test(text.slice(start, start + 64));
    return fatal(
      'input-not-json',
      label,
      html
        ? "L'entrée est une page HTML, pas du JSON : le serveur a peut-être renvoyé une page d'erreur ou de connexion."
        : "L'entrée ressemble à du XML : seul le JSON FHIR est pris en charge (format application/fhir+json).",
      html
        ? 'The input is an HTML page, not JSON: the server may have returned an error or login page.'
        : 'The input looks like XML: only FHIR JSON is supported (application/fhir+json).',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return syntaxError(label, text, e as Error);
  }
  return checkResourceShape(value, label, text);
}

/**
 * The parsed value as a resource, with the findings of its text. The text scan (duplicate keys, numbers
 * out of range) also measures the nesting of the text, which bounds the value's: only a text nested too
 * deeply needs the walk of the value (a duplicate key may have dropped the deep part).
 */
function checkResourceShape(value: unknown, label: string, text: string): ParsedInput {
  if (value === null || typeof value !== 'object') {
    const kind = value === null ? 'null' : typeof value;
    return fatal(
      'input-not-resource',
      label,
      `Le JSON est une valeur ${kind}, pas une ressource FHIR : un objet avec "resourceType" est attendu.`,
      `The JSON is a ${kind} value, not a FHIR resource: an object with "resourceType" is expected.`,
    );
  }
  if (Array.isArray(value)) {
    return fatal(
      'input-not-resource',
      label,
      `Le JSON est un tableau (${value.length} éléments), pas une ressource FHIR : une seule ressource est attendue (par exemple un Bundle searchset).`,
      `The JSON is an array (${value.length} items), not a FHIR resource: one resource is expected (e.g. a searchset Bundle).`,
    );
  }
  const rt = (value as { resourceType?: unknown }).resourceType;
  const scan = scanJsonText(text, typeof rt === 'string' ? rt : '$', 100, value);
  if (scan.maxDepth > MAX_JSON_DEPTH && nestsDeeperThan(value)) {
    const m = tooDeepMessage();
    return fatal('input-too-deep', label, `${m.fr}.`, `${m.en}.`);
  }
  if (typeof rt !== 'string' || rt === '') {
    return fatal(
      'input-not-resource',
      label,
      rt === undefined
        ? `L'objet JSON n'a pas de "resourceType" : ce n'est pas une ressource FHIR.`
        : `"resourceType" doit être une chaîne non vide (trouvé : ${JSON.stringify(rt).slice(0, 40)}).`,
      rt === undefined
        ? 'The JSON object has no "resourceType": it is not a FHIR resource.'
        : `"resourceType" must be a non-empty string (found: ${JSON.stringify(rt).slice(0, 40)}).`,
    );
  }
  return { ok: true, resource: value as FhirResource, findings: scanFindings(scan) };
}

function syntaxError(label: string, text: string, e: Error): ParsedInput {
  const pos = /at position (\d+)/.exec(e.message);
  let offset = pos ? Number(pos[1]) : findJsonErrorOffset(text);
  if (offset < 0) offset = text.length; // the scanner accepted what JSON.parse refused: point at the end
  const { line, col } = lineCol(text, offset);
  const truncated = offset >= text.trimEnd().length;
  const near = JSON.stringify(text.slice(offset, offset + 30).replace(/\s+/g, ' '));
  return fatal(
    'input-not-json',
    `${label}:${line}:${col}`,
    truncated
      ? `JSON incomplet (tronqué ?) : le texte s'arrête ligne ${line}, colonne ${col}, avant la fin de la ressource.`
      : `JSON invalide ligne ${line}, colonne ${col}, à partir de ${near}.`,
    truncated
      ? `Incomplete (truncated?) JSON: the text stops at line ${line}, column ${col}, before the resource is closed.`
      : `Invalid JSON at line ${line}, column ${col}, from ${near}.`,
  );
}

/** 1-based line and column of a character offset (scans once; no copy of the text). */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: end - lineStart + 1 };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function hasUtf16Bom(b: Buffer): boolean {
  return b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff));
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function firstNonSpace(s: string): number {
  const m = /\S/.exec(s);
  return m ? m.index : -1;
}
