/**
 * The HTTP client of a browser without a session (flux V2): the run's options without the client
 * certificate (a browser has none), trusting what a browser trusts — the public roots Node ships — plus
 * the run's own CA when one is given (`--ca` replaces the public roots in Node, and an editor's booking
 * site usually has a public certificate while its FHIR endpoint has an IGC-Santé one). `--insecure`
 * is kept. The combined trust is written to a temporary file, removed on close.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { readFileCappedSync } from '../../core/read-capped.js';
import { createHttpClient } from '../../http/client.js';
import type { HttpClient, HttpClientOptions, TlsClientOptions } from '../../http/types.js';

/** A booking or login page is small; past this the answer is refused (and judged as such). */
export const BROWSER_MAX_BODY_BYTES = 5 * 1024 * 1024;
/** The HTTP client reads at most 1 MiB of CA file. */
const MAX_TRUST_BYTES = 1024 * 1024;

export interface BrowserClient {
  client: HttpClient;
  close(): Promise<void>;
}

/** The run's CA and the public roots in one PEM file; undefined (keep the CA alone) when it cannot be made. */
function trustFile(caFile: string): { file: string; dir: string } | undefined {
  let dir: string | undefined;
  try {
    const ca = readFileCappedSync(caFile, MAX_TRUST_BYTES);
    if (ca.overLimit) return undefined;
    const pem = `${ca.bytes.toString('utf8').trim()}\n${rootCertificates.join('\n')}\n`;
    if (Buffer.byteLength(pem) > MAX_TRUST_BYTES) return undefined;
    dir = mkdtempSync(join(tmpdir(), 'sas-recette-browser-'));
    const file = join(dir, 'trust.pem');
    writeFileSync(file, pem, { mode: 0o600 });
    return { file, dir };
  } catch {
    if (dir) rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

export function browserClient(httpOptions: HttpClientOptions): BrowserClient {
  const given = httpOptions.tls ?? {};
  const trust = given.caFile ? trustFile(given.caFile) : undefined;
  const tls: TlsClientOptions = {
    ...(given.caFile ? { caFile: trust?.file ?? given.caFile } : {}),
    ...(given.insecure ? { insecure: true } : {}),
  };
  const { tls: _runTls, ...rest } = httpOptions;
  let client: HttpClient;
  try {
    client = createHttpClient({
      ...rest,
      tls,
      maxBodyBytes: Math.min(rest.maxBodyBytes ?? BROWSER_MAX_BODY_BYTES, BROWSER_MAX_BODY_BYTES),
    });
  } catch (err) {
    if (trust) rmSync(trust.dir, { recursive: true, force: true });
    throw err;
  }
  return {
    client,
    close: async () => {
      await client.close();
      if (trust) rmSync(trust.dir, { recursive: true, force: true });
    },
  };
}
