/**
 * Flux V1 is served on the slot-search endpoint with the same mutual TLS (sas-v1@17): a valid account
 * POSTed to `[base]/Practitioner` without a client certificate must be refused — by the TLS handshake,
 * by cutting the connection, or by HTTP 400/401/403/495/496 (the transport's mTLS reading). An
 * account created that way is recorded for the clean-up. Plain HTTP: not applicable.
 */
import { flowFinding } from '../context.js';
import { createHttpClient } from '../../http/client.js';
import type { HttpClient } from '../../http/types.js';
import { classifyMtls } from '../../transport/classify-mtls.js';
import { fieldsOf, freshIdentifier, regulatorPayload } from './payloads.js';
import { REG, V1 } from './rules.js';
import { remember, step } from './steps.js';
import { base, beforeSending, type RegCtx } from './wire.js';

/** The run's client options without its certificate (the server still verified with the same CA). */
export function clientWithoutCertificate(ctx: RegCtx): HttpClient {
  const { certFile: _c, keyFile: _k, passphraseEnv: _p, ...tls } = ctx.env.httpOptions.tls ?? {};
  return createHttpClient({ ...ctx.env.httpOptions, tls });
}

export async function runNoCertificate(ctx: RegCtx): Promise<void> {
  const identifier = freshIdentifier('INTRN');
  const fields = fieldsOf(ctx.identity);
  const body = regulatorPayload([identifier], true, fields);
  beforeSending(ctx, body, { label: 'create without certificate' });
  const client = clientWithoutCertificate(ctx);
  const info = step(
    'no-certificate',
    {
      fr: `création d'un compte valide (${identifier.type} ${identifier.value}) sans certificat client, sur le point d'accès de la recherche de créneaux`,
      en: `creation of a valid account (${identifier.type} ${identifier.value}) without a client certificate, on the slot-search endpoint`,
    },
    [V1.sameEndpoint],
  );
  let sent;
  try {
    // a refusal by the TLS layer is a finding here, not the end of the case: sent with the raw client
    sent = await client.send({
      method: 'POST',
      url: `${base(ctx)}/Practitioner`,
      headers: { accept: 'application/fhir+json', 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
      label: 'POST Practitioner without a client certificate',
    });
  } finally {
    await client.close();
  }
  ctx.exchanges.push(sent.exchange);
  const reading = classifyMtls(sent);
  const where = `${info.key}.tls.clientCertificate`;
  const seen = `[${reading.channel}: ${reading.observation}]`;
  if (reading.verdict === 'rejected') {
    ctx.findings.push(
      flowFinding(
        'information',
        REG.noCertificate,
        where,
        {
          fr: `${info.what.fr}\u00a0: refusée — ${reading.explanation.fr} ${seen}`,
          en: `${info.what.en}: refused — ${reading.explanation.en} ${seen}`,
        },
        info.requirements,
      ),
    );
    return;
  }
  if (reading.verdict === 'accepted') {
    const status = sent.exchange.response?.status ?? 0;
    if (status >= 200 && status < 300) remember(ctx, identifier, true, fields);
    ctx.findings.push(
      flowFinding(
        'error',
        REG.noCertificate,
        where,
        {
          fr: `${info.what.fr}\u00a0: acceptée — ${reading.explanation.fr} ${seen}. Le flux V1 réutilise le point d'accès et le TLS mutuel de la recherche (INT_R01)\u00a0: exiger le certificat client sur ${base(ctx)}/Practitioner`,
          en: `${info.what.en}: accepted — ${reading.explanation.en} ${seen}. Flux V1 reuses the search endpoint and its mutual TLS (INT_R01): require the client certificate on ${base(ctx)}/Practitioner`,
        },
        info.requirements,
      ),
    );
    return;
  }
  ctx.findings.push(
    flowFinding(
      'error',
      REG.noCertificate,
      where,
      {
        fr: `${info.what.fr}\u00a0: résultat non concluant — ${reading.explanation.fr} ${seen}`,
        en: `${info.what.en}: inconclusive result — ${reading.explanation.en} ${seen}`,
      },
      info.requirements,
      { notChecked: true },
    ),
  );
}
