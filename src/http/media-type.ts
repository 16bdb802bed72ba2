/** The media type of a recorded response (`text/html` of `Text/HTML; charset=utf-8`); headers are recorded lower-cased. */
export function mediaTypeOf(headers: Record<string, string> | undefined): string | undefined {
  const raw = headers?.['content-type'];
  return raw ? raw.split(';')[0].trim().toLowerCase() : undefined;
}
