/**
 * commander's usage errors in the run's language (src/cli/run-lang.ts), with the command's help to read
 * next. commander builds each message in English and hands it, whole, to the `outputError` hook of
 * `configureOutput` (its documented way to change how errors show); the parts it names (option, value,
 * suggestion) are read back from the forms of commander 14 below. A form not listed keeps commander's
 * English words behind a French "erreur :", so a newer commander never loses a message.
 *
 * Loaded by every start (`--help` too): no import but types.
 */
import type { Lang, Message } from '../core/findings.js';

type Form = [RegExp, (...parts: string[]) => Message];

/** commander's messages (lib/command.js, lib/option.js, lib/suggestSimilar.js of commander 14). */
const FORMS: Form[] = [
  [
    /^error: unknown option '(.*)'$/s,
    (flag) => ({ fr: `erreur\u00a0: option inconnue «\u00a0${flag}\u00a0»`, en: `error: unknown option '${flag}'` }),
  ],
  [
    /^error: unknown command '(.*)'$/s,
    (name) => ({ fr: `erreur\u00a0: commande inconnue «\u00a0${name}\u00a0»`, en: `error: unknown command '${name}'` }),
  ],
  [
    /^error: missing required argument '(.*)'$/s,
    (name) => ({ fr: `erreur\u00a0: argument obligatoire manquant\u00a0: <${name}>`, en: `error: missing required argument <${name}>` }),
  ],
  [
    /^error: option '(.*)' argument missing$/s,
    (flags) => ({ fr: `erreur\u00a0: l'option ${flags} attend une valeur`, en: `error: option ${flags} needs a value` }),
  ],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. (.*)$/s,
    (flags, value, reason) => ({
      fr: `erreur\u00a0: ${value === '' ? 'valeur vide' : `valeur «\u00a0${value}\u00a0»`} refusée pour ${flags}\u00a0: ${reasonText(reason, 'fr')}`,
      en: `error: option ${flags} argument '${value}' is invalid: ${reasonText(reason, 'en')}`,
    }),
  ],
  [
    /^error: option '(.*)' value '(.*)' from env '(.*)' is invalid\. (.*)$/s,
    (flags, value, env, reason) => ({
      fr: `erreur\u00a0: valeur «\u00a0${value}\u00a0» de la variable ${env} refusée pour ${flags}\u00a0: ${reasonText(reason, 'fr')}`,
      en: `error: option ${flags} value '${value}' from the variable ${env} is invalid: ${reasonText(reason, 'en')}`,
    }),
  ],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/s,
    (name, expected, got) => ({
      fr: `erreur\u00a0: trop d'arguments${name ? ` pour ${name}` : ''}\u00a0: ${expected} attendu${Number(expected) > 1 ? 's' : ''}, ${got} reçus`,
      en: `error: too many arguments${name ? ` for ${name}` : ''}: expected ${expected}, got ${got}`,
    }),
  ],
  [
    /^error: required option '(.*)' not specified$/s,
    (flags) => ({ fr: `erreur\u00a0: l'option ${flags} est obligatoire`, en: `error: required option ${flags} not specified` }),
  ],
];

/** The reason commander appends to an invalid value: its list of choices, or our own check's text (already in the run's language). */
function reasonText(reason: string, lang: Lang): string {
  const choices = /^Allowed choices are (.*)\.$/s.exec(reason);
  if (choices) return lang === 'fr' ? `valeurs possibles\u00a0: ${choices[1]}` : `allowed choices are ${choices[1]}`;
  return reason;
}

/** commander's "(Did you mean …?)" line, cut from the message. */
function splitSuggestion(message: string): { head: string; suggestion?: string[] } {
  const m = /\n\(Did you mean (?:one of )?(.*)\?\)$/s.exec(message);
  if (!m) return { head: message };
  return { head: message.slice(0, m.index), suggestion: m[1].split(', ') };
}

function suggestionText(candidates: string[], lang: Lang): string {
  const list = candidates.join(', ');
  if (lang === 'fr') return candidates.length > 1 ? `Vouliez-vous dire l'un de ${list}\u00a0?` : `Vouliez-vous dire ${list}\u00a0?`;
  return candidates.length > 1 ? `Did you mean one of ${list}?` : `Did you mean ${list}?`;
}

/**
 * The text to print for commander's error `message` (as `outputError` receives it, newline ended) in
 * `lang`, followed by the suggestion commander found and the command's help to read.
 * `command`: the full command (`sas-recette run`).
 */
export function usageErrorText(message: string, lang: Lang, command: string): string {
  const { head, suggestion } = splitSuggestion(message.replace(/\n+$/, ''));
  const form = FORMS.map(([re, text]) => ({ m: re.exec(head), text })).find((f) => f.m);
  const translated = form?.m ? form.text(...form.m.slice(1).map((p) => p ?? ''))[lang] : undefined;
  const first = translated ?? (lang === 'fr' ? head.replace(/^error: /, 'erreur\u00a0: ') : head);
  const lines = [first];
  if (suggestion) lines.push(`  → ${suggestionText(suggestion, lang)}`);
  lines.push(lang === 'fr' ? `  → aide\u00a0: ${command} --help` : `  → help: ${command} --help`);
  return `${lines.join('\n')}\n`;
}
