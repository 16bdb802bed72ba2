/**
 * Which `participant.status` values the LOADED appointment profile allows, read from its snapshot: a
 * fixed or pattern code (the official 1.2.0 release and 1.1.0 of FrAppointmentSAS: `accepted`), else
 * the codes of its required value set (the CI build of 1.2.0: sas-valueset-participant-status =
 * accepted, needs-action). Never written here by hand: the package decides (facts §0 version note,
 * sas-v3@13), and the judge says which rule it applied.
 */
import type { DefinitionIndex, FhirResource } from '../../fhir/packages/types.js';
import { arr, obj, str } from './flow-finding.js';

export interface ParticipantStatusRule {
  /** Codes allowed. */
  codes: string[];
  /** How the profile states it: a fixed / pattern code, or a required binding to `valueSet`. */
  kind: 'fixed' | 'binding';
  valueSet?: string;
  /** The profile as loaded: canonical|version, and the IG package it came from (`ans.fhir.fr.sas#1.2.0`). */
  profile: string;
  igPackage?: string;
}

const ELEMENT = 'Appointment.participant.status';

/** The codes a value set lists (explicit concepts, or the whole of a code system it includes); undefined when it cannot tell. */
function valueSetCodes(index: DefinitionIndex, url: string): string[] | undefined {
  const vs = index.valueSet(url) ?? index.valueSet(url.split('|')[0]);
  if (!vs) return undefined;
  const codes: string[] = [];
  for (const inc of arr(obj(vs.compose)?.include)) {
    const include = obj(inc);
    if (!include || include.filter !== undefined || include.valueSet !== undefined) return undefined;
    const concepts = arr(include.concept);
    if (concepts.length > 0) {
      for (const c of concepts) {
        const code = str(obj(c)?.code);
        if (code) codes.push(code);
      }
      continue;
    }
    const system = str(include.system);
    const cs: FhirResource | undefined = system ? index.codeSystem(system) : undefined;
    if (!cs) return undefined;
    const walk = (list: unknown[]): void => {
      for (const c of list) {
        const code = str(obj(c)?.code);
        if (code) codes.push(code);
        walk(arr(obj(c)?.concept));
      }
    };
    walk(arr(cs.concept));
  }
  return codes.length > 0 ? codes : undefined;
}

/** The rule the loaded profile carries, or undefined when the profile (or its value set) is not in the packages. */
export function participantStatusRule(index: DefinitionIndex, profileUrl: string): ParticipantStatusRule | undefined {
  const sd = index.structureDefinition(profileUrl);
  if (!sd) return undefined;
  const element = arr(obj(sd.snapshot)?.element)
    .map(obj)
    .find((e) => e?.path === ELEMENT && (e.sliceName === undefined || e.sliceName === null));
  if (!element) return undefined;
  const profile = `${profileUrl}${sd.version ? `|${sd.version}` : ''}`;
  const igPackage = index.ig ? `${index.ig.id}#${index.ig.version}` : undefined;
  const base = { profile, ...(igPackage ? { igPackage } : {}) };
  const fixed = str(element.fixedCode) ?? str(element.patternCode);
  if (fixed) return { ...base, codes: [fixed], kind: 'fixed' };
  const binding = obj(element.binding);
  const valueSet = str(binding?.valueSet);
  if (!valueSet || binding?.strength !== 'required') return undefined;
  const codes = valueSetCodes(index, valueSet);
  return codes ? { ...base, codes, kind: 'binding', valueSet } : undefined;
}
