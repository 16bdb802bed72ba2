/**
 * TLS versions: 1.0 and 1.1 must be refused, 1.2 accepted; 1.3 is reported. One pinned handshake per
 * version, presenting the client certificate when one is configured (a server that demands one must
 * not look like "no TLS version supported"). SSL 2.0/3.0 cannot be offered by Node/OpenSSL 3: said, never passed.
 */
import type { Finding, Message } from '../core/findings.js';
import type { TestCase } from '../cahier/types.js';
import { loadTlsMaterial } from '../http/tls-material.js';
import type { TlsVersion } from '../http/types.js';
import type { CaseKind, CasePlan, PlanEnv } from '../cahier/kinds.js';
import { STOPPED_BEFORE_SENDING, tfinding, type TransportContext, type TransportDeps, type TransportOutcome } from './context.js';
import { REQ } from './requirements.js';
import { probeTlsVersion, type ProbeResult } from './tls-probe.js';

export const PROBED_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

const NAMES: Record<TlsVersion, string> = { TLSv1: 'TLS 1.0', 'TLSv1.1': 'TLS 1.1', 'TLSv1.2': 'TLS 1.2', 'TLSv1.3': 'TLS 1.3' };
const RULES: Record<TlsVersion, string> = {
  TLSv1: 'SAS-TLS-010',
  'TLSv1.1': 'SAS-TLS-011',
  'TLSv1.2': 'SAS-TLS-012',
  'TLSv1.3': 'SAS-TLS-013',
};

function detail(p: ProbeResult): string {
  if (p.status === 'accepted') return `${p.protocol ?? NAMES[p.version]}${p.cipher ? `, ${p.cipher}` : ''}`;
  return `${p.code ?? 'error'}${p.message ? `: ${p.message}` : ''}`;
}

/** Pure: findings of a set of probe results. */
export function judgeTlsVersions(probes: ProbeResult[]): Finding[] {
  const out: Finding[] = [];
  for (const p of probes) {
    const name = NAMES[p.version];
    const loc = `tls.version[${name}]`;
    const rule = RULES[p.version];
    const legacy = p.version === 'TLSv1' || p.version === 'TLSv1.1';
    const requirements = p.version === 'TLSv1.2' ? [REQ.tls12] : legacy ? [REQ.noLegacyTls] : [];
    const d = detail(p);
    if (p.status === 'not-testable') {
      out.push(
        tfinding(
          'warning',
          'SAS-TLS-014',
          loc,
          {
            fr: `${name} non testable depuis ce client : la pile TLS locale refuse de l'offrir (${d}) ; le résultat ne dit rien du serveur`,
            en: `${name} not testable from this client: the local TLS stack refuses to offer it (${d}); nothing is known about the server`,
          },
          requirements,
          { notChecked: true },
        ),
      );
      continue;
    }
    if (p.status === 'unreachable') {
      out.push(
        tfinding(
          'error',
          'SAS-TLS-016',
          loc,
          {
            fr: `${name} non vérifié : serveur injoignable (${d})`,
            en: `${name} not checked: server unreachable (${d})`,
          },
          requirements,
          { notChecked: true },
        ),
      );
      continue;
    }
    const accepted = p.status === 'accepted';
    let severity: Finding['severity'] = 'information';
    let message: Message;
    if (legacy) {
      severity = accepted ? 'error' : 'information';
      message = accepted
        ? {
            fr: `${name} accepté (${d}) : désactiver TLS 1.0 et 1.1 sur le serveur (TLS 1.2 minimum)`,
            en: `${name} accepted (${d}): disable TLS 1.0 and 1.1 on the server (TLS 1.2 minimum)`,
          }
        : { fr: `${name} refusé (${d})`, en: `${name} refused (${d})` };
    } else if (p.version === 'TLSv1.2') {
      severity = accepted ? 'information' : 'error';
      message = accepted
        ? { fr: `TLS 1.2 accepté (${d})`, en: `TLS 1.2 accepted (${d})` }
        : {
            fr: `TLS 1.2 refusé (${d}) : la plateforme SAS se connecte en TLS 1.2, l'activer`,
            en: `TLS 1.2 refused (${d}): the SAS platform connects with TLS 1.2, enable it`,
          };
    } else {
      message = accepted
        ? { fr: `TLS 1.3 accepté (${d})`, en: `TLS 1.3 accepted (${d})` }
        : { fr: `TLS 1.3 non proposé (${d}) ; non exigé`, en: `TLS 1.3 not offered (${d}); not required` };
    }
    out.push(tfinding(severity, rule, loc, message, requirements));
  }
  out.push(
    tfinding(
      'information',
      'SAS-TLS-015',
      'tls.version[SSL 2.0/3.0]',
      {
        fr: 'SSL 2.0 et 3.0 ne peuvent pas être proposés par Node.js/OpenSSL 3 : non testables depuis ce client',
        en: 'SSL 2.0 and 3.0 cannot be offered by Node.js/OpenSSL 3: not testable from this client',
      },
      [REQ.noLegacyTls],
      { notChecked: true },
    ),
  );
  return out;
}

/** The server the handshakes go to, or why there is none (invalid URL: skipped; plain HTTP: not applicable). */
function probedServer(tc: TestCase, ctx: Pick<PlanEnv, 'baseUrl' | 'httpOptions'>) {
  let url: URL;
  try {
    url = new URL(ctx.baseUrl);
  } catch {
    return { skip: { fr: `URL de base invalide : ${ctx.baseUrl}`, en: `invalid base URL: ${ctx.baseUrl}` } };
  }
  if (url.protocol !== 'https:') {
    return {
      notApplicable: { fr: "l'URL de base n'est pas en https : pas de TLS à vérifier", en: 'the base URL is not https: no TLS to check' },
    };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  const timeoutMs = (tc.params as { timeoutMs?: number } | undefined)?.timeoutMs ?? ctx.httpOptions.timeoutMs ?? 7000;
  return { target: { host, port: Number(url.port || 443), ...(isIp ? {} : { servername: host }) }, timeoutMs };
}

/** What the case will do (`run --dry-run`): TLS handshakes only, no HTTP request. */
export function planTlsVersions(tc: TestCase, env: PlanEnv): CasePlan {
  const server = probedServer(tc, env);
  if (!server.target) return { steps: [], ...(server.skip ? { skip: server.skip } : { notApplicable: server.notApplicable }) };
  const where = `${server.target.host}:${server.target.port}`;
  const versions = PROBED_VERSIONS.join(', ');
  return {
    steps: [
      {
        note: {
          fr: `poignées de main TLS seulement (aucune requête HTTP) avec ${where}, une par version proposée seule\u00a0: ${versions}, avec le certificat client de la recette, délai ${server.timeoutMs} ms chacune\u00a0; SSL 2.0/3.0 non testables depuis ce client. Équivalent\u00a0: openssl s_client -connect ${where} -tls1_2`,
          en: `TLS handshakes only (no HTTP request) with ${where}, one per version offered alone: ${versions}, with the run's client certificate, ${server.timeoutMs} ms time-out each; SSL 2.0/3.0 not testable from this client. Equivalent: openssl s_client -connect ${where} -tls1_2`,
        },
      },
    ],
  };
}

export async function runTlsVersions(tc: TestCase, ctx: TransportContext): Promise<TransportOutcome> {
  const server = probedServer(tc, ctx);
  if (!server.target) {
    return { findings: [], exchanges: [], ...(server.skip ? { skip: server.skip } : { notApplicable: server.notApplicable }) };
  }
  if (ctx.signal?.aborted) return { findings: [], exchanges: [], harnessFault: STOPPED_BEFORE_SENDING };
  const material = loadTlsMaterial(ctx.httpOptions.tls, ctx.httpOptions.env ?? process.env);
  const { target, timeoutMs } = server;
  // Each version is its own connection, independent of the others: probed side by side (a server that
  // never answers costs one time-out, not four), results in the order of PROBED_VERSIONS.
  // What the console's live line shows while the handshakes wait (up to the time-out each).
  let answered = 0;
  const said = (): void =>
    ctx.progress?.({
      fr: `sondes TLS : ${answered}/${PROBED_VERSIONS.length} terminées`,
      en: `TLS probes: ${answered}/${PROBED_VERSIONS.length} done`,
    });
  said();
  const probes: ProbeResult[] = await Promise.all(
    PROBED_VERSIONS.map((version) =>
      probeTlsVersion(target, version, material, { timeoutMs }).then((p) => {
        answered += 1;
        said();
        return p;
      }),
    ),
  );
  return { findings: judgeTlsVersions(probes), exchanges: probes.map((p) => p.exchange) };
}

export function tlsVersionsKind(deps: TransportDeps): CaseKind {
  return {
    kind: 'tls-versions',
    paramsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timeoutMs: { type: 'integer', minimum: 100, maximum: 60000, description: 'deadline of each handshake (default: the run timeout)' },
      },
    },
    run: (tc, env) => runTlsVersions(tc, { ...env, ...deps }),
    plan: planTlsVersions,
  };
}
