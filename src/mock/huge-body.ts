/**
 * The `huge-body` defect: a searchset larger than the client's size cap, streamed entry by entry with
 * back-pressure so the server never holds it in memory.
 */
import type { ServerResponse } from 'node:http';
import { FHIR_JSON } from '../sas/canonicals.js';

/** More than the 20 MB response cap of sas-recette's client. */
export const HUGE_BODY_BYTES = 24 * 1024 * 1024;

export function streamHugeBundle(res: ServerResponse, bundle: Record<string, unknown>, totalBytes = HUGE_BODY_BYTES): void {
  const entries = (bundle.entry as unknown[] | undefined) ?? [];
  const sample = entries.length > 0 ? entries : [{ resource: { resourceType: 'Basic', id: 'filler', code: { text: 'x'.repeat(900) } } }];
  const { entry: _entry, ...head } = bundle;
  const opening = `${JSON.stringify(head).slice(0, -1)},"entry":[`;
  res.writeHead(200, { 'Content-Type': FHIR_JSON, 'Cache-Control': 'no-store' });
  res.write(opening);
  let sent = Buffer.byteLength(opening);
  let index = 0;
  const chunk = (i: number) => `${i === 0 ? '' : ','}${JSON.stringify(sample[i % sample.length])}`;
  const pump = () => {
    if (res.destroyed) return;
    while (sent < totalBytes) {
      const piece = chunk(index);
      index += 1;
      sent += Buffer.byteLength(piece);
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(']}');
  };
  pump();
}
