/**
 * The output of `run --dry-run`: the requests a run will send, case by case, as ready-to-paste `curl`
 * commands (the text output is itself a shell script: every line that is not a command is a `#`
 * comment) or as JSON (`--format json`). Pure rendering of a plan built in src/run/dry-run.ts.
 *
 * Everything here comes from user files (JDD, cahier, TLS profile) or the command line: curl arguments
 * are single-quoted (an embedded `'` closed, escaped and reopened), lines are made terminal-safe, and
 * the key passphrase is never written — curl is told to read it from the environment variable the run
 * reads it from.
 */
import type { Lang, Message } from '../core/findings.js';
import type { PlannedCertificate } from '../cahier/kinds.js';
import { colon } from '../core/typography.js';
import { terminalSafe } from './terminal.js';

/** One step of a planned case, as the JSON output gives it (headers as on the wire, `user-agent` included). */
export interface DryRunStep {
  method?: 'GET' | 'POST' | 'PUT';
  url?: string;
  headers?: Record<string, string>;
  body?: string;
  note?: string;
  /** Sent `times` times, `concurrency` at once. */
  repeat?: { times: number; concurrency: number };
  /** Another client certificate than the run's: `none`, a file pair, or one made at run time. */
  certificate?: 'none' | { cert: string; key: string; passphraseEnv?: string } | 'generated-at-run-time';
  /** Holds values only known at run time (`<… generated at run time>`). */
  placeholders?: true;
  /** Sent only when an answer asks for it. */
  conditional?: true;
  /** Identical to a request of this earlier case: sent once per run, its answer shared (not sent again). */
  sharedWith?: string;
}

export type DryRunStatus = 'planned' | 'not-applicable' | 'skipped' | 'not-described' | 'error';

export interface DryRunCase {
  id: string;
  title: string;
  useCase: string;
  kind: string;
  /** `file:line` of the case in the cahier (`(sas-recette)` for the pre-flight). */
  source: string;
  status: DryRunStatus;
  reason?: string;
  /** Every request is known in advance, byte for byte (no placeholder, nothing conditional on an answer). */
  deterministic: boolean;
  steps: DryRunStep[];
}

/** The run's client TLS settings, for the curl options (file names and the passphrase's variable name only). */
export interface DryRunTls {
  cert?: string;
  key?: string;
  passphraseEnv?: string;
  ca?: string;
  insecure?: boolean;
}

export interface DryRunPlan {
  baseUrl: string;
  now: string;
  tls?: DryRunTls;
  /** The pre-flight pseudo-case first, then every selected case in run order. */
  cases: DryRunCase[];
}

/** The certificate field of a step, from a planned certificate. */
export function stepCertificate(c: PlannedCertificate): NonNullable<DryRunStep['certificate']> {
  if ('none' in c) return 'none';
  if ('generatedAtRunTime' in c) return 'generated-at-run-time';
  return { cert: c.certFile, key: c.keyFile, ...(c.passphraseEnv ? { passphraseEnv: c.passphraseEnv } : {}) };
}

/** A shell word in single quotes: safe for any content (`'` → `'\''`). */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The client-certificate options of one request (none for plain HTTP). */
function tlsArgs(step: DryRunStep, tls: DryRunTls | undefined, https: boolean): string[] {
  if (!https) return [];
  const out: string[] = [];
  const cert = step.certificate;
  const pair =
    cert === undefined ? (tls?.cert && tls.key ? { cert: tls.cert, key: tls.key, passphraseEnv: tls.passphraseEnv } : undefined) : cert;
  if (pair === 'generated-at-run-time') out.push('--cert', shellQuote('<certificate from an unknown CA, made at run time>'));
  else if (pair && pair !== 'none') {
    out.push('--cert', shellQuote(pair.cert), '--key', shellQuote(pair.key));
    // the passphrase itself is never printed: curl reads it from the same variable as the run
    if (pair.passphraseEnv && /^[A-Za-z_][A-Za-z0-9_]*$/.test(pair.passphraseEnv)) out.push('--pass', `"$${pair.passphraseEnv}"`);
  }
  if (tls?.ca) out.push('--cacert', shellQuote(tls.ca));
  if (tls?.insecure) out.push('--insecure');
  return out;
}

/** One request as a curl command (HTTP/1.1 as the run's client, `--globoff` for FHIR's brackets). */
export function curlCommand(step: DryRunStep, tls: DryRunTls | undefined): string {
  const url = step.url ?? '';
  const args = ['curl', '--globoff', '--http1.1', '-sS'];
  if (step.method && step.method !== 'GET') args.push('-X', step.method);
  for (const [name, value] of Object.entries(step.headers ?? {})) args.push('-H', shellQuote(`${name}: ${value}`));
  if (step.body !== undefined) args.push('--data-binary', shellQuote(step.body));
  args.push(...tlsArgs(step, tls, /^https:/i.test(url)));
  args.push(shellQuote(url));
  return args.join(' ');
}

const WORDS = {
  fr: {
    title: 'sas-recette run --dry-run : requêtes que la recette enverra (aucune envoyée)',
    base: 'URL de base',
    now: 'horloge',
    cases: 'cas',
    status: {
      planned: '',
      'not-applicable': 'non applicable',
      skipped: 'ignoré',
      'not-described': 'requêtes non décrites à l’avance',
      error: 'erreur',
    },
    repeat: (t: number, c: number) => `× ${t} envois, ${c} à la fois`,
    shared: (id: string) => `déjà envoyée par ${id}\u00a0: réponse partagée, pas renvoyée`,
    conditional: 'seulement si une réponse le demande',
    placeholders: 'valeurs générées au moment de la recette (entre < >)\u00a0: à remplacer avant de rejouer',
    deterministic: 'requêtes connues à l’octet près',
  },
  en: {
    title: 'sas-recette run --dry-run: requests the run will send (none sent)',
    base: 'base URL',
    now: 'clock',
    cases: 'cases',
    status: {
      planned: '',
      'not-applicable': 'not applicable',
      skipped: 'skipped',
      'not-described': 'requests not described in advance',
      error: 'error',
    },
    repeat: (t: number, c: number) => `× ${t} sends, ${c} at a time`,
    shared: (id: string) => `already sent by ${id}: answer shared, not sent again`,
    conditional: 'only when an answer asks for it',
    placeholders: 'values generated at run time (between < >): replace them before replaying',
    deterministic: 'requests known byte for byte',
  },
} as const;

/** A `#` comment line (or several, one per line of the text), terminal-safe. */
function comment(text: string): string {
  return text
    .split('\n')
    .map((l) => `# ${terminalSafe(l)}`)
    .join('\n');
}

/** The plan as a shell script: comments say what each case does, each request is one curl command. */
export function dryRunText(plan: DryRunPlan, lang: Lang): string {
  const w = WORDS[lang];
  const out: string[] = [comment(w.title), comment(`${w.base}${colon(lang)} ${plan.baseUrl} — ${w.now}${colon(lang)} ${plan.now}`)];
  const numbered = plan.cases.filter((c) => c.kind !== 'pre-flight').length;
  let n = 0;
  for (const c of plan.cases) {
    out.push('');
    const pos = c.kind === 'pre-flight' ? '' : `[${++n}/${numbered}] `;
    const status = w.status[c.status];
    out.push(comment(`${pos}${c.id} — ${c.title} (${c.useCase}, ${c.kind}, ${c.source})${status ? ` — ${status}` : ''}`));
    if (c.reason) out.push(comment(`  ${c.reason}`));
    if (c.status === 'planned' && c.steps.some((s) => s.url) && c.deterministic) out.push(comment(`  ${w.deterministic}`));
    for (const s of c.steps) {
      if (s.note) out.push(comment(`  ${s.note}`));
      if (!s.url) continue;
      if (s.repeat) out.push(comment(`  ${w.repeat(s.repeat.times, s.repeat.concurrency)}`));
      if (s.conditional) out.push(comment(`  ${w.conditional}`));
      if (s.placeholders) out.push(comment(`  ${w.placeholders}`));
      const cmd = terminalSafe(curlCommand(s, plan.tls));
      if (s.sharedWith) out.push(comment(`  ${w.shared(s.sharedWith)}`), `# ${cmd}`);
      else out.push(cmd);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `--format json`: the array of cases (pre-flight first), each with its steps. */
export function dryRunJson(plan: DryRunPlan): string {
  return `${JSON.stringify(plan.cases, null, 2)}\n`;
}

/** A message in the run's language. */
export function say(m: Message, lang: Lang): string {
  return m[lang];
}
