/**
 * Loads a user YAML file (cahier de recette, JDD…) and validates it against a JSON Schema, reporting
 * every problem with its file, line, column and field. YAML syntax errors, duplicate keys and alias
 * bombs come from the yaml library; schema errors from ajv, mapped back to the YAML node they concern.
 *
 * ajv runs with `allErrors: true`: fine here because these files are the user's own and size-capped
 * (it would be a denial-of-service lever on untrusted endpoint bodies).
 */
import { statSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isCollection, isPair, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { SourceRef } from '../core/errors.js';
import type { Lang, Message } from '../core/findings.js';
import { limitText, readFileCappedSync } from '../core/read-capped.js';
import { schemaErrorMessage } from './schema-messages.js';
import { formatDataPath, linePos, locateKey, locateNode, pathAtOffset, pointerToPath, type DataPath } from './yaml-tree.js';
import { colon, fieldLabel, NBSP } from '../core/typography.js';

export interface LocatedYamlError {
  file: string;
  line: number;
  col: number;
  field: string;
  /** What is wrong, in both languages (the yaml library's own words stay English inside the French). */
  message: Message;
}

export type LoadedYaml<T> =
  { ok: true; value: T; locate(path: (string | number)[]): SourceRef } | { ok: false; errors: LocatedYamlError[] };

export interface LoadYamlOptions {
  /** What the file is, for messages about the file itself ("JDD", "cahier de recette file"…), in both languages. */
  label?: Message;
  /** Largest accepted file, in bytes (default 5 MiB), enforced while reading. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** Alias expansions allowed when converting to plain data; more means a "billion laughs" file. */
const MAX_ALIAS_COUNT = 100;

const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default ?? addFormatsModule;

function fileError(file: string, message: Message): LoadedYaml<never> {
  return { ok: false, errors: [{ file, line: 1, col: 1, field: '', message }] };
}

export function loadYamlFile<T>(file: string, schema: object, opts: LoadYamlOptions = {}): LoadedYaml<T> {
  const label = opts.label ?? { fr: 'fichier YAML', en: 'YAML file' };
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let text: string;
  try {
    // A regular file says its size up front; /dev/zero, FIFOs and /proc files say 0: the read itself is capped.
    const size = statSync(file).size;
    const limit = limitText(maxBytes);
    const tooLarge = () =>
      fileError(file, {
        fr: `${label.fr} trop volumineux${NBSP}: plus de ${limit.fr} (lecture arrêtée à la limite)`,
        en: `${label.en} is too large: input larger than ${limit.en} (reading stopped at the limit)`,
      });
    if (size > maxBytes) return tooLarge();
    const { bytes, overLimit } = readFileCappedSync(file, maxBytes);
    if (overLimit) return tooLarge();
    text = bytes.toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason: Message =
      code === 'ENOENT'
        ? { fr: 'introuvable', en: 'not found' }
        : code === 'EISDIR'
          ? { fr: 'est un dossier', en: 'is a directory' }
          : code === 'EACCES'
            ? { fr: 'illisible (permission refusée)', en: 'not readable (permission denied)' }
            : { fr: `illisible${NBSP}: ${(err as Error).message}`, en: (err as Error).message };
    return fileError(file, { fr: `${label.fr} ${reason.fr}`, en: `${label.en} ${reason.en}` });
  }
  return parseYamlText<T>(text, file, schema);
}

/** One line of a yaml library message, without its " at line X, column Y:" tail and code excerpt. */
function shortYamlMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function syntaxErrors(doc: Document, lineCounter: LineCounter, file: string): LocatedYamlError[] {
  return [...doc.errors, ...doc.warnings].map((error) => {
    const offset = error.pos[0];
    const { line, col } = linePos(lineCounter, offset);
    const field = formatDataPath(pathAtOffset(doc, offset));
    const parser = shortYamlMessage(error.message);
    // the parser's own words are English only: French wraps them in a sentence of its own
    const message: Message =
      error.code === 'DUPLICATE_KEY'
        ? {
            fr: `clé en double${NBSP}: cette clé est déjà définie dans la même table clé-valeur`,
            en: 'duplicate key: this key is already defined in the same mapping',
          }
        : { fr: `YAML invalide${NBSP}: ${parser}`, en: parser };
    return { file, line, col, field, message };
  });
}

/**
 * Deepest nesting of collections accepted in a user YAML file; the cahier and JDD need fewer than 10
 * levels. The yaml library has no depth option: past about 1,000 levels its recursive composer
 * overflows and reports RESOURCE_EXHAUSTION "Maximum call stack size exceeded"; below that, deep data
 * would still reach the recursive toJS, ajv and the error mapping. Hence this iterative measure first.
 */
export const MAX_YAML_DEPTH = 64;

/** First offset nested deeper than MAX_YAML_DEPTH (iterative walk), or undefined. */
function tooDeepOffset(doc: Document): number | undefined {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_YAML_DEPTH) return node.range?.[0] ?? 0;
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return undefined;
}

/** One located error when the file nests too deeply (whether the library overflowed or not). */
function nestingError(doc: Document, lineCounter: LineCounter, file: string): LocatedYamlError | undefined {
  const overflow = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(e.message));
  const offset = overflow ? overflow.pos[0] : tooDeepOffset(doc);
  if (offset === undefined) return undefined;
  const { line, col } = linePos(lineCounter, offset);
  const path = pathAtOffset(doc, offset);
  const field = formatDataPath(path.slice(0, 4)) + (path.length > 4 ? '…' : '');
  const message: Message = {
    fr: `imbrication trop profonde${NBSP}: plus de ${MAX_YAML_DEPTH} niveaux de listes et de tables clé-valeur (un cahier ou un JDD en compte moins de 10)${NBSP}; aplatir les données`,
    en: `nested too deeply: more than ${MAX_YAML_DEPTH} levels of lists and mappings (a cahier or JDD needs fewer than 10); flatten the data`,
  };
  return { file, line, col, field, message };
}

function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** One validator per schema for the process: the cahier's files share one schema, the JDDs another, and compiling is most of their reading time. */
const validators = new Map<string, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  // keyed by content: callers read their schema file again on each load
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, allowUnionTypes: true });
    addFormats(ajv);
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/** An ajv error kept for the report, with the message replacing ajv's when one was built here. */
interface KeptError {
  error: ErrorObject;
  message?: Message;
}

/**
 * ajv reports a failed anyOf/oneOf as one error per branch plus the combinator's own. Keep what helps:
 * when a branch got past the value's type (its errors are deeper), those deeper errors; otherwise one
 * message listing the accepted forms (or the "quote this value" advice when one form is text).
 */
function simplifyCombinators(errors: ErrorObject[], messageOf: (e: ErrorObject) => Message): KeptError[] {
  const drop = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, Message>();
  for (const combinator of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const prefix = `${combinator.schemaPath.replace(/\/(anyOf|oneOf)$/, '')}/${combinator.keyword}/`;
    const branches = errors.filter(
      (e) => e !== combinator && e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(combinator.instancePath),
    );
    if (branches.length === 0) continue;
    const same = branches.filter((e) => e.instancePath === combinator.instancePath);
    same.forEach((e) => drop.add(e));
    if (branches.some((e) => e.instancePath !== combinator.instancePath)) {
      drop.add(combinator);
      continue;
    }
    const messages = same.map(messageOf).filter((m, i, all) => all.findIndex((x) => x.en === m.en) === i);
    const quote = messages.find((m) => m.en.includes('quote this value'));
    replaced.set(
      combinator,
      quote ?? {
        fr: `ne correspond à aucune des formes acceptées${NBSP}: ${messages.map((m) => m.fr).join(`${NBSP}; ou `)}`,
        en: `does not match any accepted form: ${messages.map((m) => m.en).join('; or ')}`,
      },
    );
  }
  return errors.filter((e) => !drop.has(e)).map((error) => ({ error, message: replaced.get(error) }));
}

function schemaErrors(rawErrors: ErrorObject[], doc: Document, lineCounter: LineCounter, file: string, text: string): LocatedYamlError[] {
  const out: LocatedYamlError[] = [];
  const seen = new Set<string>();
  const nodeAt = (e: ErrorObject) => locateNode(doc, pointerToPath(e.instancePath)).node;
  const kept = simplifyCombinators(rawErrors, (e) => schemaErrorMessage(e, nodeAt(e), text));
  for (const { error, message } of kept) {
    let path: DataPath = pointerToPath(error.instancePath);
    let offset: number;
    const located = locateNode(doc, path);
    if (error.keyword === 'additionalProperties') {
      const property = (error.params as { additionalProperty: string }).additionalProperty;
      offset = locateKey(doc, path, property) ?? located.offset;
      path = [...path, property];
    } else if (error.keyword === 'required') {
      offset = located.offset;
      path = [...path, (error.params as { missingProperty: string }).missingProperty];
    } else {
      offset = located.offset;
    }
    const { line, col } = linePos(lineCounter, offset);
    const entry = { file, line, col, field: formatDataPath(path), message: message ?? schemaErrorMessage(error, located.node, text) };
    const key = `${entry.line}:${entry.col}:${entry.field}:${entry.message.en}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(entry);
    }
  }
  return out;
}

export function parseYamlText<T>(text: string, file: string, schema: object): LoadedYaml<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const deep = nestingError(doc, lineCounter, file);
  if (deep) return { ok: false, errors: [deep] };
  const syntax = syntaxErrors(doc, lineCounter, file);
  if (syntax.length > 0) return { ok: false, errors: syntax };
  if (doc.contents === null) return fileError(file, { fr: 'le fichier est vide', en: 'the file is empty' });

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const { line, col } = linePos(lineCounter, firstAliasOffset(doc));
    const reason: Message =
      err instanceof ReferenceError
        ? {
            fr: `trop d'expansions d'alias (une «${NBSP}bombe${NBSP}» d'alias YAML${NBSP}?)${NBSP}; écrire les valeurs en toutes lettres`,
            en: 'too many alias expansions (a YAML alias bomb?); write the values out instead',
          }
        : { fr: `YAML invalide${NBSP}: ${(err as Error).message}`, en: (err as Error).message };
    return { ok: false, errors: [{ file, line, col, field: '', message: reason }] };
  }

  const validate = compile(schema);
  if (!validate(data)) {
    return { ok: false, errors: schemaErrors(validate.errors ?? [], doc, lineCounter, file, text) };
  }
  const locate = (path: (string | number)[]): SourceRef => {
    const { line, col } = linePos(lineCounter, locateNode(doc, path).offset);
    return { file, line, col };
  };
  return { ok: true, value: data as T, locate };
}

/**
 * One line per error in `lang`: `file:line:col field "x": message` (or `file:line:col: message` without
 * a field); in French `file:line:col champ « x » : message`, with the non-breaking spaces of its typography.
 */
export function formatYamlErrors(errors: LocatedYamlError[], lang: Lang): string {
  return errors.map((e) => formatLocated(e, lang)).join('\n');
}

/** One problem of a user file in `lang`: `file:line:col field "x": message` (the JDD linter's problems too). */
export function formatLocated(e: Pick<LocatedYamlError, 'file' | 'line' | 'col' | 'field' | 'message'>, lang: Lang): string {
  return `${e.file}:${e.line}:${e.col}${e.field ? ` ${fieldLabel(e.field, lang)}` : ''}${colon(lang)} ${e.message[lang]}`;
}

/** The located errors in both languages, for a SetupError's problem. */
export function yamlErrorsText(errors: LocatedYamlError[]): Message {
  return { fr: formatYamlErrors(errors, 'fr'), en: formatYamlErrors(errors, 'en') };
}
