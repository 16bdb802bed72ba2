/**
 * TLS facts of a real connection (protocol, cipher, server certificate), read from the socket the
 * request actually used, plus the client certificate presented (subject and fingerprint, never the key).
 */
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { TlsFacts } from '../core/model.js';
import type { ClientCertInfo } from './types.js';

/** `CN=localhost, O=Example` from Node's certificate name object. */
export function formatDn(name: PeerCertificate['subject'] | undefined): string | undefined {
  if (!name || typeof name !== 'object') return undefined;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(name)) {
    for (const value of Array.isArray(v) ? v : [v]) parts.push(`${k}=${String(value)}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function isoOrRaw(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const t = Date.parse(date);
  return Number.isNaN(t) ? date : new Date(t).toISOString();
}

export function readTlsFacts(socket: TLSSocket, clientCert: ClientCertInfo | undefined): TlsFacts {
  const facts: TlsFacts = {};
  const protocol = socket.getProtocol?.();
  if (protocol) facts.protocol = protocol;
  const cipher = socket.getCipher?.();
  if (cipher?.name) facts.cipher = cipher.name;
  const peer = socket.getPeerCertificate?.(false);
  if (peer && Object.keys(peer).length > 0) {
    facts.peerSubject = formatDn(peer.subject);
    facts.peerIssuer = formatDn(peer.issuer);
    facts.peerValidTo = isoOrRaw(peer.valid_to);
  }
  if (clientCert) {
    facts.clientCertSubject = clientCert.subject;
    facts.clientCertFingerprint256 = clientCert.fingerprint256;
  }
  return facts;
}
