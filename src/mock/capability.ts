/**
 * The reference editor's CapabilityStatement (`GET [base]/metadata`): what it serves for each use
 * case, written from the SAS IG facts (sas-ig-facts §1.2–1.4, §2.6) — Slot search with the PS and
 * CPTS includes, Schedule search (SOS) with its reverse include.
 */
import type { Jdd } from '../jdd/types.js';
import { TOOL_VERSION } from '../core/version.js';
import { formatParis } from '../sas/time.js';
import { CAPABILITY, PROFILE, SEARCH_PARAM_SERVICE_TYPE_REFERENCE, SEARCH_PARAM_START } from '../sas/canonicals.js';
import { MAX_IDENTIFIERS } from './check-request.js';

export function capabilityStatement(jdds: Jdd[], now: Date): Record<string, unknown> {
  const useCases = new Set(jdds.map((j) => j.useCase));
  const slotSearch = useCases.has('psindiv') || useCases.has('cpts');
  const resources: Record<string, unknown>[] = [];
  if (slotSearch) {
    resources.push({
      type: 'Slot',
      supportedProfile: [...(useCases.has('psindiv') ? [PROFILE.psSlot] : []), ...(useCases.has('cpts') ? [PROFILE.cptsSlot] : [])],
      interaction: [{ code: 'search-type' }],
      searchInclude: [
        'Slot:schedule',
        'Schedule:actor',
        ...(useCases.has('cpts') ? ['Slot:service-type-reference', 'HealthcareService:organization'] : []),
      ],
      searchParam: [
        {
          name: 'start',
          definition: SEARCH_PARAM_START,
          type: 'date',
          documentation: 'ge (window start) and le (window end), both required',
        },
        { name: 'status', definition: 'http://hl7.org/fhir/SearchParameter/Slot-status', type: 'token', documentation: 'free (required)' },
        {
          name: 'schedule',
          definition: 'http://hl7.org/fhir/SearchParameter/Slot-schedule',
          type: 'reference',
          documentation: `chained as schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1|<IDNPS>, 1 to ${MAX_IDENTIFIERS} comma-separated values`,
        },
        ...(useCases.has('cpts')
          ? [{ name: 'service-type-reference', definition: SEARCH_PARAM_SERVICE_TYPE_REFERENCE, type: 'reference' }]
          : []),
      ],
    });
  }
  if (useCases.has('sos')) {
    resources.push({
      type: 'Schedule',
      supportedProfile: [PROFILE.sosSchedule],
      interaction: [{ code: 'search-type' }],
      searchInclude: ['Schedule:actor:Location', 'Location:organization'],
      searchRevInclude: ['Slot:schedule'],
      searchParam: [
        {
          name: 'actor',
          definition: 'http://hl7.org/fhir/SearchParameter/Schedule-actor',
          type: 'reference',
          documentation: `chained as actor:Location.organization.identifier=urn:oid:1.2.250.1.71.4.2.2|3<SIRET>, 1 to ${MAX_IDENTIFIERS} comma-separated values`,
        },
        {
          name: '_has',
          type: 'special',
          documentation: '_has:Slot:schedule:start=ge…&_has:Slot:schedule:start=le…&_has:Slot:schedule:status=free',
        },
      ],
    });
  }
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: formatParis(now),
    publisher: 'sas-recette',
    kind: 'instance',
    instantiates: [...useCases].map((u) => CAPABILITY[u]),
    software: { name: 'sas-recette reference editor (mock)', version: TOOL_VERSION },
    implementation: { description: 'Reference editor serving the sas-recette JDD' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [{ mode: 'server', resource: resources }],
  };
}
