/**
 * Compares an editor's CapabilityStatement with the IG's SAS-GestionnaireAgenda-* statement of the use
 * case (pure). The IG names its search parameters by SearchParameter id (`SPDateDebutSlot`), so each is
 * resolved to its code (`start`) through its definition; an editor entry matches by code, by the IG's
 * name or by the same definition. Includes are looked for on any resource of the editor's statement.
 */
import type { Finding } from '../core/findings.js';
import type { DefinitionIndex, FhirResource } from '../fhir/packages/types.js';
import type { UseCase } from '../core/model.js';
import { tfinding } from './context.js';
import { REQ } from './requirements.js';

export const IG_STATEMENT_IDS: Record<UseCase, string> = {
  psindiv: 'SAS-GestionnaireAgenda-PsIndiv',
  cpts: 'SAS-GestionnaireAgenda-CPTS',
  sos: 'SAS-GestionnaireAgenda-SOS',
};

export interface ExpectedParam {
  code: string;
  name: string;
  definition?: string;
}

export interface ExpectedResource {
  type: string;
  interactions: string[];
  params: ExpectedParam[];
  includes: string[];
  revincludes: string[];
}

type Json = Record<string, unknown>;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => !!x && typeof x === 'object') : []);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function findIgStatement(index: DefinitionIndex | undefined, useCase: UseCase): FhirResource | undefined {
  return index?.all('CapabilityStatement').find((cs) => cs.id === IG_STATEMENT_IDS[useCase]);
}

/** The server resources the IG statement declares, parameters resolved to their codes. */
export function expectedFromIg(statement: FhirResource, index: DefinitionIndex | undefined): ExpectedResource[] {
  const rest = arr(statement.rest).find((r) => r.mode === 'server') ?? arr(statement.rest)[0];
  return arr(rest?.resource).map((r) => ({
    type: str(r.type) ?? '',
    interactions: arr(r.interaction)
      .map((i) => str(i.code) ?? '')
      .filter((c) => c !== ''),
    params: arr(r.searchParam).map((p) => {
      const name = str(p.name) ?? '';
      const definition = str(p.definition);
      const resolved = definition ? index?.resolve(definition, 'SearchParameter') : undefined;
      const code = str(resolved?.code) ?? (name.includes('-') ? name.slice(name.lastIndexOf('-') + 1) : name);
      return { code, name, ...(definition ? { definition } : {}) };
    }),
    includes: strs(r.searchInclude),
    revincludes: strs(r.searchRevInclude),
  }));
}

/** Minimal expectation when the IG statement is not available: the searched resource is searchable. */
export function fallbackExpectation(useCase: UseCase): ExpectedResource[] {
  return [{ type: useCase === 'sos' ? 'Schedule' : 'Slot', interactions: ['search-type'], params: [], includes: [], revincludes: [] }];
}

function isFhirJson(format: string): boolean {
  return ['json', 'application/fhir+json', 'application/json', 'application/json+fhir'].includes(format.split(';')[0].trim().toLowerCase());
}

/**
 * @param searched the resource the SAS searches (Slot, or Schedule for SOS): gaps on it are warnings;
 *   gaps on the other resources of the IG statement (chain components the SAS never queries
 *   directly) are information.
 */
export function compareCapability(
  body: unknown,
  expected: ExpectedResource[],
  igId: string | undefined,
  searched: 'Slot' | 'Schedule',
): Finding[] {
  const out: Finding[] = [];
  const cap = [REQ.capability];
  const search = [REQ.capabilitySearch];
  if (!body || typeof body !== 'object' || (body as Json).resourceType !== 'CapabilityStatement') {
    const rt = body && typeof body === 'object' ? str((body as Json).resourceType) : undefined;
    return [
      tfinding(
        'error',
        'SAS-CAP-002',
        'CapabilityStatement',
        {
          fr: `[base]/metadata ne renvoie pas une ressource CapabilityStatement (${rt ? `resourceType ${rt}` : 'pas de JSON FHIR'})`,
          en: `[base]/metadata does not return a CapabilityStatement resource (${rt ? `resourceType ${rt}` : 'no FHIR JSON'})`,
        },
        cap,
      ),
    ];
  }
  const cs = body as Json;
  const version = str(cs.fhirVersion);
  if (!version || !version.startsWith('4.0')) {
    out.push(
      tfinding(
        'error',
        'SAS-CAP-003',
        'CapabilityStatement.fhirVersion',
        {
          fr: `fhirVersion ${version ?? 'absente'} : l'API SAS est en FHIR R4 (4.0.1)`,
          en: `fhirVersion ${version ?? 'missing'}: the SAS API is FHIR R4 (4.0.1)`,
        },
        cap,
      ),
    );
  }
  if (!strs(cs.format).some(isFhirJson)) {
    out.push(
      tfinding(
        'warning',
        'SAS-CAP-008',
        'CapabilityStatement.format',
        {
          fr: `format ne déclare pas application/fhir+json (${strs(cs.format).join(', ') || 'vide'})`,
          en: `format does not declare application/fhir+json (${strs(cs.format).join(', ') || 'empty'})`,
        },
        cap,
      ),
    );
  }
  const rests = arr(cs.rest);
  const restIndex = rests.findIndex((r) => r.mode === 'server');
  if (restIndex < 0) {
    out.push(
      tfinding(
        'warning',
        'SAS-CAP-004',
        'CapabilityStatement.rest',
        {
          fr: 'aucun rest en mode server : la recherche du cas d’usage n’est pas déclarée',
          en: 'no rest in server mode: the use case search is not declared',
        },
        search,
      ),
    );
    return out;
  }
  const resources = arr(rests[restIndex].resource);
  const base = `CapabilityStatement.rest[${restIndex}]`;
  const declaredIncludes = new Set(resources.flatMap((r) => strs(r.searchInclude)));
  const declaredRevincludes = new Set(resources.flatMap((r) => strs(r.searchRevInclude)));
  const from = igId ? { fr: ` (attendu par ${igId})`, en: ` (expected by ${igId})` } : { fr: '', en: '' };
  for (const exp of expected) {
    const level = exp.type === searched ? 'warning' : 'information';
    const i = resources.findIndex((r) => r.type === exp.type);
    if (i < 0) {
      out.push(
        tfinding(
          level,
          'SAS-CAP-004',
          `${base}.resource`,
          {
            fr: `ressource ${exp.type} non déclarée${from.fr}`,
            en: `resource ${exp.type} not declared${from.en}`,
          },
          search,
        ),
      );
      continue;
    }
    const res = resources[i];
    const loc = `${base}.resource[${i}]`;
    const interactions = arr(res.interaction).map((x) => str(x.code));
    if (exp.interactions.includes('search-type') && !interactions.includes('search-type')) {
      out.push(
        tfinding(
          level,
          'SAS-CAP-004',
          `${loc}.interaction`,
          {
            fr: `${exp.type} : interaction search-type non déclarée${from.fr}`,
            en: `${exp.type}: search-type interaction not declared${from.en}`,
          },
          search,
        ),
      );
    }
    const params = arr(res.searchParam);
    for (const p of exp.params) {
      const found = params.some(
        (d) => d.name === p.code || d.name === p.name || (p.definition !== undefined && d.definition === p.definition),
      );
      if (!found) {
        out.push(
          tfinding(
            level,
            'SAS-CAP-005',
            `${loc}.searchParam`,
            {
              fr: `${exp.type} : paramètre de recherche « ${p.code} » non déclaré${from.fr}`,
              en: `${exp.type}: search parameter "${p.code}" not declared${from.en}`,
            },
            search,
          ),
        );
      }
    }
    for (const inc of exp.includes.filter((x) => !declaredIncludes.has(x))) {
      out.push(
        tfinding(
          level,
          'SAS-CAP-006',
          `${loc}.searchInclude`,
          {
            fr: `_include ${inc} non déclaré${from.fr}`,
            en: `_include ${inc} not declared${from.en}`,
          },
          search,
        ),
      );
    }
    for (const inc of exp.revincludes.filter((x) => !declaredRevincludes.has(x))) {
      out.push(
        tfinding(
          level,
          'SAS-CAP-006',
          `${loc}.searchRevInclude`,
          {
            fr: `_revinclude ${inc} non déclaré${from.fr}`,
            en: `_revinclude ${inc} not declared${from.en}`,
          },
          search,
        ),
      );
    }
  }
  return out;
}
