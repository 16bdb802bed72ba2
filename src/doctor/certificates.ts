/**
 * Offline checks of the TLS files a run would use (--cert/--key/--passphrase-env/--ca, filled from
 * --tls-profile as the run does): the profile reads; the key opens and matches the certificate (the
 * run's own loader, so doctor says what the run would say); the certificate's dates; its CN/OU against
 * the subject the profile expects; its chain against the CA given. Never prints a passphrase or a key.
 */
import type { X509Certificate } from 'node:crypto';
import { SetupError } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import { NBSP } from '../core/typography.js';
import { loadTlsMaterial } from '../http/tls-material.js';
import type { TlsClientOptions } from '../http/types.js';
import { EXPIRY_WARNING_DAYS } from '../transport/mtls.js';
import { loadTlsProfile, mergeProfileTls, type TlsProfile } from '../transport/tls-profile.js';
import { blocking, notChecked, ok, warning, type DoctorCheck } from './checklist.js';
import type { DoctorInputs } from './inputs.js';
import { chainsTo, readCertificates, subjectValues } from './pem-certificates.js';

const DAY_MS = 86_400_000;
const G = 'certificates' as const;

/** A SetupError of the run's loaders as a blocking check: the same words the run would stop with. */
function fromSetupError(id: string, err: unknown): DoctorCheck {
  if (!(err instanceof SetupError)) throw err;
  return blocking(id, G, err.problem, err.hint);
}

export interface CertificateChecks {
  checks: DoctorCheck[];
  /** The TLS options the run would use (command line + profile), for the network checks. */
  tls: TlsClientOptions;
}

export function checkCertificates(inputs: DoctorInputs): CertificateChecks {
  const checks: DoctorCheck[] = [];
  let profile: TlsProfile | undefined;
  if (inputs.tlsProfile) {
    try {
      profile = loadTlsProfile(inputs.tlsProfile);
      checks.push(
        ok('cert.profile', G, { fr: `profil TLS lu${NBSP}: ${inputs.tlsProfile}`, en: `TLS profile read: ${inputs.tlsProfile}` }),
      );
    } catch (err) {
      checks.push(fromSetupError('cert.profile', err));
    }
  }
  const t = inputs.tls;
  const cli: TlsClientOptions = {
    ...(t.cert ? { certFile: t.cert } : {}),
    ...(t.key ? { keyFile: t.key } : {}),
    ...(t.passphraseEnv ? { passphraseEnv: t.passphraseEnv } : {}),
    ...(t.ca ? { caFile: t.ca } : {}),
    insecure: t.insecure,
  };
  const tls = mergeProfileTls(cli, profile) ?? cli;
  const cas = checkCa(tls.caFile, checks);
  if (!tls.certFile && !tls.keyFile) {
    const https = inputs.baseUrl?.startsWith('https:') ?? false;
    const message = {
      fr: 'aucun certificat client (--cert, --key ou client du profil TLS)',
      en: 'no client certificate (--cert, --key or the TLS profile client)',
    };
    const fix = {
      fr: 'la plateforme SAS se connecte en TLS mutuel avec un certificat IGC-Santé\u00a0: donner --cert et --key (sas-recette certs make en fait de test)',
      en: 'the SAS platform connects with mutual TLS and an IGC-Santé certificate: give --cert and --key (sas-recette certs make makes test ones)',
    };
    checks.push(https ? warning('cert.pair', G, message, fix) : notChecked('cert.pair', G, message, fix));
    return { checks, tls };
  }
  try {
    loadTlsMaterial({ ...tls, caFile: undefined }, inputs.env);
    checks.push(
      ok('cert.pair', G, {
        fr: `la clé ${tls.keyFile} correspond au certificat ${tls.certFile}${tls.passphraseEnv ? ` (phrase secrète lue dans ${tls.passphraseEnv})` : ''}`,
        en: `the key ${tls.keyFile} matches the certificate ${tls.certFile}${tls.passphraseEnv ? ` (passphrase read from ${tls.passphraseEnv})` : ''}`,
      }),
    );
  } catch (err) {
    checks.push(fromSetupError('cert.pair', err));
  }
  if (!tls.certFile) return { checks, tls };
  let chain: X509Certificate[];
  try {
    chain = readCertificates(tls.certFile, { fr: 'certificat client', en: 'client certificate' });
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    return { checks, tls }; // cert.pair already says why the file cannot be used
  }
  const [leaf, ...intermediates] = chain;
  checks.push(checkDates(leaf, tls.certFile, inputs.now()));
  checks.push(checkSubject(leaf, profile));
  checks.push(checkChain(leaf, intermediates, cas, tls.caFile));
  return { checks, tls };
}

/** The CA file (verifies the server): readable, PEM. Undefined when none is given or it cannot be read. */
function checkCa(caFile: string | undefined, checks: DoctorCheck[]): X509Certificate[] | undefined {
  if (!caFile) return undefined;
  try {
    const cas = readCertificates(caFile, { fr: 'AC', en: 'CA' });
    checks.push(
      ok('cert.ca', G, {
        fr: `AC ${caFile}${NBSP}: ${cas.length} certificat(s), ${cas.map((c) => oneLine(c.subject)).join(`${NBSP}; `)}`,
        en: `CA ${caFile}: ${cas.length} certificate(s), ${cas.map((c) => oneLine(c.subject)).join('; ')}`,
      }),
    );
    return cas;
  } catch (err) {
    checks.push(fromSetupError('cert.ca', err));
    return undefined;
  }
}

const oneLine = (dn: string): string =>
  dn
    .split('\n')
    .filter((s) => s.length > 0)
    .join(', ');

const day = (d: Date): string => d.toISOString().slice(0, 10);

function checkDates(leaf: X509Certificate, file: string, now: Date): DoctorCheck {
  const from = new Date(leaf.validFrom);
  const to = new Date(leaf.validTo);
  const renew: Message = {
    fr: 'demander un nouveau certificat (IGC-Santé en production), ou en faire un de test avec sas-recette certs make',
    en: 'request a new certificate (IGC-Santé in production), or make a test one with sas-recette certs make',
  };
  if (now < from)
    return blocking(
      'cert.dates',
      G,
      {
        fr: `le certificat client ${file} n'est pas encore valide${NBSP}: valide à partir du ${from.toISOString()}`,
        en: `the client certificate ${file} is not valid yet: valid from ${from.toISOString()}`,
      },
      {
        fr: "vérifier l'horloge de cette machine, ou attendre la date de début de validité",
        en: "check this machine's clock, or wait for the start of its validity",
      },
    );
  if (now > to)
    return blocking(
      'cert.dates',
      G,
      {
        fr: `le certificat client ${file} a expiré le ${day(to)}${NBSP}: l'endpoint le refusera`,
        en: `the client certificate ${file} expired on ${day(to)}: the endpoint will refuse it`,
      },
      renew,
    );
  const days = Math.floor((to.getTime() - now.getTime()) / DAY_MS);
  if (days < EXPIRY_WARNING_DAYS)
    return warning(
      'cert.dates',
      G,
      {
        fr: `le certificat client ${file} expire dans ${days} jour(s), le ${day(to)}`,
        en: `the client certificate ${file} expires in ${days} day(s), on ${day(to)}`,
      },
      renew,
    );
  return ok('cert.dates', G, {
    fr: `certificat client valide jusqu'au ${day(to)} (${days} jours)`,
    en: `client certificate valid until ${day(to)} (${days} days)`,
  });
}

/** CN and OU against `expect` of the TLS profile: the subject the endpoint accepts. */
function checkSubject(leaf: X509Certificate, profile: TlsProfile | undefined): DoctorCheck {
  const expect = profile?.expect;
  const subject = oneLine(leaf.subject);
  if (!expect || (expect.cn === undefined && expect.ou === undefined))
    return notChecked(
      'cert.subject',
      G,
      { fr: `sujet du certificat client${NBSP}: ${subject}, non comparé`, en: `client certificate subject: ${subject}, not compared` },
      {
        fr: 'indiquer le sujet attendu dans le profil TLS (expect: { cn, ou }, --tls-profile)',
        en: 'give the expected subject in the TLS profile (expect: { cn, ou }, --tls-profile)',
      },
    );
  const wrong: string[] = [];
  const cns = subjectValues(leaf.subject, 'CN');
  const ous = subjectValues(leaf.subject, 'OU');
  if (expect.cn !== undefined && !cns.includes(expect.cn)) wrong.push(`CN ${cns.join('+') || '∅'} ≠ ${expect.cn}`);
  if (expect.ou !== undefined && !ous.includes(expect.ou)) wrong.push(`OU ${ous.join('+') || '∅'} ≠ ${expect.ou}`);
  if (wrong.length > 0)
    return blocking(
      'cert.subject',
      G,
      {
        fr: `le sujet du certificat client (${subject}) n'est pas celui qu'attend le profil TLS${NBSP}: ${wrong.join(', ')}`,
        en: `the client certificate subject (${subject}) is not the one the TLS profile expects: ${wrong.join(', ')}`,
      },
      {
        fr: `utiliser le certificat émis pour ce sujet, ou corriger expect dans ${profile?.file ?? 'le profil TLS'}`,
        en: `use the certificate issued for that subject, or correct expect in ${profile?.file ?? 'the TLS profile'}`,
      },
    );
  return ok('cert.subject', G, {
    fr: `sujet du certificat client conforme au profil TLS (${subject})`,
    en: `client certificate subject as the TLS profile expects (${subject})`,
  });
}

/**
 * The client certificate against the CA given. --ca is the CA of the server's certificate: when the
 * client certificate comes from another PKI (IGC-Santé for the client, a public CA for the server),
 * not chaining is expected, so it is a warning that says what to check, not a blocking problem.
 */
function checkChain(
  leaf: X509Certificate,
  intermediates: X509Certificate[],
  cas: X509Certificate[] | undefined,
  caFile: string | undefined,
): DoctorCheck {
  const issuer = oneLine(leaf.issuer);
  if (!cas)
    return notChecked(
      'cert.chain',
      G,
      {
        fr: `émetteur du certificat client${NBSP}: ${issuer}, chaîne non vérifiée (pas d'AC lisible)`,
        en: `client certificate issuer: ${issuer}, chain not checked (no readable CA)`,
      },
      { fr: "donner l'AC avec --ca (ou ca: dans le profil TLS)", en: 'give the CA with --ca (or ca: in the TLS profile)' },
    );
  if (chainsTo(leaf, intermediates, cas))
    return ok('cert.chain', G, {
      fr: `le certificat client est émis par l'AC ${caFile} (${issuer})`,
      en: `the client certificate is issued by the CA ${caFile} (${issuer})`,
    });
  return warning(
    'cert.chain',
    G,
    {
      fr: `le certificat client (émetteur ${issuer}) n'est pas émis par l'AC ${caFile}`,
      en: `the client certificate (issuer ${issuer}) is not issued by the CA ${caFile}`,
    },
    {
      fr: "l'endpoint doit faire confiance à l'émetteur du certificat client\u00a0: vérifier le couple certificat / AC (normal si le serveur et le client relèvent de deux AC différentes)",
      en: "the endpoint must trust the client certificate's issuer: check the certificate / CA pair (expected when the server and the client come from two different CAs)",
    },
  );
}
