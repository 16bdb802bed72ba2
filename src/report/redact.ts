/**
 * Secrets never leave in a report. The HTTP layer already redacts headers and URLs before an Exchange
 * is built (src/http/redact.ts, re-used here so both layers agree on what a secret is); reporters apply
 * the same redaction again to the whole run (defence in depth: a run.json written by another version or
 * edited by hand may carry them), plus bodies, error texts and the recorded command line.
 */
import { REDACTED, isSecretName, redactHeaders, redactUrl } from '../http/redact.js';
import type { CaseResult, Exchange, RunResult } from '../core/model.js';
import type { Finding, Message } from '../core/findings.js';

export { REDACTED, isSecretName, redactHeaders, redactUrl };

const PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g;
const HEADER_LINE = /\b(authorization|proxy-authorization|cookie|set-cookie)(["']?\s*[:=]\s*)("[^"\r\n]*"|[^\r\n]*)/gi;
const AUTH_SCHEME = /\b(Bearer|Basic|Digest|Negotiate)\s+([A-Za-z0-9._~+/=-]{6,})/g;
/** A Basic credential (base64) has digits, punctuation or mixed case; a word ("Basic consultation") does not. */
const looksLikeCredential = (scheme: string, s: string): boolean =>
  scheme !== 'Basic' || /[0-9+/=]/.test(s) || (/[a-z]/.test(s) && /[A-Z]/.test(s));
const JSON_SECRET =
  /"([A-Za-z0-9_-]*(?:passphrase|password|passwd|secret|token|api[_-]?key|private[_-]?key)[A-Za-z0-9_-]*)"\s*:\s*"(?:[^"\\]|\\.)*"/gi;

/** Free text (bodies, error messages) with private keys, credentials and secret JSON fields removed. */
export function redactText(text: string): string {
  return text
    .replace(PRIVATE_KEY, `${REDACTED} (private key)`)
    .replace(HEADER_LINE, (_m, name: string, sep: string, value: string) =>
      value.startsWith('"') ? `${name}${sep}"${REDACTED}"` : `${name}${sep}${REDACTED}`,
    )
    .replace(AUTH_SCHEME, (m, scheme: string, value: string) => (looksLikeCredential(scheme, value) ? `${scheme} ${REDACTED}` : m))
    .replace(JSON_SECRET, (_m, name: string) => `"${name}": "${REDACTED}"`);
}

/** Flags whose value names a file or a variable, not the secret itself (kept: useful and harmless). */
const REFERENCE_FLAG = /-(file|env|path|dir)$/i;

/**
 * The recorded command line with the values of secret-looking flags redacted
 * (`--passphrase x`, `--token=x`); `--key-file`, `--passphrase-env` keep their value (a path, a name).
 */
export function redactCommand(command: string): string {
  const words = command.split(/(\s+)/);
  let redactNext = false;
  return words
    .map((word) => {
      if (/^\s+$/.test(word) || word === '') return word;
      if (redactNext) {
        redactNext = false;
        if (!word.startsWith('-')) return REDACTED;
      }
      const flag = /^(--?[A-Za-z][A-Za-z0-9-]*)(=(.*))?$/.exec(word);
      if (flag && isSecretName(flag[1].replace(/^-+/, '')) && !REFERENCE_FLAG.test(flag[1])) {
        if (flag[2] !== undefined) return `${flag[1]}=${REDACTED}`;
        redactNext = true;
        return word;
      }
      return redactUrlsIn(redactText(word));
    })
    .join('');
}

function redactUrlsIn(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url));
}

function redactMessage(m: Message): Message {
  return { fr: redactText(m.fr), en: redactText(m.en) };
}

function redactFinding(f: Finding): Finding {
  return { ...f, message: redactMessage(f.message) };
}

export function redactExchange(x: Exchange): Exchange {
  return {
    ...x,
    request: {
      ...x.request,
      url: redactUrl(x.request.url),
      headers: redactHeaders(x.request.headers ?? {}),
      ...(x.request.body !== undefined ? { body: redactText(x.request.body) } : {}),
    },
    ...(x.response
      ? { response: { ...x.response, headers: redactHeaders(x.response.headers ?? {}), body: redactText(x.response.body ?? '') } }
      : {}),
    ...(x.error ? { error: { ...x.error, message: redactText(x.error.message) } } : {}),
  };
}

function redactCase(c: CaseResult): CaseResult {
  return {
    ...c,
    ...(c.reason ? { reason: redactMessage(c.reason) } : {}),
    ...(c.reserves ? { reserves: c.reserves.map(redactMessage) } : {}),
    findings: c.findings.map(redactFinding),
    ...(c.officialFindings ? { officialFindings: c.officialFindings.map(redactFinding) } : {}),
    exchanges: c.exchanges.map(redactExchange),
  };
}

/** A copy of the run with every secret-bearing field redacted; the input is not modified. */
export function redactRun(run: RunResult): RunResult {
  return {
    ...run,
    baseUrl: redactUrl(run.baseUrl),
    environment: { ...run.environment, command: redactCommand(run.environment.command) },
    cases: run.cases.map(redactCase),
    summary: { ...run.summary, reserves: run.summary.reserves.map((r) => ({ ...r, message: redactMessage(r.message) })) },
  };
}
