/**
 * A body sent with a `Content-Encoding` (gzip, br, deflate…): sas-recette never inflates an answer
 * (a compression bomb must not be able to fill the memory), so such a body cannot be judged. This
 * says why in both languages, and replaces the evidence excerpt by a marked hex prefix so binary
 * never reaches a report.
 */
import type { Message } from '../core/findings.js';
import { escapeBytes, hexBytes } from './show-bytes.js';

/** Bytes of a compressed body shown (hex) in the evidence. */
export const COMPRESSED_PREFIX_BYTES = 32;

/** The codings applied to the body, lower case, `identity` left out (RFC 9110 §8.4). */
export function contentCodings(header: string | string[] | undefined): string[] {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  return raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '' && s !== 'identity');
}

/** True when the request's Accept-Encoding accepts `coding` (q > 0, or `*`). */
export function accepts(acceptEncoding: string | undefined, coding: string): boolean {
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (name !== coding && name !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

export interface CompressedBody {
  /** The printable codings, as the endpoint sent them (escaped). */
  codings: string;
  problem: Message;
  /** The evidence excerpt that stands for the body. */
  excerpt: string;
}

/** Undefined when the body carries no content coding. */
export function compressedBody(
  responseHeaders: Record<string, string | string[] | undefined>,
  acceptEncoding: string | undefined,
  body: Buffer,
): CompressedBody | undefined {
  const codings = contentCodings(responseHeaders['content-encoding']);
  if (codings.length === 0) return undefined;
  const shown = escapeBytes(Buffer.from(codings.join(', '), 'latin1')).slice(0, 80);
  const asked = codings.every((c) => accepts(acceptEncoding, c));
  const problem: Message = asked
    ? {
        fr: `la réponse est compressée (Content-Encoding: ${shown}) : sas-recette ne décompresse pas les réponses (protection contre les bombes de décompression), elle ne peut pas être jugée`,
        en: `the answer is compressed (Content-Encoding: ${shown}): sas-recette does not inflate answers (protection against compression bombs), so it cannot be judged`,
      }
    : {
        fr: `la réponse est compressée (Content-Encoding: ${shown}) alors que la requête ne le demandait pas (Accept-Encoding) : le serveur doit répondre en clair`,
        en: `the answer is compressed (Content-Encoding: ${shown}) although the request did not ask for it (Accept-Encoding): the server must answer uncompressed`,
      };
  const prefix = body.subarray(0, COMPRESSED_PREFIX_BYTES);
  const excerpt = `[compressed body not shown (Content-Encoding: ${shown}), ${body.length} bytes, not inflated; first ${prefix.length} bytes in hex: ${hexBytes(prefix)}]`;
  return { codings: shown, problem, excerpt };
}
