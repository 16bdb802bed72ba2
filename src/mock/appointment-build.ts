/**
 * The appointments the reference editor sends to SAS (flux V3), built from its JDDs: a PS or CPTS
 * appointment (FrAppointmentSAS) with a practitioner's IDNPS as participant, booked then cancelled (as
 * the IG's Appointment-1 / -2); an SOS appointment (sas-sos-appointment) as the IG's SOS example — the
 * PS not known yet: participant type ADM, needs-action, status pending — then booked once accepted.
 * The operator (who booked) is a regulator account the editor holds from flux V1. The defect
 * `appointment-invalid` drops the operator extension and writes the RPPS without its `8` prefix.
 */
import { randomUUID } from 'node:crypto';
import type { Jdd } from '../jdd/types.js';
import { APPOINTMENT_OPERATOR_EXTENSION, PROFILE, SYSTEM } from '../sas/canonicals.js';
import type { HeldAccount } from './regulator-accounts.js';

export type AppointmentKind = 'appointment' | 'sos-appointment';

/** Profile canonicals (IG 1.2.0; the SAS side, src/flows/appointments/appointment-ids.ts, judges against the same). */
export const APPOINTMENT_PROFILES: Readonly<Record<AppointmentKind, string>> = {
  appointment: PROFILE.appointment,
  'sos-appointment': PROFILE.sosAppointment,
};

const OPERATOR_EXTENSION = APPOINTMENT_OPERATOR_EXTENSION;
const PARTICIPATION_TYPE = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

/**
 * The reference editor's OID, the assigning authority of its appointment identifiers. FICTITIOUS: an arc
 * no editor was given (1.2.250.1.999…); a real editor uses its own OID or, without one, a URL of its software.
 */
export const EDITOR_APPOINTMENT_SYSTEM = 'urn:oid:1.2.250.1.999.1.1';

/** The operator when the editor holds no regulator account (flux V1 not played): a FICTITIOUS national id. */
const FICTITIOUS_OPERATOR = { type: 'IDNPS', system: SYSTEM.idnps, value: '899999999999' };

/** One appointment as sent: its create, then its update, and the identifier that addresses it. */
export interface AppointmentPlan {
  kind: AppointmentKind;
  identifier: { system: string; value: string };
  create: Record<string, unknown>;
  update: Record<string, unknown>;
}

export interface BuildOptions {
  invalid: boolean;
  accounts: readonly HeldAccount[];
  now: Date;
}

/**
 * Who booked: the first active account (its IDNPS if it has one, else its SAS id); else, every account
 * deactivated (a run's clean-up), the first one still holding an identifier; else a fictitious IDNPS.
 */
export function operatorOf(accounts: readonly HeldAccount[]): { type: string; system: string; value: string } {
  const held = accounts.filter((a) => a.identifiers.length > 0);
  const ids = (held.find((a) => a.active) ?? held[0])?.identifiers ?? [];
  return ids.find((i) => i.type === 'IDNPS') ?? ids.find((i) => i.type === 'INTRN') ?? ids[0] ?? FICTITIOUS_OPERATOR;
}

function instant(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Tomorrow at the next full hour, for 15 minutes. */
function period(now: Date): { start: string; end: string } {
  const start = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + 86_400_000);
  return { start: instant(start), end: instant(new Date(start.getTime() + 15 * 60_000)) };
}

function operatorExtension(operator: { type: string; system: string; value: string }): Record<string, unknown> {
  return {
    url: OPERATOR_EXTENSION,
    valueReference: {
      identifier: {
        type: { coding: [{ system: SYSTEM.frV20203, code: operator.type }] },
        system: operator.system,
        value: operator.value,
      },
    },
  };
}

function common(kind: AppointmentKind, identifier: { system: string; value: string }, o: BuildOptions): Record<string, unknown> {
  const operator = operatorOf(o.accounts);
  return {
    resourceType: 'Appointment',
    meta: { profile: [APPOINTMENT_PROFILES[kind]] },
    ...(o.invalid ? {} : { extension: [operatorExtension(operator)] }),
    identifier: [identifier],
    ...period(o.now),
    created: instant(o.now),
  };
}

function psAppointment(idnps: string, o: BuildOptions): AppointmentPlan {
  const identifier = { system: EDITOR_APPOINTMENT_SYSTEM, value: randomUUID() };
  const base = common('appointment', identifier, o);
  const participant = [
    {
      actor: {
        identifier: {
          type: { coding: [{ system: SYSTEM.frV20203, code: 'IDNPS' }] },
          system: SYSTEM.idnps,
          value: o.invalid ? idnps.replace(/^8/, '') : idnps,
        },
      },
      status: 'accepted',
    },
  ];
  return {
    kind: 'appointment',
    identifier,
    create: { ...base, status: 'booked', participant },
    update: { ...base, status: 'cancelled', participant },
  };
}

function sosAppointment(o: BuildOptions): AppointmentPlan {
  const identifier = { system: EDITOR_APPOINTMENT_SYSTEM, value: randomUUID() };
  const base = common('sos-appointment', identifier, o);
  const type = [{ coding: [{ system: PARTICIPATION_TYPE, code: 'ADM' }] }];
  return {
    kind: 'sos-appointment',
    identifier,
    create: { ...base, status: 'pending', participant: [{ type, status: 'needs-action' }] },
    update: { ...base, status: 'booked', participant: [{ type, status: 'accepted' }] },
  };
}

/** One appointment per JDD of the kinds asked: PS / CPTS JDDs with a practitioner, SOS JDDs with a structure. */
export function buildAppointments(jdds: readonly Jdd[], kinds: readonly AppointmentKind[], o: BuildOptions): AppointmentPlan[] {
  const plans: AppointmentPlan[] = [];
  for (const jdd of jdds) {
    if (jdd.useCase === 'sos') {
      if (kinds.includes('sos-appointment') && jdd.sos.length > 0) plans.push(sosAppointment(o));
    } else if (kinds.includes('appointment') && jdd.practitioners.length > 0) {
      plans.push(psAppointment(jdd.practitioners[0].idnps, o));
    }
  }
  return plans;
}
