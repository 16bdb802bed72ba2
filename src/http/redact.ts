/**
 * Removes secrets from what is kept as evidence: header values, query parameters and URL user info.
 * Applied before an Exchange is built, so no reporter ever sees a secret.
 */

export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);
const SECRET_WORDS = /key|token|secret|passphrase|password|passwd|credential|session/i;

/** True when a header or parameter name designates a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_WORDS.test(name);
}

/** Copy of the headers with secret values replaced; names are lower-cased. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    out[lower] = isSecretName(lower) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * URL with user info and secret-looking query parameters redacted. The rest of the query is kept
 * byte for byte (the evidence must show the exact encoding sent, e.g. `%7C`, `%2B`).
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let out = url;
  if (parsed.username || parsed.password) {
    out = out.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, `$1${REDACTED}@`);
  }
  const q = out.indexOf('?');
  if (q < 0) return out;
  const hash = out.indexOf('#', q);
  const query = out.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName);
      } catch {
        /* keep raw */
      }
      return eq >= 0 && isSecretName(name) ? `${rawName}=${encodeURIComponent(REDACTED)}` : pair;
    })
    .join('&');
  return out.slice(0, q + 1) + redacted + (hash < 0 ? '' : out.slice(hash));
}
