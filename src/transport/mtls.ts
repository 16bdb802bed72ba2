/**
 * mTLS checks. `mtls-accepted`: the configured client certificate gets a 2xx on the reference search.
 * `mtls-refused`: the same request without a certificate, or with a certificate the endpoint must
 * refuse (other CA, expired, wrong CN, wrong OU, revoked), is refused — by the TLS handshake, by
 * cutting the connection, or by HTTP 400/401/403/495/496 — and the result says which.
 */
import type { Message } from '../core/findings.js';
import type { TestCase } from '../cahier/types.js';
import { createHttpClient } from '../http/client.js';
import type { SentExchange, TlsClientOptions } from '../http/types.js';
import type { CaseKind, CasePlan, PlanEnv, PlannedCertificate } from '../cahier/kinds.js';
import { classifyMtls } from './classify-mtls.js';
import { reqs, STOPPED_BEFORE_SENDING, tfinding, type TransportContext, type TransportDeps, type TransportOutcome } from './context.js';
import { baseOf, referenceRequest } from './reference-request.js';
import { REQ } from './requirements.js';
import type { NegativeCertificate } from './tls-profile.js';
import { makeUntrustedCertificate } from './untrusted-cert.js';

const DAY_MS = 86_400_000;
export const EXPIRY_WARNING_DAYS = 30;

export type RefusedVariant = 'none' | NegativeCertificate;

export const REFUSED_RULES: Record<RefusedVariant, { ruleId: string; requirements: string[]; what: Message }> = {
  none: {
    ruleId: 'SAS-TLS-020',
    requirements: [REQ.noCertificate, REQ.kitMtls],
    what: { fr: 'sans certificat client', en: 'without a client certificate' },
  },
  'other-ca': {
    ruleId: 'SAS-TLS-021',
    requirements: [REQ.otherCa, REQ.kitMtls],
    what: { fr: "avec un certificat d'une autre autorité", en: 'with a certificate from another CA' },
  },
  expired: {
    ruleId: 'SAS-TLS-022',
    requirements: [REQ.expired, REQ.kitMtls],
    what: { fr: 'avec un certificat expiré', en: 'with an expired certificate' },
  },
  'wrong-cn': {
    ruleId: 'SAS-TLS-023',
    requirements: [REQ.wrongCn, REQ.kitCn],
    what: { fr: 'avec un certificat au CN inattendu', en: 'with a certificate with an unexpected CN' },
  },
  'wrong-ou': {
    ruleId: 'SAS-TLS-024',
    requirements: [REQ.wrongOu, REQ.kitOu],
    what: { fr: 'avec un certificat à l’OU inattendue', en: 'with a certificate with an unexpected OU' },
  },
  revoked: {
    ruleId: 'SAS-TLS-025',
    requirements: [REQ.revoked],
    what: { fr: 'avec un certificat révoqué', en: 'with a revoked certificate' },
  },
};

const NOT_HTTPS: Message = {
  fr: "l'URL de base n'est pas en https : le TLS mutuel ne peut pas être vérifié",
  en: 'the base URL is not https: mutual TLS cannot be checked',
};

/** The reference search, or the metadata endpoint when no JDD is loaded (still a request over mTLS). */
function targetOf(tc: TestCase, ctx: Pick<PlanEnv, 'jdd' | 'now' | 'baseUrl'>): { url: string; headers: Record<string, string> } {
  const ref = referenceRequest(tc, ctx);
  if ('notApplicable' in ref) return { url: `${baseOf(ctx)}/metadata`, headers: { accept: 'application/fhir+json' } };
  return { url: ref.url, headers: ref.headers };
}

function tlsSummary(sent: SentExchange): string {
  const t = sent.exchange.tls;
  return t?.protocol ? ` (${t.protocol}${t.cipher ? `, ${t.cipher}` : ''})` : '';
}

/** Warnings about certificates close to expiry (client: ours; server: the one the connection showed). */
export function expiryFindings(now: Date, sent: SentExchange, clientValidTo: string | undefined): ReturnType<typeof tfinding>[] {
  const out: ReturnType<typeof tfinding>[] = [];
  const check = (validTo: string | undefined, ruleId: string, location: string, who: Message): void => {
    const t = validTo ? Date.parse(validTo) : NaN;
    if (Number.isNaN(t)) return;
    const days = Math.floor((t - now.getTime()) / DAY_MS);
    if (days >= EXPIRY_WARNING_DAYS) return;
    out.push(
      tfinding(
        'warning',
        ruleId,
        location,
        days < 0
          ? { fr: `${who.fr} a expiré le ${validTo}`, en: `${who.en} expired on ${validTo}` }
          : {
              fr: `${who.fr} expire dans ${days} jour(s) (${validTo}) : le renouveler`,
              en: `${who.en} expires in ${days} day(s) (${validTo}): renew it`,
            },
        [REQ.mtls],
      ),
    );
  };
  check(clientValidTo, 'SAS-TLS-002', 'tls.clientCertificate.notAfter', {
    fr: 'le certificat client configuré',
    en: 'the configured client certificate',
  });
  check(sent.exchange.tls?.peerValidTo, 'SAS-TLS-003', 'tls.serverCertificate.notAfter', {
    fr: 'le certificat du serveur',
    en: 'the server certificate',
  });
  return out;
}

const NO_CLIENT_CERTIFICATE: Message = {
  fr: 'aucun certificat client configuré (--cert/--key ou client: du --tls-profile)',
  en: 'no client certificate configured (--cert/--key or client: in --tls-profile)',
};

/** What the case will send (`run --dry-run`): the reference search with the run's client certificate. */
export function planMtlsAccepted(tc: TestCase, env: PlanEnv): CasePlan {
  if (!/^https:/i.test(env.baseUrl)) return { steps: [], notApplicable: NOT_HTTPS };
  if (!env.httpOptions.tls?.certFile) return { steps: [], skip: NO_CLIENT_CERTIFICATE };
  return { steps: [{ request: { method: 'GET', ...targetOf(tc, env) } }] };
}

export async function runMtlsAccepted(tc: TestCase, ctx: TransportContext): Promise<TransportOutcome> {
  if (!/^https:/i.test(ctx.baseUrl)) return { findings: [], exchanges: [], notApplicable: NOT_HTTPS };
  if (!ctx.httpOptions.tls?.certFile) return { findings: [], exchanges: [], skip: NO_CLIENT_CERTIFICATE };
  if (ctx.signal?.aborted) return { findings: [], exchanges: [], harnessFault: STOPPED_BEFORE_SENDING };
  const target = targetOf(tc, ctx);
  const sent = await ctx.client.send({ ...target, label: 'mtls-accepted' });
  const reading = classifyMtls(sent);
  const r = [REQ.mtls, REQ.kitMtls];
  const findings = [];
  if (reading.verdict === 'accepted' && sent.exchange.response && sent.exchange.response.status < 300) {
    findings.push(
      tfinding(
        'information',
        'SAS-TLS-001',
        'tls.clientCertificate',
        {
          fr: `certificat client accepté : HTTP ${sent.exchange.response.status}${tlsSummary(sent)}`,
          en: `client certificate accepted: HTTP ${sent.exchange.response.status}${tlsSummary(sent)}`,
        },
        r,
      ),
    );
  } else {
    findings.push(
      tfinding(
        'error',
        'SAS-TLS-001',
        'tls.clientCertificate',
        {
          fr: `le certificat client configuré n'obtient pas de réponse 2xx : ${reading.explanation.fr} [${reading.observation}]. Vérifier que le serveur fait confiance à l'autorité du certificat et accepte son CN/OU`,
          en: `the configured client certificate does not get a 2xx answer: ${reading.explanation.en} [${reading.observation}]. Check that the server trusts the certificate's CA and accepts its CN/OU`,
        },
        r,
      ),
    );
  }
  if (ctx.httpOptions.tls?.insecure) {
    findings.push(
      tfinding(
        'warning',
        'SAS-TLS-004',
        'tls.serverCertificate',
        {
          fr: 'certificat du serveur non vérifié (--insecure) : la recette ne prouve pas son authenticité',
          en: 'server certificate not verified (--insecure): the run does not prove its authenticity',
        },
        [REQ.mtls],
      ),
    );
  }
  findings.push(...expiryFindings(ctx.now, sent, ctx.client.clientCert?.validTo));
  return { findings, exchanges: [sent.exchange] };
}

function variantOf(tc: TestCase): RefusedVariant {
  const v = (tc.params as { certificate?: string } | undefined)?.certificate ?? 'none';
  return v as RefusedVariant;
}

/** The certificate a refused variant presents: the profile's, one made at run time (other CA), or why none. */
function refusedCertificate(
  variant: RefusedVariant,
  ctx: Pick<TransportContext, 'tlsProfile'>,
): { given?: { certFile: string; keyFile: string; passphraseEnv?: string }; generate?: true; skip?: Message } {
  if (variant === 'none') return {};
  const given = ctx.tlsProfile?.negative[variant];
  if (given)
    return {
      given: { certFile: given.certFile, keyFile: given.keyFile, ...(given.passphraseEnv ? { passphraseEnv: given.passphraseEnv } : {}) },
    };
  if (variant === 'other-ca') return { generate: true };
  return {
    skip: {
      fr: `aucun certificat « ${variant} » dans le --tls-profile (il doit venir de la même autorité que le certificat valide ; \`sas-recette certs make\` en fabrique pour un serveur de test)`,
      en: `no "${variant}" certificate in --tls-profile (it must come from the same CA as the valid one; \`sas-recette certs make\` makes some for a test server)`,
    },
  };
}

/** What the case will send (`run --dry-run`): the reference search with the certificate the endpoint must refuse. */
export function planMtlsRefused(tc: TestCase, env: PlanEnv, deps: TransportDeps): CasePlan {
  if (!/^https:/i.test(env.baseUrl)) return { steps: [], notApplicable: NOT_HTTPS };
  const variant = variantOf(tc);
  const chosen = refusedCertificate(variant, deps);
  if (chosen.skip) return { steps: [], skip: chosen.skip };
  const certificate: PlannedCertificate = chosen.given
    ? chosen.given
    : chosen.generate
      ? {
          generatedAtRunTime: {
            fr: "certificat d'une autorité inconnue, fabriqué par openssl au moment de la recette",
            en: 'certificate from an unknown CA, made with openssl at run time',
          },
        }
      : { none: true };
  return {
    steps: [
      {
        request: { method: 'GET', ...targetOf(tc, env), certificate },
        note: {
          fr: `requête ${REFUSED_RULES[variant].what.fr}\u00a0: doit être refusée`,
          en: `request ${REFUSED_RULES[variant].what.en}: must be refused`,
        },
        ...(chosen.generate ? { placeholders: true } : {}),
      },
    ],
  };
}

export async function runMtlsRefused(tc: TestCase, ctx: TransportContext): Promise<TransportOutcome> {
  if (!/^https:/i.test(ctx.baseUrl)) return { findings: [], exchanges: [], notApplicable: NOT_HTTPS };
  const variant = variantOf(tc);
  const rule = REFUSED_RULES[variant];
  const { certFile: _c, keyFile: _k, passphraseEnv: _p, ...baseTls } = ctx.httpOptions.tls ?? {};
  let tls: TlsClientOptions = baseTls;
  let cleanup: (() => Promise<void>) | undefined;
  const chosen = refusedCertificate(variant, ctx);
  if (chosen.skip) return { findings: [], exchanges: [], skip: chosen.skip };
  if (chosen.given) tls = { ...baseTls, ...chosen.given };
  if (chosen.generate) {
    const made = await (ctx.untrustedCertificate ?? makeUntrustedCertificate)();
    if (!made) {
      return {
        findings: [],
        exchanges: [],
        skip: {
          fr: "aucun certificat d'une autre autorité dans le --tls-profile, et openssl est absent pour en fabriquer un",
          en: 'no other-CA certificate in --tls-profile, and openssl is missing to make one',
        },
      };
    }
    tls = { ...baseTls, certFile: made.certFile, keyFile: made.keyFile };
    cleanup = made.cleanup;
  }
  if (ctx.signal?.aborted) {
    await cleanup?.();
    return { findings: [], exchanges: [], harnessFault: STOPPED_BEFORE_SENDING };
  }
  const client = createHttpClient({ ...ctx.httpOptions, tls });
  try {
    const sent = await client.send({ ...targetOf(tc, ctx), label: `mtls-refused ${variant}` });
    const reading = classifyMtls(sent);
    const where = `tls.clientCertificate[${variant}]`;
    const observed = `[${reading.channel}: ${reading.observation}]`;
    const r = reqs([], rule.requirements);
    const f =
      reading.verdict === 'rejected'
        ? tfinding(
            'information',
            rule.ruleId,
            where,
            {
              fr: `requête ${rule.what.fr} refusée : ${reading.explanation.fr} ${observed}`,
              en: `request ${rule.what.en} refused: ${reading.explanation.en} ${observed}`,
            },
            r,
          )
        : reading.verdict === 'accepted'
          ? tfinding(
              'error',
              rule.ruleId,
              where,
              {
                fr: `requête ${rule.what.fr} acceptée : ${reading.explanation.fr} ${observed}. Le serveur doit refuser ce certificat (poignée de main TLS ou HTTP 401/403)`,
                en: `request ${rule.what.en} accepted: ${reading.explanation.en} ${observed}. The server must refuse this certificate (TLS handshake or HTTP 401/403)`,
              },
              r,
            )
          : tfinding(
              'error',
              rule.ruleId,
              where,
              {
                fr: `résultat non concluant ${rule.what.fr} : ${reading.explanation.fr} ${observed}`,
                en: `inconclusive result ${rule.what.en}: ${reading.explanation.en} ${observed}`,
              },
              r,
              { notChecked: true },
            );
    return { findings: [f], exchanges: [sent.exchange] };
  } finally {
    await client.close();
    await cleanup?.();
  }
}

export const MTLS_REFUSED_PARAMS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    certificate: {
      enum: ['none', 'other-ca', 'expired', 'wrong-cn', 'wrong-ou', 'revoked'],
      description: 'what the request presents: no certificate, or the tls-profile certificate of that name',
    },
  },
};

export function mtlsKinds(deps: TransportDeps): CaseKind[] {
  return [
    {
      kind: 'mtls-accepted',
      paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
      run: (tc, env) => runMtlsAccepted(tc, { ...env, ...deps }),
      plan: planMtlsAccepted,
    },
    {
      kind: 'mtls-refused',
      paramsSchema: MTLS_REFUSED_PARAMS,
      run: (tc, env) => runMtlsRefused(tc, { ...env, ...deps }),
      plan: (tc, env) => planMtlsRefused(tc, env, deps),
    },
  ];
}
