/**
 * Proof that nothing leaves the machine: every socket connect of this process is recorded (Node's
 * http/https ignore HTTP(S)_PROXY, so a proxy alone would not see a download attempt), and a proxy
 * listener records connections from child processes that honour the proxy variables.
 */
import net from 'node:net';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Same logic, as plain JavaScript, for the driver process (see driver.ts). */
export const GUARD_JS = String.raw`
const LOOPBACK = ${LOOPBACK.toString()};
function target(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  if (first && typeof first === 'object') return first.path ? 'unix:' + first.path : (first.host || 'localhost') + ':' + first.port;
  if (typeof first === 'number' || /^\d+$/.test(String(first))) return (typeof args[1] === 'string' ? args[1] : 'localhost') + ':' + first;
  return 'unix:' + first;
}
function isLocal(t) { return t.startsWith('unix:') || LOOPBACK.test(t.slice(0, t.lastIndexOf(':')).replace(/^\[|\]$/g, '')); }
`;

function target(args: unknown[]): string {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // net.connect() passes normalised [options, cb]
  if (first && typeof first === 'object') {
    const o = first as { path?: string; host?: string; port?: number };
    return o.path ? `unix:${o.path}` : `${o.host ?? 'localhost'}:${o.port}`;
  }
  if (typeof first === 'number' || /^\d+$/.test(String(first))) {
    return `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${String(first)}`;
  }
  return `unix:${String(first)}`;
}

export function isLocal(t: string): boolean {
  return t.startsWith('unix:') || LOOPBACK.test(t.slice(0, t.lastIndexOf(':')).replace(/^\[|\]$/g, ''));
}

export interface ConnectRecorder {
  targets: string[];
  outbound(): string[];
  restore(): void;
}

export function recordConnects(): ConnectRecorder {
  const targets: string[] = [];
  const proto = net.Socket.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const original = proto.connect;
  proto.connect = function (this: unknown, ...args: unknown[]) {
    targets.push(target(args));
    return original.apply(this, args);
  };
  return {
    targets,
    outbound: () => targets.filter((t) => !isLocal(t)),
    restore: () => {
      proto.connect = original;
    },
  };
}

export interface ProxyRecorder {
  url: string;
  connections: number;
  close(): Promise<void>;
}

/** A listener standing for an HTTP(S) proxy: it only counts connections and closes them. */
export async function proxyRecorder(): Promise<ProxyRecorder> {
  const rec = { connections: 0 };
  const server = net.createServer((socket) => {
    rec.connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    get connections() {
      return rec.connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
