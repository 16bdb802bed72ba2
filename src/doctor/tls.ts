/**
 * TLS of the endpoint: the versions it accepts (one pinned handshake per version, the run's own probe,
 * src/transport/tls-probe.ts, side by side), and whether the run's request verified its certificate
 * (against --ca, else the system CAs) — a server the client cannot verify fails every case.
 * TLS 1.0/1.1 accepted and TLS 1.2 refused make the TLS case of the run fail: warnings; no version
 * accepted at all blocks every request.
 */
import type { TlsMaterial } from '../http/tls-material.js';
import type { SentExchange, TlsVersion } from '../http/types.js';
import { probeTlsVersion, type ProbeResult, type ProbeTarget } from '../transport/tls-probe.js';
import { PROBED_VERSIONS } from '../transport/tls-versions.js';
import { blocking, notChecked, ok, warning, type DoctorCheck } from './checklist.js';

const G = 'tls' as const;
const STATUS_FR: Record<ProbeResult['status'], string> = {
  accepted: 'acceptée',
  refused: 'refusée',
  'not-testable': 'non testable d’ici',
  unreachable: 'injoignable',
};
const NAMES: Record<TlsVersion, string> = { TLSv1: 'TLS 1.0', 'TLSv1.1': 'TLS 1.1', 'TLSv1.2': 'TLS 1.2', 'TLSv1.3': 'TLS 1.3' };

export function probeVersions(target: ProbeTarget, material: TlsMaterial, timeoutMs: number): Promise<ProbeResult[]> {
  return Promise.all(PROBED_VERSIONS.map((v) => probeTlsVersion(target, v, material, { timeoutMs })));
}

/**
 * Pure: the checklist line of the probes. `certificateDoubtful`: a certificate check blocks (expired,
 * wrong subject…); under TLS 1.2 a server refuses such a client certificate inside the handshake, so a
 * "refused" then says nothing about the version (under TLS 1.3 the refusal comes after it).
 */
export function judgeVersions(probes: readonly ProbeResult[], certificateDoubtful = false): DoctorCheck {
  const by = (status: ProbeResult['status']): string[] => probes.filter((p) => p.status === status).map((p) => NAMES[p.version]);
  const accepted = by('accepted');
  const refused = by('refused');
  const untestable = by('not-testable');
  const details = probes.map((p) => {
    const what = p.status === 'accepted' ? `${p.protocol ?? ''} ${p.cipher ?? ''}`.trim() : `${p.code ?? ''}`;
    const tail = what ? ` (${what})` : '';
    return { fr: `${NAMES[p.version]}\u00a0: ${STATUS_FR[p.status]}${tail}`, en: `${NAMES[p.version]}: ${p.status}${tail}` };
  });
  const list = (l: string[]): string => (l.length ? l.join(', ') : '—');
  const summary = {
    fr: `versions acceptées\u00a0: ${list(accepted)}\u00a0; refusées\u00a0: ${list(refused)}${untestable.length ? `\u00a0; non testables d'ici\u00a0: ${list(untestable)}` : ''}`,
    en: `versions accepted: ${list(accepted)}; refused: ${list(refused)}${untestable.length ? `; not testable from here: ${list(untestable)}` : ''}`,
  };
  if (probes.every((p) => p.status === 'unreachable'))
    return notChecked(
      'tls.versions',
      G,
      { fr: 'versions TLS non vérifiées\u00a0: pas de poignée de main possible', en: 'TLS versions not checked: no handshake possible' },
      undefined,
      { details },
    );
  if (!accepted.includes('TLS 1.2') && certificateDoubtful)
    return notChecked(
      'tls.versions',
      G,
      {
        fr: `${summary.fr}\u00a0; un refus peut venir du certificat client, refusé par le serveur (voir Certificats)`,
        en: `${summary.en}; a refusal may be the server refusing the client certificate (see Certificates)`,
      },
      { fr: 'corriger le certificat client puis relancer doctor', en: 'fix the client certificate, then run doctor again' },
      { details },
    );
  if (!accepted.includes('TLS 1.2') && !accepted.includes('TLS 1.3'))
    return blocking(
      'tls.versions',
      G,
      summary,
      {
        fr: 'activer TLS 1.2 sur le serveur\u00a0: aucune requête ne peut passer',
        en: 'enable TLS 1.2 on the server: no request can get through',
      },
      { details },
    );
  const legacy = accepted.filter((n) => n === 'TLS 1.0' || n === 'TLS 1.1');
  if (legacy.length)
    return warning(
      'tls.versions',
      G,
      summary,
      {
        fr: `désactiver ${legacy.join(' et ')} sur le serveur (TLS 1.2 minimum)\u00a0: le cas des versions TLS échouera sinon`,
        en: `disable ${legacy.join(' and ')} on the server (TLS 1.2 minimum): the TLS versions case fails otherwise`,
      },
      { details },
    );
  if (!accepted.includes('TLS 1.2'))
    return warning(
      'tls.versions',
      G,
      summary,
      {
        fr: 'activer TLS 1.2\u00a0: la plateforme SAS se connecte en TLS 1.2, et le cas des versions TLS échouera sinon',
        en: 'enable TLS 1.2: the SAS platform connects with TLS 1.2, and the TLS versions case fails otherwise',
      },
      { details },
    );
  return ok('tls.versions', G, summary, { details });
}

/** The server certificate as the run's client saw it (verified against --ca, else the system CAs). */
export function judgeServerCertificate(sent: SentExchange, caFile: string | undefined, insecure: boolean): DoctorCheck {
  const against = caFile ? { fr: `l'AC ${caFile}`, en: `the CA ${caFile}` } : { fr: 'les AC du système', en: "the system's CAs" };
  const detail = `${sent.exchange.error?.code ?? ''} ${sent.exchange.error?.message ?? ''}`.trim();
  const peer = sent.exchange.tls?.peerSubject;
  switch (sent.failure) {
    case 'tls-unknown-ca':
      return blocking(
        'tls.server-certificate',
        G,
        {
          fr: `le certificat du serveur n'est pas vérifiable avec ${against.fr} (${detail})`,
          en: `the server certificate cannot be verified with ${against.en} (${detail})`,
        },
        {
          fr: "donner avec --ca l'AC qui a émis le certificat du serveur (sa chaîne complète si le serveur n'envoie pas les intermédiaires)",
          en: "give with --ca the CA that issued the server's certificate (its whole chain when the server does not send the intermediates)",
        },
      );
    case 'tls-name-mismatch':
      return blocking(
        'tls.server-certificate',
        G,
        {
          fr: `le certificat du serveur ne couvre pas ce nom d'hôte (${detail})`,
          en: `the server certificate does not cover this host name (${detail})`,
        },
        {
          fr: 'utiliser dans --base-url le nom que porte le certificat (subjectAltName), ou faire émettre un certificat pour ce nom',
          en: 'use in --base-url the name the certificate carries (subjectAltName), or have a certificate issued for this name',
        },
      );
    case 'tls-expired':
      return blocking(
        'tls.server-certificate',
        G,
        {
          fr: `le certificat du serveur est expiré ou pas encore valide (${detail})`,
          en: `the server certificate is expired or not yet valid (${detail})`,
        },
        { fr: 'renouveler le certificat du serveur', en: "renew the server's certificate" },
      );
    default:
      break;
  }
  if (!sent.exchange.response)
    return notChecked('tls.server-certificate', G, {
      fr: `certificat du serveur non vérifié\u00a0: pas de réponse (${detail || sent.failure || 'erreur'})`,
      en: `server certificate not checked: no answer (${detail || sent.failure || 'error'})`,
    });
  if (insecure)
    return warning(
      'tls.server-certificate',
      G,
      { fr: 'certificat du serveur non vérifié (--insecure)', en: 'server certificate not verified (--insecure)' },
      {
        fr: "retirer --insecure et donner l'AC du serveur avec --ca\u00a0: une recette faite ainsi n'est jamais valable",
        en: "drop --insecure and give the server's CA with --ca: such a run is never valid for acceptance",
      },
    );
  return ok('tls.server-certificate', G, {
    fr: `certificat du serveur vérifié avec ${against.fr}${peer ? ` (${peer})` : ''}`,
    en: `server certificate verified with ${against.en}${peer ? ` (${peer})` : ''}`,
  });
}
