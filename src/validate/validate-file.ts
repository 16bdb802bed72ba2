/**
 * The whole `validate` flow for one input, without any printing: read the input, check the IG is there,
 * parse, load the definitions, choose the use case, validate, build the report. A bad input gives a report
 * with one fatal finding; a setup problem throws SetupError (exit 2). With `official`, the HL7 validator
 * then checks the same resource (started and stopped here) and its part is attached to the report.
 * With an appointment use case (given, or read from `meta.profile`), the input is one Appointment of
 * flux V3, judged by appointment-input.ts instead of the search-answer pipeline.
 */
import { SetupError } from '../core/errors.js';
import type { Finding, Message } from '../core/findings.js';
import { loadDefinitions } from '../fhir/packages/index.js';
import type { LoadResult } from '../fhir/packages/types.js';
import type { ParsedSearch } from '../sas/search-types.js';
import type { OfficialFileOptions } from './official.js';
import { parseFhirJson, MAX_INPUT_BYTES } from './parse-input.js';
import { readInput, type InputSource } from './read-input.js';
import { buildReport, resourceLabel, type ValidationReport } from './validation-report.js';
import { requireIg } from './require-ig.js';
import { chooseUseCase, isAppointmentUseCase, useCaseOfProfile, type UseCaseChoice, type ValidateUseCase } from './use-case.js';
import { validateInput, type ValidateInputResult } from './validate-input.js';

export interface ValidateFileOptions {
  /** File path, or `-` for standard input. */
  input: string;
  from: InputSource;
  /** Package sources (`--packages`, else SAS_RECETTE_PACKAGES, else the FHIR cache). */
  sources: string[];
  /** IG to validate against, `id#version`. */
  ig: string;
  /** Definitions cache folder, `false` for none (default: from the process environment). */
  cache?: string | false;
  profile?: string;
  /** `--use-case`: a slot-search use case, or an appointment flavour of flux V3. */
  useCase?: ValidateUseCase;
  now: Date;
  search?: ParsedSearch;
  maxBytes?: number;
  /** Definitions already loaded (the run pipeline loads them once); loaded from `sources` otherwise. */
  loaded?: LoadResult;
  /** `--official-validator`: the official HL7 validator beside our engine. */
  official?: OfficialFileOptions;
}

/** The official validator's part, loaded only when it is asked for (the HL7 validator's wrapper and its lifecycle). */
const officialPart = () => import('./official.js');

/** The Appointment part (flux V3: its profile and rules), loaded only for an Appointment, never for a search answer. */
const appointmentPart = () => import('./appointment-input.js');

export async function validateFile(o: ValidateFileOptions): Promise<ValidationReport> {
  if (o.useCase && isAppointmentUseCase(o.useCase)) refuseSearchOptions(o.useCase, o);
  const raw = await readInput(o.input, o.from, o.maxBytes ?? MAX_INPUT_BYTES);
  if (!o.loaded) await requireIg(o.sources, o.ig);
  const parsed = parseFhirJson(raw, o.maxBytes ?? MAX_INPUT_BYTES);
  if (!parsed.ok) {
    const report = buildReport({
      input: raw.label,
      ig: o.ig,
      profile: null,
      useCase: o.useCase ?? o.search?.useCase ?? 'psindiv',
      useCaseFrom: o.useCase ? 'option' : o.search?.useCase ? 'search' : 'default',
      findings: [parsed.finding],
      stats: { bytes: raw.size },
      notes: o.loaded?.warnings ?? [],
      rootLabel: raw.label,
    });
    if (!o.official) return report;
    const { attachOfficial, INPUT_NOT_PARSED, unavailableReport } = await officialPart();
    return attachOfficial(report, unavailableReport(o.official, INPUT_NOT_PARSED));
  }
  const { index, warnings } = o.loaded ?? (await loadDefinitions({ sources: o.sources, ig: o.ig, cache: o.cache }));
  const resource = parsed.resource;
  const choice = chooseUseCase(resource, { option: o.useCase, profile: o.profile, search: o.search?.useCase });
  if (isAppointmentUseCase(choice.useCase)) refuseSearchOptions(choice, o);
  // Given as the answer to a SAS search (--use-case or --search): it must be a searchset Bundle.
  const answer = choice.from === 'option' || o.search !== undefined;
  const result: ValidateInputResult = isAppointmentUseCase(choice.useCase)
    ? (await appointmentPart()).validateAppointmentInput(resource, { flavour: choice.useCase, index })
    : validateInput(resource, { index, useCase: choice.useCase, profile: o.profile, now: o.now, search: o.search, answer });
  // parsed.findings: duplicate JSON keys and numbers out of range, which JSON.parse hides (json-text-checks.ts)
  const findings: Finding[] = [...(choice.note ? [choice.note] : []), ...parsed.findings, ...result.findings];
  const notes: Message[] = warnings;
  const report = buildReport({
    input: raw.label,
    ig: index.ig ? `${index.ig.id}#${index.ig.version}` : o.ig,
    profile: result.profile,
    useCase: choice.useCase,
    useCaseFrom: choice.from,
    findings,
    stats: {
      bytes: raw.size,
      resources: result.stats.resources,
      elements: result.stats.elements,
      invariantsEvaluated: result.stats.invariantsEvaluated,
      structureMs: result.stats.durationMs,
      rulesMs: result.stats.rulesMs,
    },
    notes,
    rootLabel: resourceLabel(resource),
  });
  if (!o.official) return report;
  const { attachOfficial, officialIgPackages, validateWithOfficial } = await officialPart();
  const official = await validateWithOfficial(o.official, {
    resource,
    profile: isAppointmentUseCase(choice.useCase) ? (await appointmentPart()).appointmentProfile(choice.useCase) : result.profile,
    igPackages: officialIgPackages(index),
    own: report.findings,
  });
  return attachOfficial(report, official);
}

/**
 * `--search` and `--profile` are about a slot-search answer; an appointment is judged against the
 * profile of its flavour (`--profile` naming that same profile is accepted). Said before anything runs
 * when `--use-case` asks for an appointment, after parsing when `meta.profile` decided it.
 */
function refuseSearchOptions(choice: ValidateUseCase | UseCaseChoice, o: Pick<ValidateFileOptions, 'search' | 'profile'>): void {
  const useCase = typeof choice === 'string' ? choice : choice.useCase;
  const why =
    typeof choice === 'string' || choice.from === 'option'
      ? { fr: `--use-case ${useCase}`, en: `--use-case ${useCase}` }
      : { fr: `un rendez-vous (${useCase}, d'après ${choice.from})`, en: `an appointment (${useCase}, from ${choice.from})` };
  if (o.search !== undefined)
    throw new SetupError(
      {
        fr: `--search ne s'applique pas à ${why.fr}\u00a0: il décrit une recherche de créneaux, pas un rendez-vous du flux V3`,
        en: `--search does not apply to ${why.en}: it describes a slot search, not a flux V3 appointment`,
      },
      { fr: 'retirer --search', en: 'remove --search' },
    );
  if (o.profile !== undefined && useCaseOfProfile(o.profile) !== useCase)
    throw new SetupError(
      {
        fr: `--profile ${o.profile} ne s'applique pas à ${why.fr}\u00a0: son profil est celui de --use-case`,
        en: `--profile ${o.profile} does not apply to ${why.en}: its profile is the one of --use-case`,
      },
      {
        fr: 'retirer --profile (appointment\u00a0: FrAppointmentSAS, sos-appointment\u00a0: sas-sos-appointment)',
        en: 'remove --profile (appointment: FrAppointmentSAS, sos-appointment: sas-sos-appointment)',
      },
    );
}
