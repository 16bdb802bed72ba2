/**
 * The official HL7 validator beside `validate` (docs/official-validator.md): one service for the one
 * input, started and stopped through the library's lifecycle, loading the SAS IG from the same package
 * our engine read. Its findings and the disagreements with ours are kept apart in the report; with
 * gates on, its errors also decide the verdict.
 */
import path from 'node:path';
import { countBySeverity, type Finding, type Message, type Severity } from '../core/findings.js';
import type { DefinitionIndex } from '../fhir/packages/types.js';
import {
  compareEngines,
  isOfficialUnavailable,
  officialGateFailures,
  withOfficialValidator,
  type Disagreement,
  type OfficialValidatorOptions,
} from '../official/index.js';
import { orderFindings, type ValidationReport } from './validation-report.js';

/** What the command asks of the official validator. */
export interface OfficialFileOptions {
  /** Path to validator_cli.jar (never downloaded). */
  jar: string;
  /** `--official-validator-gates`: official errors also count in the verdict (exit code). */
  gates?: boolean;
  /** `--official-tx URL`; default off (`-tx n/a`). */
  txServer?: string;
  /** Environment of the Java process, also where `java` is looked up (PATH). */
  env?: NodeJS.ProcessEnv;
  /** Folder relative paths are read from. */
  cwd?: string;
  /** The validator's own output and lifecycle notes, one line at a time. */
  log?: (line: string) => void;
  startTimeoutMs?: number;
  /** Called just before the service is started (loading the packages takes from 30 s to minutes). */
  onStart?: () => void;
}

/** The official part of a validation report. */
export interface OfficialReport {
  jar: string;
  /** Version printed by the validator at start-up, when seen. */
  version?: string;
  gates: boolean;
  /** Official findings (engine 'official'), in display order. */
  findings: Finding[];
  counts: Record<Severity, number>;
  disagreements: Disagreement[];
  /** Why the validator did not run (java or jar missing, start-up failure, input not parsed). */
  unavailable?: Message;
}

/**
 * What `-ig` receives for the loaded IG (the first package of the index): its `.tgz` path, else
 * `id#version`, which the validator looks up in its own cache (~/.fhir/packages; `sas-recette ig install`
 * puts it there). Nothing when no IG was loaded: the library then says it is unavailable.
 */
export function officialIgPackages(index: DefinitionIndex | undefined): string[] {
  const ig = index?.packages[0];
  if (!ig) return [];
  return /\.tgz$/i.test(ig.source) ? [ig.source] : [`${ig.id}#${ig.version}`];
}

export function libraryOptions(o: OfficialFileOptions, igPackages: string[]): OfficialValidatorOptions {
  return {
    jar: o.jar,
    igPackages,
    txServer: o.txServer ?? null,
    ...(o.env ? { env: o.env } : {}),
    ...(o.cwd ? { cwd: o.cwd } : {}),
    ...(o.log ? { log: o.log } : {}),
    ...(o.startTimeoutMs ? { startTimeoutMs: o.startTimeoutMs } : {}),
  };
}

export const INPUT_NOT_PARSED: Message = {
  fr: "Validateur officiel non lancé : l'entrée n'est pas une ressource FHIR JSON lisible (voir le constat fatal ci-dessus).",
  en: 'Official validator not run: the input is not a readable FHIR JSON resource (see the fatal finding above).',
};

export function unavailableReport(o: OfficialFileOptions, reason: Message): OfficialReport {
  const jar = path.resolve(o.cwd ?? process.cwd(), o.jar);
  return { jar, gates: Boolean(o.gates), findings: [], counts: countBySeverity([]), disagreements: [], unavailable: reason };
}

/** Starts the service, validates the resource, stops the service whatever happens. */
export async function validateWithOfficial(
  o: OfficialFileOptions,
  input: { resource: object; profile: string | null; igPackages: string[]; own: Finding[] },
): Promise<OfficialReport> {
  o.onStart?.();
  return withOfficialValidator(libraryOptions(o, input.igPackages), async (v) => {
    if (isOfficialUnavailable(v)) return unavailableReport(o, v.reason);
    const findings = orderFindings(await v.validate(input.resource, input.profile ?? undefined));
    const version = v.info.version;
    return {
      jar: v.info.jar,
      ...(version ? { version } : {}),
      gates: Boolean(o.gates),
      findings,
      counts: countBySeverity(findings),
      disagreements: compareEngines(input.own, findings),
    };
  });
}

/** The report with its official part; with gates, official errors make it invalid too. */
export function attachOfficial(report: ValidationReport, official: OfficialReport): ValidationReport {
  const gateFailures = official.gates ? officialGateFailures(official.findings) : [];
  return { ...report, official, valid: report.valid && gateFailures.length === 0 };
}
