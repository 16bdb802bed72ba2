/**
 * DNS resolution and TCP reachability of what the run connects to (the endpoint, or the proxy when one
 * applies), each with its time and a short time-out: a dead or black-holed endpoint costs a few
 * seconds, never a hang. dns.lookup has no time-out of its own, hence the race.
 */
import { lookup } from 'node:dns/promises';
import { isIP, connect } from 'node:net';
import { NBSP } from '../core/typography.js';
import { blocking, notChecked, ok, type DoctorCheck } from './checklist.js';
import { monotonicMs } from '../core/clock.js';

const G = 'network' as const;

export interface NetworkTarget {
  host: string;
  port: number;
  /** What it is, for the messages: the endpoint or the proxy. */
  role: { fr: string; en: string };
}

const elapsed = (t0: number): number => Math.round(monotonicMs() - t0);

function timeout(ms: number, code: string): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code })), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** Resolves the host (an IP literal needs none); the address to connect to, when found. */
export async function checkDns(target: NetworkTarget, timeoutMs: number): Promise<{ check: DoctorCheck; address?: string }> {
  const { host, role } = target;
  if (isIP(host)) {
    return {
      check: ok('network.dns', G, {
        fr: `${role.fr} ${host}${NBSP}: adresse IP, pas de résolution DNS`,
        en: `${role.en} ${host}: an IP address, no DNS resolution`,
      }),
      address: host,
    };
  }
  const t0 = monotonicMs();
  const limit = timeout(timeoutMs, 'DNS_TIMEOUT');
  try {
    const addresses = await Promise.race([lookup(host, { all: true }), limit.promise]);
    const ms = elapsed(t0);
    const list = addresses.map((a) => a.address).join(', ');
    return {
      check: ok(
        'network.dns',
        G,
        { fr: `${host} résolu en ${list} (${ms}${NBSP}ms)`, en: `${host} resolves to ${list} (${ms} ms)` },
        { ms },
      ),
      address: addresses[0]?.address,
    };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const ms = elapsed(t0);
    return {
      check: blocking(
        'network.dns',
        G,
        {
          fr: `${role.fr}${NBSP}: le nom ${host} ne se résout pas (${code}, ${ms}${NBSP}ms)`,
          en: `${role.en}: the name ${host} does not resolve (${code}, ${ms} ms)`,
        },
        {
          fr: "vérifier l'orthographe de l'URL de base, le DNS de cette machine (résolveur d'entreprise, VPN, /etc/hosts)",
          en: "check the base URL's spelling and this machine's DNS (company resolver, VPN, /etc/hosts)",
        },
        { ms },
      ),
    };
  } finally {
    limit.cancel();
  }
}

/**
 * Opens (and closes) one TCP connection to the host, trying its addresses as the run's client does
 * (IPv6 and IPv4 side by side: `localhost` may resolve to ::1 first while the server listens on IPv4).
 */
export function checkTcp(target: NetworkTarget, timeoutMs: number): Promise<DoctorCheck> {
  let where = `${target.host}:${target.port}`;
  const t0 = monotonicMs();
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port, autoSelectFamily: true });
    const done = (check: DoctorCheck): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(check);
    };
    const fail = (code: string): void => {
      const ms = elapsed(t0);
      done(
        blocking(
          'network.tcp',
          G,
          {
            fr: `${target.role.fr} ${where} injoignable en TCP (${code}, ${ms}${NBSP}ms)`,
            en: `${target.role.en} ${where} not reachable over TCP (${code}, ${ms} ms)`,
          },
          code === 'ECONNREFUSED'
            ? {
                fr: "rien n'écoute sur ce port\u00a0: vérifier le port de l'URL de base et que le service est démarré",
                en: 'nothing listens on that port: check the base URL port and that the service is up',
              }
            : {
                fr: "vérifier le pare-feu, le filtrage par adresse IP de l'endpoint (la machine de recette doit y être autorisée) et le proxy",
                en: "check the firewall, the endpoint's IP filtering (this machine must be allowed) and the proxy",
              },
          { ms },
        ),
      );
    };
    const timer = setTimeout(() => fail('TCP_TIMEOUT'), timeoutMs);
    socket.once('connect', () => {
      const ms = elapsed(t0);
      if (socket.remoteAddress && socket.remoteAddress !== target.host) where += ` (${socket.remoteAddress})`;
      done(
        ok(
          'network.tcp',
          G,
          {
            fr: `${target.role.fr} ${where} joignable en TCP (${ms}${NBSP}ms)`,
            en: `${target.role.en} ${where} reachable over TCP (${ms} ms)`,
          },
          { ms },
        ),
      );
    });
    socket.once('error', (err: NodeJS.ErrnoException) => fail(err.code ?? 'error'));
  });
}

/** A network check not made, with why (no base URL, an earlier step failed). */
export function networkNotChecked(id: string, why: { fr: string; en: string }): DoctorCheck {
  return notChecked(id, G, why);
}
