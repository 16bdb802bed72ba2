/**
 * Shows bytes received from an endpoint (untrusted, possibly binary) as plain printable ASCII, so they
 * can go into any report format and any terminal as evidence: text with `\r`, `\n`, `\t` and `\xNN`
 * escapes, or a hex dump when the bytes are mostly binary. Always marked with how much is shown.
 * Written by hand: a dozen lines, and no library offers exactly "bounded, escaped, marked" output.
 */

/** True when the bytes are not text: a NUL, or more than a tenth of control or invalid UTF-8 bytes. */
export function looksBinary(buf: Uint8Array): boolean {
  if (buf.length === 0) return false;
  if (buf.includes(0)) return true;
  let odd = 0;
  for (const b of buf) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) odd++;
  if (odd * 10 > buf.length) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return false;
  } catch {
    // A prefix may cut a multi-byte character: only the last 3 bytes may be incomplete.
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, Math.max(0, buf.length - 3)));
      return false;
    } catch {
      return true;
    }
  }
}

/** Each byte outside printable ASCII (0x20–0x7e) becomes an escape; `"` and `\` are escaped too. */
export function escapeBytes(buf: Uint8Array): string {
  let out = '';
  for (const b of buf) {
    if (b === 0x0d) out += '\\r';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export function hexBytes(buf: Uint8Array): string {
  return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
}

/**
 * `"HTTP/1.1 200 OK\r\n…" (first 64 of 70000 bytes)` or `hex 1f 8b 08 … (first 16 of 912 bytes)`.
 * `total`: how many bytes were received in all, when more than `buf` is known to exist.
 */
export function showBytes(buf: Uint8Array, max: number, total = buf.length): string {
  const shown = buf.subarray(0, Math.min(max, buf.length));
  const scope = shown.length < total ? `first ${shown.length} of ${total} bytes` : `${total} bytes`;
  if (looksBinary(shown)) return `hex ${hexBytes(shown)} (${scope})`;
  return `"${escapeBytes(shown)}" (${scope})`;
}
