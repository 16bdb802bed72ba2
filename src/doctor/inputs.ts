/**
 * What `sas-recette doctor` checks, read from the same options as `run` (paths already absolute): the
 * endpoint, the TLS files and profile, the JDDs and cahier, the FHIR packages; the environment (proxy
 * variables, the passphrase variable, SAS_RECETTE_PACKAGES / SAS_RECETTE_CACHE) and the clock.
 */
export interface DoctorInputs {
  baseUrl?: string;
  tls: { cert?: string; key?: string; passphraseEnv?: string; ca?: string; insecure: boolean };
  tlsProfile?: string;
  jddFiles: string[];
  /** Cahier folders or files; empty: the shipped testcases/. */
  cahier: string[];
  ig: string;
  /** Package sources given with --packages; empty: SAS_RECETTE_PACKAGES, else ~/.fhir/packages. */
  packages: string[];
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Time-outs of the network checks (short: a dead endpoint must not make doctor hang). */
  timeouts: { dnsMs: number; tcpMs: number; tlsMs: number; httpMs: number };
}

/** Default time-outs: at most 2.5 + 2.5 + 4 s one after the other (TLS probes and the request side by side). */
export const DEFAULT_TIMEOUTS: DoctorInputs['timeouts'] = { dnsMs: 2500, tcpMs: 2500, tlsMs: 4000, httpMs: 4000 };
