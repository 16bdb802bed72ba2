/**
 * The YAML shape of a TLS profile (--tls-profile), as written, before the loader applies defaults.
 * Generated from schemas/tls-profile.schema.json by scripts/generate-format-types.mjs: do not edit by hand;
 * change the schema, then run `npm run formats` (a test fails while this file is out of date).
 */

/**
 * a file path, relative to the profile file
 */
export type Path = string;

/**
 * Client certificates for the mTLS checks: the valid one (optional, --cert/--key win) and the negative ones the endpoint must refuse. Paths are relative to this file. Passphrases are never written here: name the environment variable that holds them.
 */
export interface TlsProfileFile {
  $schema?: string;
  /**
   * CA certificate (PEM) that signed the server certificate, used to verify the endpoint
   */
  ca?: Path;
  /**
   * the valid client certificate (IGC-Santé in production)
   */
  client?: Certificate;
  /**
   * subject the endpoint accepts (for the record in the PV)
   */
  expect?: {
    cn?: string;
    ou?: string;
  };
  /**
   * certificates the endpoint must refuse; a missing one makes its check skipped
   */
  negative?: {
    /**
     * signed by a CA the endpoint does not trust
     */
    'other-ca'?: Certificate;
    /**
     * from the right CA, validity period over
     */
    expired?: Certificate;
    /**
     * from the right CA, unexpected CN
     */
    'wrong-cn'?: Certificate;
    /**
     * from the right CA, unexpected OU
     */
    'wrong-ou'?: Certificate;
    /**
     * from the right CA, revoked in the CRL the endpoint checks
     */
    revoked?: Certificate;
  };
}
export interface Certificate {
  /**
   * PEM certificate
   */
  cert: Path;
  /**
   * PEM private key
   */
  key: Path;
  /**
   * name of the environment variable holding the key passphrase
   */
  passphraseEnv?: string;
  description?: string;
}
