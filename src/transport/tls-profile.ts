/**
 * The `--tls-profile` YAML file: the client certificates of the mTLS checks. Validated against
 * schemas/tls-profile.schema.json with located errors; every path is resolved against the file's folder
 * and must be readable (errors say file:line:col). The files themselves are checked (PEM, key match,
 * passphrase) when a check builds its client, never printed.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { SetupError } from '../core/errors.js';
import { TOOL_ROOT } from '../core/version.js';
import type { Certificate, TlsProfileFile } from '../core/formats/tls-profile-file.js';
import { loadYamlFile, yamlErrorsText, type LocatedYamlError } from '../yaml/load-located-yaml.js';
import { formatDataPath } from '../yaml/yaml-tree.js';
import type { TlsClientOptions } from '../http/types.js';
import type { TestPki } from './make-pki.js';

export const NEGATIVE_CERTIFICATES = ['other-ca', 'expired', 'wrong-cn', 'wrong-ou', 'revoked'] as const;
export type NegativeCertificate = (typeof NEGATIVE_CERTIFICATES)[number];

/** The profile as written (schemas/tls-profile.schema.json), paths relative to its file. */
type RawProfile = TlsProfileFile;
type RawCertificate = Certificate;

/** A certificate of the profile, its paths resolved against the profile's folder. */
export interface ProfileCertificate extends Omit<RawCertificate, 'cert' | 'key'> {
  certFile: string;
  keyFile: string;
}

export interface TlsProfile {
  file: string;
  caFile?: string;
  client?: ProfileCertificate;
  expect?: RawProfile['expect'];
  negative: Partial<Record<NegativeCertificate, ProfileCertificate>>;
}

export const TLS_PROFILE_SCHEMA_FILE = join(TOOL_ROOT, 'schemas', 'tls-profile.schema.json');

export function loadTlsProfile(file: string): TlsProfile {
  const schema = JSON.parse(readFileSync(TLS_PROFILE_SCHEMA_FILE, 'utf8')) as object;
  const loaded = loadYamlFile<RawProfile>(file, schema, { label: { fr: 'profil TLS', en: 'TLS profile' }, maxBytes: 256 * 1024 });
  if (!loaded.ok) throw profileError(loaded.errors);
  const dir = dirname(resolve(file));
  const errors: LocatedYamlError[] = [];
  const path = (value: string, at: (string | number)[]): string => {
    const abs = isAbsolute(value) ? value : resolve(dir, value);
    try {
      accessSync(abs, constants.R_OK);
    } catch {
      const ref = loaded.locate(at);
      errors.push({
        file: ref.file,
        line: ref.line,
        col: ref.col,
        field: formatDataPath(at),
        message: { fr: `fichier introuvable ou illisible\u00a0: ${abs}`, en: `file not found or not readable: ${abs}` },
      });
    }
    return abs;
  };
  const cert = (raw: RawCertificate, at: (string | number)[]): ProfileCertificate => ({
    certFile: path(raw.cert, [...at, 'cert']),
    keyFile: path(raw.key, [...at, 'key']),
    ...(raw.passphraseEnv ? { passphraseEnv: raw.passphraseEnv } : {}),
    ...(raw.description ? { description: raw.description } : {}),
  });
  const v = loaded.value;
  const profile: TlsProfile = { file: resolve(file), negative: {} };
  if (v.ca) profile.caFile = path(v.ca, ['ca']);
  if (v.client) profile.client = cert(v.client, ['client']);
  if (v.expect) profile.expect = v.expect;
  for (const name of NEGATIVE_CERTIFICATES) {
    const raw = v.negative?.[name];
    if (raw) profile.negative[name] = cert(raw, ['negative', name]);
  }
  if (errors.length > 0) throw profileError(errors);
  return profile;
}

function profileError(errors: LocatedYamlError[]): SetupError {
  const n = errors.length;
  const list = yamlErrorsText(errors);
  return new SetupError(
    {
      fr: `le profil TLS contient ${n} erreur${n > 1 ? 's' : ''}\u00a0:\n${list.fr}`,
      en: `the TLS profile has ${n} error${n > 1 ? 's' : ''}:\n${list.en}`,
    },
    {
      fr: 'schemas/tls-profile.schema.json en décrit le format\u00a0; «\u00a0sas-recette certs make\u00a0» en écrit un exemple',
      en: 'schemas/tls-profile.schema.json describes the format; `sas-recette certs make` writes an example',
    },
  );
}

/**
 * TLS options of the run's client: the command-line values win, the profile fills what they leave
 * out (client certificate, CA).
 */
export function mergeProfileTls(cli: TlsClientOptions | undefined, profile: TlsProfile | undefined): TlsClientOptions | undefined {
  if (!profile) return cli;
  const out: TlsClientOptions = { ...(cli ?? {}) };
  if (!out.caFile && profile.caFile) out.caFile = profile.caFile;
  if (!out.certFile && !out.keyFile && profile.client) {
    out.certFile = profile.client.certFile;
    out.keyFile = profile.client.keyFile;
    if (profile.client.passphraseEnv && !out.passphraseEnv) out.passphraseEnv = profile.client.passphraseEnv;
  }
  return out;
}

/**
 * The profile of a test PKI made by `makePki`: its CA, the valid client certificate, the expected
 * subject and every negative certificate (all with the one client key). `certs make` writes it as YAML;
 * `demo` uses it as is.
 */
export function testPkiProfile(pki: TestPki, file = join(pki.dir, 'tls-profile.yaml')): TlsProfile {
  const cert = (certFile: string): ProfileCertificate => ({ certFile, keyFile: pki.clientKey });
  return {
    file,
    caFile: pki.caCert,
    client: cert(pki.clientCert),
    expect: { cn: pki.subject.cn, ou: pki.subject.ou },
    negative: {
      'other-ca': cert(pki.clientOtherCaCert),
      expired: cert(pki.clientExpiredCert),
      'wrong-cn': cert(pki.clientWrongCnCert),
      'wrong-ou': cert(pki.clientWrongOuCert),
      revoked: cert(pki.clientRevokedCert),
    },
  };
}
