/**
 * Helpers of the doctor tests: `sas-recette doctor … --format json` in-process, its checks by id, and
 * the certificates the tests need beyond the test PKI (not yet valid, expiring soon), made with openssl
 * from the PKI's own CA.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPki } from '../../src/transport/make-pki.js';
import { cli, type CliRun } from '../e2e/support.js';

export interface JsonCheck {
  id: string;
  group: string;
  status: 'ok' | 'warning' | 'blocking' | 'not-checked';
  message: string;
  fix?: string;
  details?: string[];
  ms?: number;
}

export interface DoctorRun extends CliRun {
  checks: Record<string, JsonCheck>;
  blocked: boolean;
}

/** `sas-recette doctor <args> --format json --lang en`; checks keyed by id (each id once per run, `jdd.lint` per JDD: the last). */
export async function doctor(args: string[], env: NodeJS.ProcessEnv = {}): Promise<DoctorRun> {
  const r = await cli(['doctor', ...args, '--format', 'json', '--lang', 'en'], env);
  let parsed: { checks: JsonCheck[]; blocked: boolean };
  try {
    parsed = JSON.parse(r.out) as { checks: JsonCheck[]; blocked: boolean };
  } catch {
    throw new Error(`doctor did not print JSON (exit ${r.code}): ${r.out}${r.err}`);
  }
  return { ...r, checks: Object.fromEntries(parsed.checks.map((c) => [c.id, c])), blocked: parsed.blocked };
}

/** A client certificate from the PKI's CA with the given validity (`openssl ca` dates: YYYYMMDDHHMMSSZ). */
export function signClientCert(pki: TestPki, name: string, start: string, end: string): string {
  const dir = pki.dir;
  const work = join(dir, `ca-${name}`);
  execFileSync('mkdir', ['-p', work]);
  writeFileSync(join(work, 'index.txt'), '');
  writeFileSync(join(work, 'serial'), '5A01\n');
  writeFileSync(
    join(work, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = t',
      '[ t ]',
      `database = ${join(work, 'index.txt')}`,
      `new_certs_dir = ${work}`,
      `serial = ${join(work, 'serial')}`,
      `certificate = ${pki.caCert}`,
      `private_key = ${pki.caKey}`,
      'default_md = sha256',
      'policy = p',
      'unique_subject = no',
      '[ p ]',
      'commonName = supplied',
      'organizationalUnitName = optional',
      '',
    ].join('\n'),
  );
  const csr = join(work, 'client.csr');
  const out = join(dir, `client-${name}.crt`);
  execFileSync('openssl', ['req', '-new', '-key', pki.clientKey, '-subj', `/OU=${pki.subject.ou}/CN=${pki.subject.cn}`, '-out', csr], {
    stdio: 'pipe',
  });
  execFileSync(
    'openssl',
    ['ca', '-batch', '-config', join(work, 'ca.cnf'), '-startdate', start, '-enddate', end, '-notext', '-in', csr, '-out', out],
    {
      stdio: 'pipe',
    },
  );
  return out;
}

/** `openssl ca` date of `now + days`. */
export function caDate(days: number): string {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
