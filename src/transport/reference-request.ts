/**
 * The reference search a transport check sends: the use case's SAS search for practitioners (or SOS
 * structures) of the JDD, built by the run's request builder so transport checks send exactly what the
 * search cases send.
 */
import type { Message } from '../core/findings.js';
import type { SearchRequestSpec, TestCase } from '../cahier/types.js';
import { buildCaseRequest } from '../cahier/case-request.js';
import type { UseCase } from '../core/model.js';
import type { TransportContext } from './context.js';

export interface ReferenceRequest {
  url: string;
  headers: Record<string, string>;
  /** Identifiers sent (known ones first). */
  identifiers: string[];
}

export function baseOf(ctx: Pick<TransportContext, 'baseUrl'>): string {
  return ctx.baseUrl.replace(/\/+$/, '');
}

/** A case of the use case that names nothing and overrides nothing: its reference search is the plain one. */
export function plainCase(useCase: UseCase): TestCase {
  const source = { file: '(sas-recette)', line: 0, col: 0 };
  return {
    id: `PLAIN-${useCase.toUpperCase()}`,
    title: { fr: 'recherche de référence', en: 'reference search' },
    group: 'transport',
    useCase,
    kind: 'search',
    requirements: [],
    tags: [],
    severity: 'blocking',
    request: {},
    expect: {},
    source,
    caseIndex: 0,
    locate: () => source,
  };
}

/**
 * @param opts.identifiers how many identifiers to send (JDD entries first, then identifiers the editor
 *   does not know); default: the entries the case names, else the first JDD entry.
 * @param opts.keys JDD keys to send instead (e.g. `[]` with `request.unknownIdentifiers` for a search
 *   of unknown identifiers only).
 */
export function referenceRequest(
  tc: TestCase,
  ctx: Pick<TransportContext, 'jdd' | 'now' | 'baseUrl'>,
  opts: { identifiers?: number; request?: SearchRequestSpec; keys?: string[] } = {},
): ReferenceRequest | { notApplicable: Message } {
  const jdd = ctx.jdd;
  if (!jdd) {
    return {
      notApplicable: {
        fr: `aucun JDD chargé pour le cas d'usage ${tc.useCase} : la recherche de référence ne peut pas être construite`,
        en: `no JDD loaded for use case ${tc.useCase}: the reference search cannot be built`,
      },
    };
  }
  const sos = tc.useCase === 'sos';
  const named = sos ? tc.sos : tc.practitioners;
  const allKeys = (sos ? jdd.sos : jdd.practitioners).map((e) => e.key);
  let keys = named === 'all' ? allKeys : (named ?? allKeys.slice(0, 1));
  if (opts.identifiers !== undefined) keys = (named === undefined ? allKeys : keys).slice(0, opts.identifiers);
  if (opts.keys) keys = opts.keys;
  const padded = opts.identifiers !== undefined || (opts.request?.unknownIdentifiers ?? 0) > 0 || opts.request?.count !== undefined;
  if (keys.length === 0 && !padded) {
    return {
      notApplicable: {
        fr: `le JDD « ${jdd.id} » ne nomme aucune entrée pour la recherche de référence`,
        en: `JDD "${jdd.id}" names no entry for the reference search`,
      },
    };
  }
  const request: SearchRequestSpec = { ...(opts.request ?? {}) };
  if (opts.identifiers !== undefined) request.count = opts.identifiers;
  const variant: TestCase = { ...tc, ...(sos ? { sos: keys } : { practitioners: keys }), request };
  const built = buildCaseRequest(variant, jdd, ctx.now, ctx.baseUrl);
  if ('notApplicable' in built) return built;
  return { url: built.url, headers: built.headers, identifiers: built.identifiers };
}
