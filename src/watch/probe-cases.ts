/**
 * The safe subset of the cahier a watch plays, per use case of the run: the main search of the use
 * case (the cahier's `conformity` case, which judges every SAS rule and the IG profiles over the JDD;
 * else its `smoke` search) and its CapabilityStatement case. Both are GET requests built by the run's
 * own kinds; nothing that writes (regulator accounts), nothing that loads the endpoint (latency
 * series, TLS version probes) and nothing that needs negative certificates.
 */
import type { TestCase } from '../cahier/types.js';
import { SEARCH_KIND } from '../cahier/load-cahier.js';
import { SetupError } from '../core/errors.js';
import type { UseCase } from '../core/model.js';

/** The kinds a watch may play: each sends GET requests only. */
export const CAPABILITY_KIND = 'capability-statement';
export const WATCH_KINDS: readonly string[] = [SEARCH_KIND, CAPABILITY_KIND];

/** Tags of the search case that stands for a use case, in order of preference. */
export const MAIN_SEARCH_TAGS = ['conformity', 'smoke'] as const;

function mainSearch(cases: readonly TestCase[], useCase: UseCase): TestCase | undefined {
  const searches = cases.filter((c) => c.useCase === useCase && !c.anyUseCase && c.kind === SEARCH_KIND);
  for (const tag of MAIN_SEARCH_TAGS) {
    const found = searches.find((c) => c.tags.includes(tag));
    if (found) return found;
  }
  return undefined;
}

/** The checks of one probe, use case by use case: the main search, then the CapabilityStatement when the cahier has one. */
export function probeCases(cases: readonly TestCase[], useCases: readonly UseCase[]): TestCase[] {
  return useCases.flatMap((useCase) => {
    const search = mainSearch(cases, useCase);
    if (!search)
      throw new SetupError(
        {
          fr: `le cahier n'a pas de recherche principale pour le cas d’usage ${useCase} (cas de type search étiqueté ${MAIN_SEARCH_TAGS.join(' ou ')})`,
          en: `the cahier has no main search for use case ${useCase} (a search case tagged ${MAIN_SEARCH_TAGS.join(' or ')})`,
        },
        { fr: 'utiliser le cahier livré (sans --cahier)', en: 'use the shipped cahier (no --cahier)' },
      );
    const capability = cases.find((c) => c.useCase === useCase && !c.anyUseCase && c.kind === CAPABILITY_KIND);
    return capability ? [search, capability] : [search];
  });
}
