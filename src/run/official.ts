/**
 * The official HL7 validator in a run (`--official-validator`): one service for the whole run, started
 * once before the cases and stopped after them on every way out (the library's lifecycle), loading the
 * SAS IG from the package our engine read. Each case that validates a response structurally gets its
 * findings apart (`officialFindings`); with gates, its errors also fail the case.
 */
import path from 'node:path';
import type { Finding, Message } from '../core/findings.js';
import type { DefinitionIndex } from '../fhir/packages/types.js';
import { BUNDLE_PROFILES } from '../fhir/validator/index.js';
import { compareEngines, isOfficialUnavailable, withOfficialValidator } from '../official/index.js';
import { libraryOptions, officialIgPackages, type OfficialFileOptions } from '../validate/official.js';
import type { CaseResult, RunOfficial, UseCase } from '../core/model.js';

export interface OfficialRunOptions extends OfficialFileOptions {
  /** Called once when the validator cannot run (the run goes on with our engine alone). */
  onUnavailable?: (reason: Message) => void;
}

/** What the cases use: validate a response (once per response), and whether errors decide. */
export interface CaseOfficial {
  gates: boolean;
  validate(resource: Record<string, unknown>, useCase: UseCase): Promise<Finding[]>;
}

/** What the run knows of the validator once the cases are done (disagreements are counted later). */
export type OfficialRunState = Omit<RunOfficial, 'disagreements'>;

export const GATES_NOTE: Message = {
  fr: '--official-validator-gates : les erreurs du validateur officiel HL7 font aussi échouer les cas ; elles figurent parmi leurs constats décisifs, marquées « [validateur officiel] ».',
  en: '--official-validator-gates: errors of the official HL7 validator also fail the cases; they are among their deciding findings, marked "[official validator]".',
};

/**
 * Runs `fn` with the official validator when one is asked for (undefined otherwise, or when it is
 * unavailable), then stops it. Returns what `fn` returned and the validator's state for the run result.
 */
export async function withRunOfficial<T>(
  o: OfficialRunOptions | undefined,
  index: DefinitionIndex | undefined,
  fn: (official: CaseOfficial | undefined) => Promise<T>,
): Promise<{ value: T; state?: OfficialRunState }> {
  if (!o) return { value: await fn(undefined) };
  const gates = Boolean(o.gates);
  const jar = path.resolve(o.cwd ?? process.cwd(), o.jar);
  o.onStart?.();
  return withOfficialValidator(libraryOptions(o, officialIgPackages(index)), async (v) => {
    if (isOfficialUnavailable(v)) {
      o.onUnavailable?.(v.reason);
      return { value: await fn(undefined), state: { jar, gates, unavailable: v.reason } };
    }
    const value = await fn({
      gates,
      validate: (resource, useCase) => v.validate(resource, resource.resourceType === 'Bundle' ? BUNDLE_PROFILES[useCase] : undefined),
    });
    const version = v.info.version;
    return { value, state: { jar: v.info.jar, ...(version ? { version } : {}), gates } };
  });
}

/**
 * The run-level figures: disagreements between our structural findings and the official ones, counted
 * once per response (cases that share a request share its exchange and its findings).
 */
export function officialRunSummary(state: OfficialRunState, cases: readonly CaseResult[]): RunOfficial {
  const seen = new Set<string>();
  let disagreements = 0;
  for (const c of cases) {
    if (!c.officialFindings) continue;
    const key = c.exchanges[0]?.id ?? c.id;
    if (seen.has(key)) continue;
    seen.add(key);
    disagreements += compareEngines(c.findings, c.officialFindings).length;
  }
  return { ...state, disagreements };
}
