/**
 * The HTTP client of one probe, wrapped so the watch stays light and safe on production whatever a
 * kind does: only GET leaves (anything else throws, which makes that check `error`: a defect of
 * sas-recette, never a write to production), one request at a time (a request waits for the one
 * before it), and an identical GET asked twice in a probe (the CapabilityStatement checked for each
 * use case) is sent once and its answer shared.
 */
import type { HttpClient, SendRequest, SentExchange } from '../http/types.js';

export function getOnlyClient(inner: HttpClient): HttpClient {
  const answers = new Map<string, Promise<SentExchange>>();
  let tail: Promise<unknown> = Promise.resolve();
  return {
    ...(inner.clientCert ? { clientCert: inner.clientCert } : {}),
    send(req: SendRequest): Promise<SentExchange> {
      const method = req.method ?? 'GET';
      if (method !== 'GET') return Promise.reject(new Error(`sas-recette watch sends only GET requests (refused: ${method} ${req.url})`));
      const key = `${JSON.stringify(Object.entries(req.headers ?? {}).sort())} ${req.url}`;
      let pending = answers.get(key);
      if (!pending) {
        pending = tail.then(() => inner.send(req));
        tail = pending.catch(() => undefined);
        answers.set(key, pending);
      }
      return pending;
    },
    close: () => inner.close(),
  };
}
