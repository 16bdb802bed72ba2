/**
 * What the SAS side answers (facts §5.1, sas-v3@16): a FHIR JSON body with its status and headers —
 * the stored Appointment on success (201 / 200 + Location), an OperationOutcome on failure (4xx), and
 * a small CapabilityStatement on `GET [base]/metadata` for clients that read it first.
 */
import type { Finding } from '../../core/findings.js';
import { FHIR_JSON } from '../../sas/canonicals.js';
import { APPOINTMENT_PROFILE, type AppointmentFlavour } from './appointment-ids.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** At most this many findings are put in one OperationOutcome (the rest are counted). */
const MAX_ISSUES = 50;

export interface Issue {
  code: string;
  text: string;
  expression?: string;
}

export function outcome(status: number, issues: Issue[], extraHeaders: Record<string, string> = {}): Answer {
  const oo = {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: 'error',
      code: i.code,
      diagnostics: i.text,
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
  return { status, headers: { 'content-type': FHIR_JSON, ...extraHeaders }, body: JSON.stringify(oo) };
}

/** 422 with the blocking findings of the judgement, as SAS refuses a payload that breaks a business rule. */
export function refusal(blocking: Finding[]): Answer {
  const shown = blocking
    .slice(0, MAX_ISSUES)
    .map((f) => ({ code: 'processing', text: `${f.ruleId}: ${f.message.en}`, expression: f.location }));
  const more =
    blocking.length > MAX_ISSUES ? [{ code: 'processing', text: `${blocking.length - MAX_ISSUES} more error(s) not listed` }] : [];
  return outcome(422, [...shown, ...more]);
}

export function stored(status: 200 | 201, location: string, resource: Record<string, unknown>): Answer {
  return { status, headers: { 'content-type': FHIR_JSON, location }, body: JSON.stringify(resource) };
}

const CAPABILITY: Readonly<Record<AppointmentFlavour, string>> = {
  appointment: 'https://interop.esante.gouv.fr/ig/fhir/sas/CapabilityStatement/SAS-GestionnaireAgenda-RDVpsindiv',
  'sos-appointment': 'https://interop.esante.gouv.fr/ig/fhir/sas/CapabilityStatement/SAS-GestionnaireAgenda-RDVSOS',
};

export function capability(flavour: AppointmentFlavour, now: Date): Answer {
  const cs = {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: now.toISOString(),
    kind: 'instance',
    software: { name: 'sas-recette receive (SAS side of flux V3)' },
    instantiates: [CAPABILITY[flavour]],
    fhirVersion: '4.0.1',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        resource: [
          {
            type: 'Appointment',
            profile: APPOINTMENT_PROFILE[flavour],
            interaction: [{ code: 'create' }, { code: 'update' }],
            conditionalUpdate: true,
            searchParam: [{ name: 'identifier', type: 'token' }],
          },
        ],
      },
    ],
  };
  return { status: 200, headers: { 'content-type': FHIR_JSON }, body: JSON.stringify(cs) };
}
