/**
 * Builds the undici dispatcher of one client: TLS options (client certificate, CA, versions), a
 * connector wrapper that records the TLS facts of each new connection and taps its first received
 * bytes (evidence of a broken answer, wire-tap.ts), the header size limit, and the proxy choice
 * (EnvHttpProxyAgent when HTTP(S)_PROXY is set, the client certificate then travels as `requestTls`).
 */
import { Agent, EnvHttpProxyAgent, buildConnector, type Dispatcher } from 'undici';
import { TLSSocket, createSecureContext, type ConnectionOptions, type SecureContext } from 'node:tls';
import type { TlsFacts } from '../core/model.js';
import { readTlsFacts } from './tls-facts.js';
import type { TlsMaterial } from './tls-material.js';
import type { TlsClientOptions } from './types.js';
import { tapSocket } from './wire-tap.js';

/**
 * Largest response header block accepted (undici's default is Node's http.maxHeaderSize, 16 KiB):
 * set explicitly so the message of an overflowing answer can name it.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

export function originKey(protocol: string, hostname: string, port: string): string {
  return `${protocol}//${hostname.replace(/^\[|\]$/g, '').toLowerCase()}:${port || DEFAULT_PORTS[protocol] || ''}`;
}

/** Handshakes seen by one client, per origin: the latest facts and how many handshakes so far. */
export class HandshakeLog {
  private readonly byOrigin = new Map<string, { seq: number; facts: TlsFacts }>();
  record(origin: string, facts: TlsFacts): void {
    const seq = (this.byOrigin.get(origin)?.seq ?? 0) + 1;
    this.byOrigin.set(origin, { seq, facts });
  }
  seq(origin: string): number {
    return this.byOrigin.get(origin)?.seq ?? 0;
  }
  facts(origin: string): TlsFacts | undefined {
    return this.byOrigin.get(origin)?.facts;
  }
}

export function tlsConnectionOptions(material: TlsMaterial, opts: TlsClientOptions | undefined): ConnectionOptions {
  // Only certificate material and versions: porting https.Agent options such as keepAlive into
  // `connect` is a known cause of ECONNRESET with client certificates (nodejs/undici#4034).
  const out: ConnectionOptions = { rejectUnauthorized: !(opts?.insecure ?? false) };
  if (material.ca) out.ca = material.ca;
  if (material.cert) out.cert = material.cert;
  if (material.key) out.key = material.key;
  if (material.passphrase !== undefined) out.passphrase = material.passphrase;
  if (opts?.minVersion) out.minVersion = opts.minVersion;
  if (opts?.maxVersion) out.maxVersion = opts.maxVersion;
  if (opts?.ciphers) out.ciphers = opts.ciphers;
  return out;
}

/**
 * One secure context for every connection of a client: certificate, key and CA parsed once, not per
 * connection (with no session cache, each connection still makes its full handshake). Options Node
 * refuses are left to each connection, whose error is then the exchange's, as without it.
 */
function sharedContext(tls: ConnectionOptions): { secureContext?: SecureContext } {
  try {
    return { secureContext: createSecureContext(tls) };
  } catch {
    return {};
  }
}

function envValue(env: NodeJS.ProcessEnv, name: string): string {
  return env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '';
}

export interface DispatcherSetup {
  dispatcher: Dispatcher;
  handshakes: HandshakeLog;
  /** True when requests may go through a proxy (TLS facts are then not captured for proxied origins). */
  proxied: boolean;
}

export function createDispatcher(
  material: TlsMaterial,
  opts: TlsClientOptions | undefined,
  env: NodeJS.ProcessEnv,
  maxResponseSize: number,
): DispatcherSetup {
  const tls = tlsConnectionOptions(material, opts);
  const handshakes = new HandshakeLog();
  const base = buildConnector({ ...tls, ...sharedContext(tls), maxCachedSessions: 0 });
  const connect: buildConnector.connector = (o, cb) => {
    base(o, (err, socket) => {
      if (!err && socket instanceof TLSSocket) {
        handshakes.record(originKey(o.protocol, o.hostname, o.port), readTlsFacts(socket, material.clientCert));
      }
      if (err) cb(err, null);
      else {
        tapSocket(socket);
        cb(null, socket as TLSSocket);
      }
    });
  };
  const httpProxy = envValue(env, 'http_proxy');
  const httpsProxy = envValue(env, 'https_proxy');
  if (httpProxy || httpsProxy) {
    const dispatcher = new EnvHttpProxyAgent({
      // Pass every value explicitly so the agent never falls back to process.env.
      httpProxy,
      httpsProxy,
      noProxy: envValue(env, 'no_proxy'),
      connect,
      requestTls: tls,
      maxResponseSize,
      maxHeaderSize: MAX_HEADER_BYTES,
    });
    return { dispatcher, handshakes, proxied: true };
  }
  return { dispatcher: new Agent({ connect, maxResponseSize, maxHeaderSize: MAX_HEADER_BYTES }), handshakes, proxied: false };
}
