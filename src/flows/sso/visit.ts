/**
 * A visit of a booking URL as a browser without a session makes it (flux V2): `GET` with
 * `Accept: text/html`, redirects followed by hand — HTTP 301/302/303/307/308 and an HTML
 * `<meta http-equiv=refresh>` — on the same host only and at most MAX_REDIRECTS times, every exchange
 * kept as evidence. A redirect to another host is recorded and never fetched: the visit ends there and
 * is judged by the target URL; so is a redirect to a URL the caller recognises as a login (an OpenID
 * Connect authorization request, the JDD's login URL), on any host.
 */
import type { HttpClient, SentExchange } from '../../http/types.js';
import { mediaTypeOf } from '../../http/media-type.js';
import { readPage, type PageReading } from './read-page.js';

export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface VisitHop {
  /** The URL requested (not redacted: the judge reads it; messages redact it). */
  url: string;
  sent: SentExchange;
  /** The HTML answer as a browser reads it (undefined for a non-HTML answer or no answer). */
  page?: PageReading;
}

export type VisitEnd =
  /** The last hop is the final answer (any status, HTML or not). */
  | { kind: 'answer' }
  | { kind: 'no-answer' }
  /** A redirect to another host, not recognised as a login: not fetched. */
  | { kind: 'other-host'; target: string }
  /** A redirect to a URL recognised as a login: not fetched. */
  | { kind: 'login-redirect'; target: string }
  /** A 3xx without a usable Location (absent, not a URL, not http(s)). */
  | { kind: 'bad-redirect'; location?: string }
  | { kind: 'too-many-redirects' }
  /** The run asked to stop (deadline). */
  | { kind: 'stopped' };

export interface Visit {
  start: string;
  hops: VisitHop[];
  end: VisitEnd;
}

export interface VisitOptions {
  label: string;
  /** True for a URL to judge as a login without fetching it. */
  isLoginUrl: (url: string) => boolean;
  signal?: AbortSignal;
}

/** True when the answer is HTML: by its media type, or, without one, by how its text starts. */
export function isHtmlAnswer(sent: SentExchange): boolean {
  const r = sent.exchange.response;
  if (!r) return false;
  const type = mediaTypeOf(r.headers);
  if (type !== undefined) return type === 'text/html' || type === 'application/xhtml+xml';
  return /^\s*(?:<!doctype\s+html|<html[\s>])/i.test((sent.fullBody ?? '').slice(0, 1024));
}

function nextUrl(location: string, base: string): string | undefined {
  try {
    const u = new URL(location, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export async function visitLikeBrowser(client: HttpClient, start: string, opts: VisitOptions): Promise<Visit> {
  const hops: VisitHop[] = [];
  const startHost = new URL(start).host;
  let url = start;
  for (let redirects = 0; ; redirects++) {
    if (opts.signal?.aborted) return { start, hops, end: { kind: 'stopped' } };
    const sent = await client.send({
      url,
      headers: { accept: 'text/html', 'accept-language': 'fr-FR,fr;q=0.9' },
      label: `${opts.label}${hops.length > 0 ? ` (${hops.length + 1})` : ''}`,
    });
    const hop: VisitHop = { url, sent };
    hops.push(hop);
    const r = sent.exchange.response;
    if (!r || sent.exchange.outcome !== 'ok') return { start, hops, end: { kind: 'no-answer' } };
    let location: string | undefined;
    if (REDIRECT_STATUSES.has(r.status)) {
      location = r.headers.location;
      if (location === undefined || location.trim() === '') return { start, hops, end: { kind: 'bad-redirect' } };
    } else if (isHtmlAnswer(sent)) {
      hop.page = readPage(sent.fullBody ?? '');
      if (r.status >= 200 && r.status < 300 && hop.page.refreshUrl !== undefined) location = hop.page.refreshUrl;
    }
    if (location === undefined) return { start, hops, end: { kind: 'answer' } };
    const target = nextUrl(location.trim(), url);
    if (target === undefined) {
      // A refresh that names no usable URL is no redirect: the page itself is the answer.
      if (!REDIRECT_STATUSES.has(r.status)) return { start, hops, end: { kind: 'answer' } };
      return { start, hops, end: { kind: 'bad-redirect', location } };
    }
    // A page that refreshes itself (an agenda kept up to date) is no redirect either.
    if (!REDIRECT_STATUSES.has(r.status) && target === new URL(url).href) return { start, hops, end: { kind: 'answer' } };
    if (opts.isLoginUrl(target)) return { start, hops, end: { kind: 'login-redirect', target } };
    if (new URL(target).host !== startHost) return { start, hops, end: { kind: 'other-host', target } };
    if (redirects >= MAX_REDIRECTS) return { start, hops, end: { kind: 'too-many-redirects' } };
    url = target;
  }
}
