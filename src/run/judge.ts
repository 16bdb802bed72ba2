/**
 * The verdict of one case (pure): the evidence's findings (transport, cahier expectations, structure,
 * SAS rules) filtered by what the case judges, then one closed vocabulary (src/core/model.ts):
 * - skipped: a prerequisite of the tool is missing (FHIR packages for a structure case, --bail);
 * - not-applicable: the case does not apply to this run (no JDD entry for its role, plain HTTP for a
 *   TLS case), with its reason;
 * - error: the endpoint could not be judged (no answer: time-out, refused, reset, TLS handshake, body
 *   over the cap) or sas-recette itself failed (an exception, a rule or invariant that threw);
 * - failed: the endpoint answered and did not do what the SAS asks (5xx, HTML, invalid JSON, wrong
 *   content);
 * - passed: none of the above; "with reserves" when a finding in scope could not be checked.
 */
import { finding, isBlocking, sortFindings, type Finding, type Message } from '../core/findings.js';
import type { TestCase } from '../cahier/types.js';
import type { Exchange, Verdict } from '../core/model.js';

export interface JudgeInput {
  testCase: TestCase;
  /** Every finding gathered for the case, whatever its source. */
  findings: Finding[];
  /** A prerequisite of the tool is missing. */
  skip?: Message;
  /** The case does not apply to this run. */
  notApplicable?: Message;
  /** sas-recette itself failed (exception); the case is `error` whatever the findings. */
  harnessFault?: Message;
}

export interface Judgement {
  verdict: Verdict;
  reason?: Message;
  findings: Finding[];
  /** What the case could not check (passed cases only: a reserve never hides a failure). */
  reserves?: Message[];
}

/** `SAS-WIN-*` → matches `SAS-WIN-001`; a plain id matches itself. */
export function ruleMatcher(patterns: readonly string[]): (id: string) => boolean {
  const res = patterns.map(
    (p) =>
      new RegExp(
        `^${p
          .split('*')
          .map((s) => s.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
          .join('.*')}$`,
      ),
  );
  return (id) => res.some((re) => re.test(id));
}

/** Transport outcomes sas-recette cannot blame on the endpoint. */
const HARNESS_OUTCOMES = new Set<Exchange['outcome']>(['other']);

const OUTCOME_TEXT: Record<Exclude<Exchange['outcome'], 'ok'>, Message> = {
  timeout: {
    fr: "pas de réponse complète dans le délai (l'éditeur doit répondre en moins de 7 s)",
    en: 'no complete answer within the deadline (the editor must answer in under 7 s)',
  },
  refused: {
    fr: 'connexion refusée : le point de terminaison ne répond pas à cette adresse',
    en: 'connection refused: nothing answers at this address',
  },
  reset: { fr: 'connexion réinitialisée par le serveur', en: 'connection reset by the server' },
  closed: { fr: 'connexion fermée par le serveur avant toute réponse', en: 'connection closed by the server before any response' },
  'tls-error': { fr: 'échec de la négociation TLS', en: 'TLS handshake failed' },
  'too-large': { fr: 'réponse trop volumineuse : lecture interrompue au plafond', en: 'response too large: reading stopped at the cap' },
  dns: { fr: "nom d'hôte introuvable (DNS)", en: 'host name not found (DNS)' },
  'bad-response': {
    fr: 'réponse inutilisable : le serveur a répondu, mais pas en HTTP/1.1 valide (réponse non HTTP, en-têtes trop volumineux ou mal formés)',
    en: 'unusable answer: the server answered, but not in valid HTTP/1.1 (not HTTP, headers too large or malformed)',
  },
  other: { fr: "échec d'envoi de la requête", en: 'the request could not be sent' },
};

/** Said only of a close during the TLS handshake phase (https, nothing received). */
const TLS13_CLOSE: Message = {
  fr: 'en TLS 1.3, souvent un certificat client absent ou refusé',
  en: 'under TLS 1.3, often a missing or rejected client certificate',
};

const NO_CLIENT_CERT: Message = {
  fr: "aucun certificat client n'est configuré (--cert/--key) alors que le serveur en exige probablement un",
  en: 'no client certificate is configured (--cert/--key) while the server probably requires one',
};

/** A connection closed or reset after the response headers: what was read of the answer. */
function whileReading(x: Exchange): Message | undefined {
  if (!x.response || (x.outcome !== 'closed' && x.outcome !== 'reset')) return undefined;
  const n = x.response.bodyBytes;
  const announced = Number(x.response.headers['content-length']);
  const of =
    Number.isSafeInteger(announced) && announced > n
      ? { fr: ` sur ${announced} annoncés`, en: ` of ${announced} announced` }
      : { fr: '', en: '' };
  return x.outcome === 'closed'
    ? {
        fr: `connexion fermée par le serveur pendant la lecture de la réponse (${n} octets reçus${of.fr})`,
        en: `connection closed while reading the answer (${n} bytes received${of.en})`,
      }
    : {
        fr: `connexion réinitialisée par le serveur pendant la lecture de la réponse (${n} octets reçus${of.fr})`,
        en: `connection reset while reading the answer (${n} bytes received${of.en})`,
      };
}

/**
 * The finding an exchange that got no usable response stands for (undefined when outcome is ok).
 * `withoutClientCert`: the run presented no certificate, the likely cause of a refused handshake.
 * TLS and the client certificate are blamed only for an https URL that failed before any response.
 */
export function transportFinding(x: Exchange, requirements: string[] = [], withoutClientCert = false): Finding | undefined {
  if (x.outcome === 'ok') return undefined;
  const base = whileReading(x) ?? OUTCOME_TEXT[x.outcome];
  const detail = x.error ? ` (${x.error.code ? `${x.error.code}: ` : ''}${x.error.message})` : '';
  const handshake = ['closed', 'reset', 'tls-error'].includes(x.outcome) && /^https:/i.test(x.request.url) && !x.response;
  const notes = [
    ...(handshake && x.outcome === 'closed' ? [TLS13_CLOSE] : []),
    ...(withoutClientCert && handshake ? [NO_CLIENT_CERT] : []),
  ];
  return finding(
    'error',
    `HTTP-${x.outcome.toUpperCase()}`,
    'transport',
    `HTTP ${x.request.method} ${x.request.url}`,
    {
      fr: `${base.fr}${detail}${notes.map((n) => ` ; ${n.fr}`).join('')}`,
      en: `${base.en}${detail}${notes.map((n) => `; ${n.en}`).join('')}`,
    },
    { requirements },
  );
}

export function isHarnessTransport(x: Exchange): boolean {
  return HARNESS_OUTCOMES.has(x.outcome);
}

function demote(f: Finding, note: Message): Finding {
  return { ...f, severity: 'information', message: { fr: `${note.fr} ${f.message.fr}`, en: `${note.en} ${f.message.en}` } };
}

/** Keeps the findings the case judges and turns expected rule failures into information. */
export function scopeFindings(tc: TestCase, findings: Finding[]): Finding[] {
  const rules = tc.expect.rules ?? {};
  const inScope = ruleMatcher([...(rules.check ?? []), ...(rules.pass ?? [])]);
  const mustFail = new Set(rules.fail ?? []);
  const judgeStructure = tc.expect.structure === 'valid';
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.source === 'rule' && mustFail.has(f.ruleId) && isBlocking(f)) {
      out.push(demote(f, { fr: '(échec attendu)', en: '(expected failure)' }));
    } else if (f.source === 'rule' && !inScope(f.ruleId) && !mustFail.has(f.ruleId)) {
      continue;
    } else if (f.source === 'structure' && !judgeStructure) {
      continue;
    } else out.push(f);
  }
  for (const id of mustFail) {
    if (!findings.some((f) => f.source === 'rule' && f.ruleId === id && isBlocking(f))) {
      out.push(
        finding(
          'error',
          'EXP-RULE-FAIL',
          'expectation',
          'expect.rules.fail',
          {
            fr: `la règle ${id} devait signaler une erreur sur cette réponse et n'en a signalé aucune`,
            en: `rule ${id} was expected to report an error on this response and reported none`,
          },
          { requirements: tc.requirements },
        ),
      );
    }
  }
  return out;
}

/** Rule id of the note left when the FHIR packages are missing (see execute.ts). */
export const STRUCTURE_NOT_CHECKED = 'STRUCTURE-NOT-CHECKED';

/** Rule ids of the findings an exchange without a usable answer stands for (`transportFinding`). */
function isNoAnswer(f: Finding): boolean {
  return f.source === 'transport' && f.ruleId.startsWith('HTTP-') && isBlocking(f);
}

function reasonOf(f: Finding, prefix?: Message): Message {
  return {
    fr: `${prefix ? `${prefix.fr} ` : ''}${f.ruleId} — ${f.location} : ${f.message.fr}`,
    en: `${prefix ? `${prefix.en} ` : ''}${f.ruleId} — ${f.location}: ${f.message.en}`,
  };
}

const INTERNAL: Message = {
  fr: 'erreur interne de sas-recette pendant la vérification :',
  en: 'sas-recette internal error while checking:',
};

/** One line per element not checked, by name (rule id, location, why), without repeats. */
export function reservesOf(findings: readonly Finding[]): Message[] {
  const seen = new Set<string>();
  const out: Message[] = [];
  for (const f of findings) {
    if (!f.notChecked || f.internalError) continue;
    const key = `${f.ruleId}\u0000${f.message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ fr: `${f.ruleId} : ${f.message.fr}`, en: `${f.ruleId}: ${f.message.en}` });
  }
  return out;
}

export function judgeCase(input: JudgeInput): Judgement {
  const { testCase, skip, notApplicable, harnessFault } = input;
  if (skip) return { verdict: 'skipped', reason: skip, findings: sortFindings(input.findings) };
  if (notApplicable) return { verdict: 'not-applicable', reason: notApplicable, findings: sortFindings(input.findings) };
  const findings = sortFindings(scopeFindings(testCase, input.findings));
  if (harnessFault) return { verdict: 'error', reason: harnessFault, findings };
  // A check that threw proves nothing: never a pass, never blamed on the endpoint.
  const internal = findings.find((f) => f.internalError);
  if (internal) return { verdict: 'error', reason: reasonOf(internal, INTERNAL), findings };
  // The run's set-up keeps the endpoint from being judged (a base URL that serves no FHIR search).
  const setup = findings.find((f) => f.source === 'setup' && isBlocking(f));
  if (setup) return { verdict: 'error', reason: reasonOf(setup), findings };
  const noAnswer = findings.find(isNoAnswer);
  if (noAnswer) return { verdict: 'error', reason: reasonOf(noAnswer), findings };
  const deciding = findings.find((f) => f.source === 'transport' && isBlocking(f)) ?? findings.find(isBlocking);
  if (deciding) return { verdict: 'failed', reason: reasonOf(deciding), findings };
  // A case that asks for structural validity never passes when the structure could not be checked.
  const unchecked = testCase.expect.structure === 'valid' ? findings.find((f) => f.ruleId === STRUCTURE_NOT_CHECKED) : undefined;
  if (unchecked) return { verdict: 'skipped', reason: unchecked.message, findings };
  const reserves = reservesOf(findings);
  return { verdict: 'passed', findings, ...(reserves.length > 0 ? { reserves } : {}) };
}
