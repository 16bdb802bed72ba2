/**
 * One parsed resource → every finding sas-recette has on it: the structural engine (profiles) and, for a
 * Bundle, the SAS rules. Pure apart from measuring durations. Reused by the run pipeline on each response.
 */
import { finding, type Finding } from '../core/findings.js';
import type { DefinitionIndex, FhirResource } from '../fhir/packages/types.js';
import { validateResource } from '../fhir/validator/index.js';
import type { ValidationStats } from '../fhir/validator/types.js';
import { runRules } from '../rules/index.js';
import type { UseCase } from '../core/model.js';
import type { ParsedSearch } from '../sas/search-types.js';
import { monotonicMs } from '../core/clock.js';

export interface ValidateInputOptions {
  index: DefinitionIndex;
  useCase: UseCase;
  /** Explicit profile canonical (`--profile`). */
  profile?: string;
  /** The clock the rules judge against. */
  now: Date;
  /** The search the resource answers; without it the rules that need it say "not checked". */
  search?: ParsedSearch;
  /**
   * True when the resource is given as the answer to a SAS search (`--use-case` or `--search`): then
   * anything but a searchset Bundle (an OperationOutcome, a batch-response) is an error (SAS-BDL-001),
   * not a lone resource whose rules are "not run".
   */
  answer?: boolean;
}

export interface ValidateInputStats extends ValidationStats {
  /** Time spent in the SAS rules (ms). */
  rulesMs: number;
}

export interface ValidateInputResult {
  /** Profile used for the root resource; null when the engine could not run. */
  profile: string | null;
  findings: Finding[];
  stats: ValidateInputStats;
}

export function validateInput(resource: FhirResource, o: ValidateInputOptions): ValidateInputResult {
  const rt = resource.resourceType;
  const structure = guardStackOverflow(rt, () => validateResource(resource, { index: o.index, profile: o.profile, useCase: o.useCase }));
  if ('tooDeep' in structure) {
    return { profile: null, findings: [structure.tooDeep], stats: { ...emptyStats(), rulesMs: 0 } };
  }
  const t0 = monotonicMs();
  let rules: Finding[];
  if (rt === 'Bundle' || o.answer) {
    const r = guardStackOverflow(rt, () => runRules(resource, { useCase: o.useCase, now: o.now, search: o.search }));
    rules = 'tooDeep' in r ? [r.tooDeep] : r;
  } else {
    rules = [rulesNotRun(rt)];
  }
  const rulesMs = monotonicMs() - t0;
  return {
    profile: structure.profile,
    findings: [...structure.findings, ...rules],
    stats: { ...structure.stats, rulesMs },
  };
}

/**
 * The engine and the rules walk the resource; a pathological nesting depth can exhaust the call stack.
 * That is a property of the input, reported as a fatal finding, not a crash of the tool. (The engine
 * refuses deep input itself; this guard covers any walker that does not.)
 */
export function guardStackOverflow<T>(rt: string, run: () => T): T | { tooDeep: Finding } {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof RangeError) || !/call stack/i.test(e.message)) throw e;
    return {
      tooDeep: finding('fatal', 'input-too-deep', 'structure', rt, {
        fr: `La ressource est imbriquée trop profondément pour être parcourue (objets ou tableaux emboîtés sur des milliers de niveaux) : ce n'est pas une ressource FHIR plausible.`,
        en: `The resource is nested too deeply to be walked (objects or arrays nested thousands of levels deep): this is not a plausible FHIR resource.`,
      }),
    };
  }
}

function rulesNotRun(rt: string): Finding {
  return finding(
    'information',
    'sas-rules-not-run',
    'rule',
    rt,
    {
      fr: `Règles SAS non évaluées : elles portent sur un Bundle searchset de réponse, pas sur une ressource ${rt} seule.`,
      en: `SAS rules not evaluated: they apply to a searchset Bundle answer, not to a lone ${rt} resource.`,
    },
    { notChecked: true },
  );
}

function emptyStats(): ValidationStats {
  return { resources: 0, elements: 0, invariantsEvaluated: 0, durationMs: 0 };
}
