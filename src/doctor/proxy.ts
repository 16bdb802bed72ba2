/**
 * Proxy variables (HTTP_PROXY, HTTPS_PROXY, NO_PROXY, lower case too) and which of them the run's
 * client would use for the base URL. The run's client (src/http/dispatcher.ts) hands them to undici's
 * EnvHttpProxyAgent; undici does not export its choice, so its rules are written again here and kept
 * identical: lower case wins over upper case, an https URL falls back to HTTP_PROXY when HTTPS_PROXY is
 * not set, NO_PROXY entries match the host, its subdomains (`.example.org`, `*.example.org`) and an
 * optional port, `*` disables the proxy. Credentials in a proxy URL are never shown.
 */
import { NBSP } from '../core/typography.js';
import { ok, warning, type DoctorCheck } from './checklist.js';

const G = 'proxy' as const;
const NAMES = ['http_proxy', 'https_proxy', 'no_proxy'] as const;
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The variable that holds a value (lower case first, as the run reads them), or undefined. */
function pick(env: NodeJS.ProcessEnv, name: (typeof NAMES)[number]): { variable: string; value: string } | undefined {
  for (const variable of [name, name.toUpperCase()]) {
    const value = env[variable];
    if (value !== undefined && value !== '') return { variable, value };
  }
  return undefined;
}

/** A proxy URL with its user and password hidden (they are credentials). */
export function hideCredentials(value: string): string {
  try {
    const u = new URL(value);
    if (u.username || u.password) {
      u.username = '***';
      u.password = '';
    }
    return u.toString().replace(/\/$/, '');
  } catch {
    return value.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Whether NO_PROXY lets `url` go direct (undici's rules, see the file comment). */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const entries = noProxy.split(/[,\s]/).filter(Boolean);
  if (entries.length === 0) return false;
  if (noProxy === '*') return true;
  const hostname = url.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(url.port, 10) || DEFAULT_PORTS[url.protocol] || 0;
  return entries.some((entry) => {
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const host = (parsed ? parsed[1] : entry).replace(/^\*?\./, '').toLowerCase();
    const entryPort = parsed ? Number.parseInt(parsed[2], 10) : 0;
    if (entryPort && entryPort !== port) return false;
    return hostname === host || hostname.endsWith(`.${host}`);
  });
}

export interface ProxyChoice {
  /** The proxy the run's requests to the base URL go through, when one applies. */
  proxy?: { variable: string; url: string };
  checks: DoctorCheck[];
}

export function checkProxy(env: NodeJS.ProcessEnv, baseUrl: URL | undefined): ProxyChoice {
  const set = NAMES.map((n) => pick(env, n)).filter((v): v is { variable: string; value: string } => v !== undefined);
  // both cases set with different values: only one is read, say which
  const shadowed = NAMES.filter((n) => {
    const lower = env[n];
    const upper = env[n.toUpperCase()];
    return lower && upper && lower !== upper;
  }).map((n) => n.toUpperCase());
  const listed = set.map((v) => `${v.variable}=${v.variable.toLowerCase() === 'no_proxy' ? v.value : hideCredentials(v.value)}`);
  const details = [
    ...listed.map((l) => ({ fr: l, en: l })),
    ...shadowed.map((n) => ({
      fr: `${n} et ${n.toLowerCase()} ont deux valeurs différentes${NBSP}: ${n.toLowerCase()} est celle utilisée`,
      en: `${n} and ${n.toLowerCase()} differ: ${n.toLowerCase()} is the one used`,
    })),
  ];
  const httpProxy = pick(env, 'http_proxy');
  const httpsProxy = pick(env, 'https_proxy');
  if (!httpProxy && !httpsProxy) {
    const message = set.length
      ? { fr: `aucun proxy (seulement ${listed.join(', ')})`, en: `no proxy (only ${listed.join(', ')})` }
      : { fr: 'aucune variable de proxy\u00a0: connexion directe', en: 'no proxy variable: direct connection' };
    return { checks: [ok('proxy.env', G, message)] };
  }
  if (!baseUrl)
    return {
      checks: [
        ok(
          'proxy.env',
          G,
          { fr: `variables de proxy${NBSP}: ${listed.join(', ')}`, en: `proxy variables: ${listed.join(', ')}` },
          { details },
        ),
      ],
    };
  const chosen = baseUrl.protocol === 'https:' ? (httpsProxy ?? httpProxy) : httpProxy;
  const noProxy = pick(env, 'no_proxy');
  if (!chosen || (noProxy && bypassesProxy(baseUrl, noProxy.value))) {
    const why = !chosen
      ? { fr: `aucune variable ne vaut pour ${baseUrl.protocol}`, en: `no variable applies to ${baseUrl.protocol}` }
      : { fr: `${noProxy!.variable} l'exclut`, en: `${noProxy!.variable} excludes it` };
    return {
      checks: [
        ok(
          'proxy.env',
          G,
          { fr: `connexion directe à ${baseUrl.host} (${why.fr})`, en: `direct connection to ${baseUrl.host} (${why.en})` },
          { details },
        ),
      ],
    };
  }
  const url = hideCredentials(chosen.value);
  return {
    proxy: { variable: chosen.variable, url: chosen.value },
    checks: [
      warning(
        'proxy.env',
        G,
        {
          fr: `les requêtes vers ${baseUrl.host} passent par le proxy ${url} (${chosen.variable})`,
          en: `requests to ${baseUrl.host} go through the proxy ${url} (${chosen.variable})`,
        },
        {
          fr: `le proxy doit laisser passer le TLS mutuel de bout en bout (tunnel CONNECT, sans inspection TLS)${NBSP}; sinon ajouter ${baseUrl.hostname} à NO_PROXY`,
          en: `the proxy must pass mutual TLS end to end (CONNECT tunnel, no TLS inspection); otherwise add ${baseUrl.hostname} to NO_PROXY`,
        },
        { details },
      ),
    ],
  };
}
