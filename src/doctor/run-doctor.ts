/**
 * `sas-recette doctor`'s checks in order: the offline ones first (certificates, packages, JDD, proxy
 * variables), then the network ones against the base URL, each with a short time-out: DNS, then TCP,
 * then side by side the TLS version probes and one request as the run makes it (server certificate,
 * clock). A step that cannot be made (no base URL, DNS failed, TCP refused) leaves the steps after it
 * "not checked", with why.
 */
import { SetupError } from '../core/errors.js';
import { NBSP } from '../core/typography.js';
import { TOOL_VERSION } from '../core/version.js';
import { createHttpClient } from '../http/client.js';
import { loadTlsMaterial, type TlsMaterial } from '../http/tls-material.js';
import type { SentExchange, TlsClientOptions } from '../http/types.js';
import { checkCertificates } from './certificates.js';
import { GROUPS, summarise, notChecked, type DoctorCheck, type DoctorReport } from './checklist.js';
import { checkClock } from './clock.js';
import type { DoctorInputs } from './inputs.js';
import { checkJdds } from './jdd.js';
import { checkDns, checkTcp, networkNotChecked, type NetworkTarget } from './network.js';
import { checkPackages } from './packages.js';
import { checkProxy } from './proxy.js';
import { judgeServerCertificate, judgeVersions, probeVersions } from './tls.js';

/** The base URL as a URL; a value that is not an http(s) URL is a usage problem (exit 2). */
export function parseBaseUrl(value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new SetupError(
      { fr: `--base-url «${NBSP}${value}${NBSP}» n'est pas une URL http(s)`, en: `--base-url "${value}" is not an http(s) URL` },
      {
        fr: 'par exemple --base-url https://agenda.editeur.example/fhir',
        en: 'for example --base-url https://agenda.editeur.example/fhir',
      },
    );
  return url;
}

export async function runDoctor(inputs: DoctorInputs): Promise<DoctorReport> {
  const baseUrl = parseBaseUrl(inputs.baseUrl);
  const certs = checkCertificates(inputs);
  const checks: DoctorCheck[] = [...certs.checks, ...(await checkPackages(inputs)), ...checkJdds(inputs)];
  const proxy = checkProxy(inputs.env, baseUrl);
  checks.push(...proxy.checks);
  checks.push(
    ...(await networkChecks(
      inputs,
      baseUrl,
      certs.tls,
      proxy.proxy,
      certs.checks.some((c) => c.status === 'blocking'),
    )),
  );
  const order = (c: DoctorCheck): number => GROUPS.indexOf(c.group);
  const sorted = checks.map((c, i) => ({ c, i })).sort((a, b) => order(a.c) - order(b.c) || a.i - b.i);
  const all = sorted.map((x) => x.c);
  return {
    tool: `sas-recette ${TOOL_VERSION}`,
    checkedAt: inputs.now().toISOString(),
    ...(baseUrl ? { baseUrl: baseUrl.toString() } : {}),
    checks: all,
    summary: summarise(all),
  };
}

async function networkChecks(
  inputs: DoctorInputs,
  baseUrl: URL | undefined,
  tls: TlsClientOptions,
  proxy: { variable: string; url: string } | undefined,
  certificateDoubtful: boolean,
): Promise<DoctorCheck[]> {
  if (!baseUrl)
    return [
      notChecked(
        'network.dns',
        'network',
        {
          fr: `réseau, TLS et horloge non vérifiés${NBSP}: pas de --base-url`,
          en: 'network, TLS and clock not checked: no --base-url',
        },
        { fr: "donner l'URL de base de l'endpoint avec --base-url", en: "give the endpoint's base URL with --base-url" },
      ),
    ];
  const https = baseUrl.protocol === 'https:';
  const host = baseUrl.hostname.replace(/^\[|\]$/g, '');
  let target: NetworkTarget = { host, port: Number(baseUrl.port || (https ? 443 : 80)), role: { fr: "l'endpoint", en: 'the endpoint' } };
  if (proxy) {
    const p = new URL(proxy.url);
    target = {
      host: p.hostname.replace(/^\[|\]$/g, ''),
      port: Number(p.port || (p.protocol === 'https:' ? 443 : 80)),
      role: { fr: 'le proxy', en: 'the proxy' },
    };
  }
  const out: DoctorCheck[] = [];
  const dns = await checkDns(target, inputs.timeouts.dnsMs);
  out.push(dns.check);
  const after = (why: { fr: string; en: string }): DoctorCheck[] => [
    networkNotChecked('network.tcp', { fr: `connexion TCP non vérifiée${NBSP}: ${why.fr}`, en: `TCP connection not checked: ${why.en}` }),
    notChecked('tls.versions', 'tls', { fr: `versions TLS non vérifiées${NBSP}: ${why.fr}`, en: `TLS versions not checked: ${why.en}` }),
    notChecked('tls.server-certificate', 'tls', {
      fr: `certificat du serveur non vérifié${NBSP}: ${why.fr}`,
      en: `server certificate not checked: ${why.en}`,
    }),
    notChecked('clock.skew', 'clock', { fr: `horloge non comparée${NBSP}: ${why.fr}`, en: `clock not compared: ${why.en}` }),
  ];
  if (!dns.address) return [...out, ...after({ fr: 'le nom ne se résout pas', en: 'the name does not resolve' })];
  const tcp = await checkTcp(target, inputs.timeouts.tcpMs);
  out.push(tcp);
  if (tcp.status !== 'ok') return [...out, ...after({ fr: 'connexion TCP impossible', en: 'no TCP connection' }).slice(1)];

  let material: TlsMaterial = {};
  let usable = true;
  try {
    material = loadTlsMaterial(tls, inputs.env);
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    usable = false; // the certificate checks already say why
  }
  const unusable = {
    fr: 'le certificat client ou la clé ne sont pas utilisables (voir Certificats)',
    en: 'the client certificate or key cannot be used (see Certificates)',
  };
  const [probes, sent] = await Promise.all([
    https && !proxy && usable
      ? probeVersions(
          { host, port: target.port, ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }) },
          material,
          inputs.timeouts.tlsMs,
        )
      : undefined,
    usable ? request(baseUrl, tls, inputs) : undefined,
  ]);
  if (!https)
    out.push(notChecked('tls.versions', 'tls', { fr: `pas de TLS${NBSP}: l'URL de base est en http`, en: 'no TLS: the base URL is http' }));
  else if (proxy)
    out.push(
      notChecked('tls.versions', 'tls', {
        fr: `versions TLS non sondées${NBSP}: les requêtes passent par un proxy`,
        en: 'TLS versions not probed: requests go through a proxy',
      }),
    );
  else if (!probes)
    out.push(
      notChecked('tls.versions', 'tls', {
        fr: `versions TLS non vérifiées${NBSP}: ${unusable.fr}`,
        en: `TLS versions not checked: ${unusable.en}`,
      }),
    );
  else out.push(judgeVersions(probes, certificateDoubtful));
  if (!sent) {
    const why = usable
      ? { fr: `pas de réponse en ${inputs.timeouts.httpMs}${NBSP}ms`, en: `no answer within ${inputs.timeouts.httpMs} ms` }
      : unusable;
    if (https)
      out.push(
        notChecked('tls.server-certificate', 'tls', {
          fr: `certificat du serveur non vérifié${NBSP}: ${why.fr}`,
          en: `server certificate not checked: ${why.en}`,
        }),
      );
    out.push(checkClock(undefined, why));
    return out;
  }
  if (https) out.push(judgeServerCertificate(sent, tls.caFile, tls.insecure ?? false));
  out.push(checkClock(sent));
  return out;
}

/**
 * One request as the run sends them: GET [base]/metadata, the run's client and TLS options. Undefined
 * when it has not ended shortly after its time-out: undici lets a connection still opening (a server
 * that accepts TCP and never completes TLS, a proxy that never answers CONNECT) run to its own 10 s
 * connect time-out, past the request's signal, and doctor must not wait that long.
 */
async function request(baseUrl: URL, tls: TlsClientOptions, inputs: DoctorInputs): Promise<SentExchange | undefined> {
  const client = createHttpClient({ tls, timeoutMs: inputs.timeouts.httpMs, env: inputs.env, maxBodyBytes: 5 * 1024 * 1024 });
  const deadline = (ms: number): Promise<undefined> => new Promise((r) => setTimeout(() => r(undefined), ms).unref());
  try {
    const url = `${baseUrl.toString().replace(/\/+$/, '')}/metadata`;
    return await Promise.race([
      client.send({ url, headers: { accept: 'application/fhir+json' }, label: 'doctor' }),
      deadline(inputs.timeouts.httpMs + 250),
    ]);
  } finally {
    void Promise.race([client.close(), deadline(250)]);
  }
}
