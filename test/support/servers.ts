/**
 * Loopback servers for the HTTP and transport tests: a route table of well-known behaviours (JSON,
 * 500, HTML 502, invalid JSON, stall, 200 MB stream, reset, redirect, header echo) served over HTTP or
 * HTTPS (optionally demanding a client certificate), and a tiny CONNECT proxy.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { connect as netConnect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import type { TLSSocket } from 'node:tls';

export const FHIR_JSON = 'application/fhir+json';

export interface RunningServer {
  url: string;
  port: number;
  /** Bytes written by the /huge route so far (proves the stream was cut early). */
  hugeBytesWritten: () => number;
  close: () => Promise<void>;
}

export interface TlsServerFiles {
  certFile: string;
  keyFile: string;
  caFile?: string;
  requestClientCert?: boolean;
  minVersion?: ServerOptions['minVersion'];
  maxVersion?: ServerOptions['maxVersion'];
  ciphers?: string;
  /** Accepted client certificate CN / OU (others get 403 with an OperationOutcome). */
  expectCn?: string;
  expectOu?: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const OO = (code: string, text: string): string =>
  JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: text }] });

export function bundle(total = 0): string {
  return JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total, entry: [] });
}

function routes(state: { huge: number }): Record<string, Handler> {
  return {
    '/json': (_req, res) => {
      res.writeHead(200, { 'content-type': FHIR_JSON, 'set-cookie': 'sid=server-session-secret' });
      res.end(bundle());
    },
    '/500': (_req, res) => {
      res.writeHead(500, { 'content-type': FHIR_JSON });
      res.end(OO('exception', 'boom'));
    },
    '/html502': (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    },
    '/badjson': (_req, res) => {
      res.writeHead(200, { 'content-type': FHIR_JSON });
      res.end('{"resourceType": "Bundle", ');
    },
    '/stall': () => {
      /* never answers */
    },
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': FHIR_JSON, 'content-length': String(200 * 1024 * 1024) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const total = 200 * 1024 * 1024;
      const pump = (): void => {
        while (state.huge < total && !res.destroyed) {
          state.huge += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
    },
    '/huge-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': FHIR_JSON });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (state.huge < 200 * 1024 * 1024 && !res.destroyed) {
          state.huge += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
    },
    '/reset': (req) => {
      (req.socket as Socket).resetAndDestroy();
    },
    '/redirect': (_req, res) => {
      res.writeHead(302, { location: '/json', 'content-type': 'text/plain' });
      res.end('moved');
    },
    '/echo': (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url, headers: req.headers }));
    },
    '/big-text': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(1000));
    },
  };
}

function dispatch(table: Record<string, Handler>, tls?: TlsServerFiles): Handler {
  return (req, res) => {
    if (tls?.expectCn || tls?.expectOu) {
      const peer = (req.socket as TLSSocket).getPeerCertificate?.();
      const subject = (peer?.subject ?? {}) as Record<string, string>;
      if ((tls.expectCn && subject.CN !== tls.expectCn) || (tls.expectOu && subject.OU !== tls.expectOu)) {
        res.writeHead(403, { 'content-type': FHIR_JSON });
        res.end(OO('forbidden', 'client certificate not allowed'));
        return;
      }
    }
    const path = (req.url ?? '/').split('?')[0];
    const h = table[path] ?? table['/json'];
    h(req, res);
  };
}

function listen(server: Server, state: { huge: number }): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => {
    /* expected in negative tests */
  });
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({
        url: '',
        port,
        hugeBytesWritten: () => state.huge,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export async function startHttpServer(extra: Record<string, Handler> = {}): Promise<RunningServer> {
  const state = { huge: 0 };
  const server = createHttpServer(dispatch({ ...routes(state), ...extra }));
  const running = await listen(server, state);
  return { ...running, url: `http://127.0.0.1:${running.port}` };
}

export async function startHttpsServer(tls: TlsServerFiles, extra: Record<string, Handler> = {}): Promise<RunningServer> {
  const state = { huge: 0 };
  const server = createHttpsServer(
    {
      cert: readFileSync(tls.certFile),
      key: readFileSync(tls.keyFile),
      ...(tls.caFile ? { ca: readFileSync(tls.caFile) } : {}),
      requestCert: tls.requestClientCert ?? false,
      rejectUnauthorized: tls.requestClientCert ?? false,
      ...(tls.minVersion ? { minVersion: tls.minVersion } : {}),
      ...(tls.maxVersion ? { maxVersion: tls.maxVersion } : {}),
      ...(tls.ciphers ? { ciphers: tls.ciphers } : {}),
    },
    dispatch({ ...routes(state), ...extra }, tls),
  );
  const running = await listen(server, state);
  return { ...running, url: `https://localhost:${running.port}` };
}

/** A port nobody listens on (bound then released). */
export async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Minimal HTTP CONNECT proxy (tunnels bytes, records the targets it was asked for). */
export async function startConnectProxy(): Promise<{ url: string; targets: string[]; close: () => Promise<void> }> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => {
    res.writeHead(405);
    res.end();
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    targets.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = netConnect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
