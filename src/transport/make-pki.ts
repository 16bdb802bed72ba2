/**
 * Generates a throw-away test PKI with the openssl command line (EC P-256, fast): a test CA, a second
 * untrusted CA, a server certificate (SAN localhost / 127.0.0.1), the client certificate, the negative
 * client certificates of the mTLS checks (other CA, expired, wrong CN, wrong OU, revoked) and the test
 * CA's CRL that revokes the revoked one.
 *
 * Hand-written around openssl rather than a JS X.509 library: openssl is the reference tool editors
 * already use for their IGC-Santé certificates, and it adds no dependency. The expired certificate, the
 * revocation and the CRL need the `openssl ca` command and its index (OpenSSL 3.0 `x509`/`req` cannot
 * set past dates, and only `ca` keeps the list of revoked serials a CRL is made from).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SetupError } from '../core/errors.js';
import type { Message } from '../core/findings.js';

const run = promisify(execFile);

/** Validity of the generated certificates and of the CRL's next update, in days. */
const VALID_DAYS = 365;

/** openssl is not installed (or not on PATH): callers may fall back to a mode without certificates. */
export class OpensslMissingError extends SetupError {}

export interface PkiOptions {
  /** Output folder (created). */
  dir: string;
  /** CN of the valid client certificate (default `sas-recette-client`). */
  cn?: string;
  /** OU of the valid client certificate (default `sas-recette`). */
  ou?: string;
  /** O of every client certificate (default `sas-recette test`). */
  org?: string;
  /** CN put in the wrong-CN certificate (default `unexpected-client`). */
  wrongCn?: string;
  /** OU put in the wrong-OU certificate (default `unexpected-unit`). */
  wrongOu?: string;
  /** openssl executable (default `openssl` on PATH). */
  openssl?: string;
  /**
   * Where the intermediate files (CSRs, the other CA's key, the `openssl ca` index) go, in a folder
   * removed at the end; default the system's temporary folder.
   */
  workParent?: string;
  /** Environment of the openssl processes (PATH lookup); default the process environment. */
  env?: NodeJS.ProcessEnv;
}

export interface TestPki {
  dir: string;
  caCert: string;
  caKey: string;
  otherCaCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  /** Key of every client certificate below. */
  clientKey: string;
  clientOtherCaCert: string;
  clientExpiredCert: string;
  clientWrongCnCert: string;
  clientWrongOuCert: string;
  /** Same subject as the valid client certificate, from the test CA, revoked in `crl`. */
  clientRevokedCert: string;
  /** CRL of the test CA (PEM) listing `clientRevokedCert`; a server that loads it refuses that certificate. */
  crl: string;
  subject: { cn: string; ou: string; org: string };
  wrong: { cn: string; ou: string };
}

const SAFE = /^[A-Za-z0-9 ._@-]{1,64}$/;

function checkName(value: string, what: Message): string {
  if (!SAFE.test(value)) {
    throw new SetupError(
      { fr: `${what.fr} invalide\u00a0: «\u00a0${value}\u00a0»`, en: `invalid ${what.en} "${value}"` },
      {
        fr: 'n’utiliser que lettres, chiffres, espace, point, tiret, tiret bas ou @ (64 caractères au plus)',
        en: 'use letters, digits, space, dot, dash, underscore or @ (at most 64)',
      },
    );
  }
  return value;
}

async function openssl(bin: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(bin, args, { cwd, maxBuffer: 1024 * 1024, ...(env ? { env } : {}) });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new OpensslMissingError(
        { fr: `la commande «\u00a0${bin}\u00a0» est introuvable`, en: `the "${bin}" command was not found` },
        {
          fr: 'installer OpenSSL (il sert à produire les certificats de test), ou écrire un --tls-profile avec vos propres certificats',
          en: 'install OpenSSL (it is needed to generate test certificates), or write a --tls-profile with your own certificates',
        },
      );
    }
    const detail = (e.stderr ?? e.message).trim().split('\n').slice(-2).join(' ');
    throw new SetupError({ fr: `échec de openssl ${args[0]}\u00a0: ${detail}`, en: `openssl ${args[0]} failed: ${detail}` });
  }
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function caConfig(): string {
  return [
    '[ ca ]',
    'default_ca = test_ca',
    '[ test_ca ]',
    'database = index.txt',
    'new_certs_dir = .',
    'serial = serial',
    'certificate = ca.crt',
    'private_key = ca.key',
    'default_md = sha256',
    'policy = policy_any',
    'unique_subject = no',
    `default_days = ${VALID_DAYS}`,
    `default_crl_days = ${VALID_DAYS}`,
    '[ policy_any ]',
    'commonName = supplied',
    'organizationalUnitName = optional',
    'organizationName = optional',
    'countryName = optional',
    '[ client_ext ]',
    'basicConstraints = CA:FALSE',
    'extendedKeyUsage = clientAuth',
    '',
  ].join('\n');
}

/**
 * Runs openssl steps as soon as the steps they need are done: independent ones run side by side (an
 * openssl process mostly waits on its own start-up, so 15 in a row took most of a second). Every step
 * is waited for before `settled` answers, so the work folder is never removed under a running one.
 */
function stepRunner(ossl: (args: string[], cwd?: string) => Promise<void>) {
  const steps: Promise<void>[] = [];
  const add = (p: Promise<void>): Promise<void> => {
    steps.push(p);
    return p;
  };
  return {
    /**
     * `args` once every step of `after` is done (a failed one fails this one too); a step that needs
     * none starts now, before the caller goes on with its own (possibly synchronous) work.
     */
    run: (after: Promise<void>[], args: string[], cwd?: string): Promise<void> =>
      add(after.length === 0 ? ossl(args, cwd) : Promise.all(after).then(() => ossl(args, cwd))),
    /** Other work (files of the work folder) once every step of `after` is done. */
    files: (after: Promise<void>[], work: () => Promise<unknown>): Promise<void> =>
      add(Promise.all(after).then(async () => void (await work()))),
    /** Waits for every step; throws the first failure in the order the steps were added. */
    async settled(): Promise<void> {
      const outcomes = await Promise.allSettled(steps);
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

/** Generates the whole set into `opts.dir`; intermediate files go to a temporary folder removed after. */
export async function makePki(opts: PkiOptions): Promise<TestPki> {
  const bin = opts.openssl ?? 'openssl';
  const env = opts.env;
  const cn = checkName(opts.cn ?? 'sas-recette-client', { fr: 'CN', en: 'CN' });
  const ou = checkName(opts.ou ?? 'sas-recette', { fr: 'OU', en: 'OU' });
  const org = checkName(opts.org ?? 'sas-recette test', { fr: 'O', en: 'O' });
  const wrongCn = checkName(opts.wrongCn ?? 'unexpected-client', { fr: 'CN erroné', en: 'wrong CN' });
  const wrongOu = checkName(opts.wrongOu ?? 'unexpected-unit', { fr: 'OU erronée', en: 'wrong OU' });
  const dir = resolve(opts.dir);
  // Synchronous until the first openssl processes are started: a caller that goes on with synchronous
  // work (the demo reads its cahier meanwhile) would otherwise hold them back until it is done.
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(opts.workParent ?? tmpdir(), 'sas-recette-pki-'));
  const out = (f: string): string => join(dir, f);
  const w = (f: string): string => join(work, f);
  const subj = (c: string, u: string): string => `/C=FR/O=${org}/OU=${u}/CN=${c}`;
  const steps = stepRunner((args, cwd) => openssl(bin, args, cwd ?? work, env));
  try {
    // `openssl ca` keeps a database (index, serial) that two processes must not share: the expired
    // certificate is issued from its own copy of the test CA's database (other serials), while the
    // revocation and the CRL use another.
    const caDb = (name: string, serial: string) => async (): Promise<void> => {
      await mkdir(w(name));
      await writeFile(join(w(name), 'index.txt'), '');
      await writeFile(join(w(name), 'serial'), `${serial}\n`);
      await writeFile(join(w(name), 'ca.cnf'), caConfig());
      await copyFile(out('ca.crt'), join(w(name), 'ca.crt'));
      await copyFile(out('ca.key'), join(w(name), 'ca.key'));
    };
    writeFileSync(w('client.ext'), 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n');
    writeFileSync(w('server.ext'), 'basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
    const caExt = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];
    const ca = steps.run(
      [],
      [
        'req',
        '-x509',
        ...EC,
        '-keyout',
        out('ca.key'),
        '-out',
        out('ca.crt'),
        '-days',
        '3650',
        '-subj',
        '/O=sas-recette test/CN=sas-recette Test CA',
        ...caExt,
      ],
    );
    const otherCa = steps.run(
      [],
      [
        'req',
        '-x509',
        ...EC,
        '-keyout',
        w('other-ca.key'),
        '-out',
        out('other-ca.crt'),
        '-days',
        '3650',
        '-subj',
        '/O=sas-recette test/CN=sas-recette Other CA',
        ...caExt,
      ],
    );
    // Each signature has its own serial file (a random serial, created): signatures run side by side.
    const sign = (after: Promise<void>[], csr: string, signer: 'ca' | 'other-ca', ext: string, target: string): Promise<void> =>
      steps.run(after, [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        out(`${signer}.crt`),
        '-CAkey',
        signer === 'ca' ? out('ca.key') : w('other-ca.key'),
        '-CAserial',
        w(`${basename(target)}.srl`),
        '-CAcreateserial',
        '-days',
        String(VALID_DAYS),
        '-sha256',
        '-extfile',
        w(ext),
        '-out',
        target,
      ]);
    const serverCsr = steps.run(
      [],
      ['req', ...EC, '-keyout', out('server.key'), '-out', w('server.csr'), '-subj', '/O=sas-recette test/CN=localhost'],
    );
    sign([ca, serverCsr], w('server.csr'), 'ca', 'server.ext', out('server.crt'));
    // One client key for every client certificate: the certificates differ, the key does not matter.
    const clientCsr = steps.run([], ['req', ...EC, '-keyout', out('client.key'), '-out', w('client.csr'), '-subj', subj(cn, ou)]);
    sign([ca, clientCsr], w('client.csr'), 'ca', 'client.ext', out('client.crt'));
    sign([otherCa, clientCsr], w('client.csr'), 'other-ca', 'client.ext', out('client-other-ca.crt'));
    for (const [name, s] of [
      ['wrong-cn', subj(wrongCn, ou)],
      ['wrong-ou', subj(cn, wrongOu)],
    ] as const) {
      const csr = steps.run([clientCsr], ['req', '-new', '-key', out('client.key'), '-out', w(`${name}.csr`), '-subj', s]);
      sign([ca, csr], w(`${name}.csr`), 'ca', 'client.ext', out(`client-${name}.crt`));
    }
    // Revoked: issued like the valid one (same subject), then revoked in the test CA's database (which
    // adds it there), and the CRL made from that database lists it.
    const revoked = sign([ca, clientCsr], w('client.csr'), 'ca', 'client.ext', out('client-revoked.crt'));
    const crlDb = steps.files([ca], caDb('crl-db', '1000'));
    const revoke = steps.run(
      [revoked, crlDb],
      ['ca', '-batch', '-config', 'ca.cnf', '-revoke', out('client-revoked.crt'), '-crl_reason', 'keyCompromise'],
      w('crl-db'),
    );
    // Expired: `openssl ca`, the only command that sets past dates. `-preserveDN` keeps the subject in
    // the request's order, as `x509 -req` does (the config file's `preserve` had no effect with OpenSSL 3.0).
    const expiredDb = steps.files([ca], caDb('expired-db', '2000'));
    steps.run(
      [clientCsr, expiredDb],
      [
        'ca',
        '-batch',
        '-notext',
        '-preserveDN',
        '-config',
        'ca.cnf',
        '-in',
        w('client.csr'),
        '-out',
        out('client-expired.crt'),
        '-startdate',
        '20200101000000Z',
        '-enddate',
        '20200201000000Z',
        '-extensions',
        'client_ext',
      ],
      w('expired-db'),
    );
    steps.run([revoke], ['ca', '-batch', '-config', 'ca.cnf', '-gencrl', '-out', out('ca.crl')], w('crl-db'));
    await steps.settled();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return {
    dir,
    caCert: out('ca.crt'),
    caKey: out('ca.key'),
    otherCaCert: out('other-ca.crt'),
    serverCert: out('server.crt'),
    serverKey: out('server.key'),
    clientCert: out('client.crt'),
    clientKey: out('client.key'),
    clientOtherCaCert: out('client-other-ca.crt'),
    clientExpiredCert: out('client-expired.crt'),
    clientWrongCnCert: out('client-wrong-cn.crt'),
    clientWrongOuCert: out('client-wrong-ou.crt'),
    clientRevokedCert: out('client-revoked.crt'),
    crl: out('ca.crl'),
    subject: { cn, ou, org },
    wrong: { cn: wrongCn, ou: wrongOu },
  };
}
