/**
 * The whole `validate` flow for one input, without any printing: read the input, check the IG is there,
 * parse, load the definitions, choose the use case, validate, build the report. A bad input gives a report
 * with one fatal finding; a setup problem throws SetupError (exit 2). With `official`, the HL7 validator
 * then checks the same resource (started and stopped here) and its part is attached to the report.
 */
import type { Finding, Message } from '../core/findings.js';
import { loadDefinitions } from '../fhir/packages/index.js';
import type { LoadResult } from '../fhir/packages/types.js';
import type { UseCase } from '../core/model.js';
import type { ParsedSearch } from '../sas/search-types.js';
import type { OfficialFileOptions } from './official.js';
import { parseFhirJson, MAX_INPUT_BYTES } from './parse-input.js';
import { readInput, type InputSource } from './read-input.js';
import { buildReport, resourceLabel, type ValidationReport } from './validation-report.js';
import { requireIg } from './require-ig.js';
import { chooseUseCase } from './use-case.js';
import { validateInput } from './validate-input.js';

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
  useCase?: UseCase;
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

export async function validateFile(o: ValidateFileOptions): Promise<ValidationReport> {
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
  // Given as the answer to a SAS search (--use-case or --search): it must be a searchset Bundle.
  const answer = choice.from === 'option' || o.search !== undefined;
  const result = validateInput(resource, { index, useCase: choice.useCase, profile: o.profile, now: o.now, search: o.search, answer });
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
    profile: result.profile,
    igPackages: officialIgPackages(index),
    own: report.findings,
  });
  return attachOfficial(report, official);
}
