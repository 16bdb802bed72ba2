/**
 * Contract of the optional official-validator mode: the HL7 FHIR validator (`validator_cli.jar`, Java)
 * run beside our own engine. Our engine stays the default; the official findings are shown beside
 * ours, labelled `engine: 'official'`, and never merged with them.
 */
import type { Engine, Finding, Message } from '../core/findings.js';

export interface OfficialValidatorOptions {
  /** Path to validator_cli.jar. Never downloaded by the tool: the user gets it by hand. */
  jar: string;
  /** tgz paths / package folders (or `id#version` of a pre-seeded package) passed with `-ig`. */
  igPackages: string[];
  fhirVersion?: '4.0.1';
  /** Terminology server; default off (`-tx n/a`). */
  txServer?: string | null;
  /** Java executable; default `java` found on PATH. A path, or a name looked up on PATH. */
  javaCommand?: string;
  /** Port of the validator service; default: a free loopback port. */
  port?: number;
  /** How long to wait for the service to answer (loading the IG takes a while); default 180 s. */
  startTimeoutMs?: number;
  /** Receives the validator's own output and our lifecycle notes, one line at a time. */
  log?: (line: string) => void;
  /** Environment of the Java process, also used to look `java` up on PATH (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Folder that relative `jar`, `igPackages` and `javaCommand` paths are read from (default process.cwd()). */
  cwd?: string;
  /** Extra raw arguments for the validator (appended after ours), for options we do not model. */
  extraArgs?: string[];
}

/** What the running service tells about itself (for the PV's tooling block). */
export interface OfficialValidatorInfo {
  jar: string;
  java: string;
  port: number;
  igPackages: string[];
  txServer: string;
  fhirVersion: '4.0.1';
  /** Version printed by the validator at start-up (`FHIR Validation tool Version …`), when seen. */
  version?: string;
}

export interface OfficialValidator {
  readonly unavailable?: false;
  readonly info: OfficialValidatorInfo;
  /**
   * Validate one resource (a Bundle as a whole, or a single resource), optionally against an explicit
   * profile canonical. Never throws: when the service fails or dies, returns one not-checked finding
   * (`official:unavailable`) saying so.
   */
  validate(resource: object, profile?: string): Promise<Finding[]>;
  /** Stop the Java process; idempotent. Also called by the signal/exit guard. */
  stop(): Promise<void>;
}

/** The official validator cannot run (java absent, jar missing…): the run continues with our engine. */
export interface OfficialUnavailable {
  unavailable: true;
  reason: Message;
}

export function isOfficialUnavailable(v: OfficialValidator | OfficialUnavailable): v is OfficialUnavailable {
  return v.unavailable === true;
}

/**
 * One place where one engine reports a blocking finding (fatal/error) and the other none: the input
 * for improving our engine (or for reporting a false error of the official one).
 */
export interface Disagreement {
  /** The resource the locations belong to: `Bundle.entry[2].resource`, or the root (`Bundle`, `Slot`). */
  scope: string;
  /** `Type/id` when either engine knows it. */
  resource?: string;
  /** Location of the blocking finding(s), normalised. */
  location: string;
  /** The engine that reports an error there; the other reports none at, above or below it. */
  reportedBy: Engine;
  /** Blocking findings of `reportedBy` at `location`. */
  findings: Finding[];
  /** What the other engine says at related locations (warnings, information, not checked), if anything. */
  otherEngine: Finding[];
}
