/**
 * The link SAS opens from a booking URL: the URL with its `origin` query parameter set through the
 * URL API, right whether the URL has a query or not (the ANS kit appends `&origin=…`, which breaks a
 * URL without one: `…/agenda&origin=sas`) and keeping a fragment after the query. And the same URL
 * without `origin`, for the check that the regulator's features need it. Pure.
 */
import { redactUrl } from '../../http/redact.js';

/** `url` with `origin=<value>` (replacing an `origin` it already carries). */
export function withOrigin(url: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set('origin', value);
  return u.href;
}

/** `url` without any `origin` parameter; unchanged (byte for byte) when it carries none. */
export function withoutOrigin(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('origin')) return url;
  u.searchParams.delete('origin');
  return u.href;
}

/** A URL for a message: secrets redacted, at most `max` characters. */
export function shownUrl(url: string, max = 300): string {
  const safe = redactUrl(url);
  return safe.length > max ? `${safe.slice(0, max)}…` : safe;
}
