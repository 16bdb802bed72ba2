/**
 * What the appointment-side checks receive (flux V1 regulator accounts, V2 booking URL and SSO, V3
 * appointment information), besides the run's kind environment: the IG definitions (payloads are
 * validated by our own engine before they are sent, appointments received are judged against their
 * profile), the run's SAS side for flux V3, and the state the cases of one run share.
 */
import { findingsOf } from '../core/findings.js';
import type { DefinitionIndex } from '../fhir/packages/types.js';

/** A regulator account this run created on the editor's endpoint (flux V1). */
export interface CreatedRegulator {
  /** JDD key of the identity it was made from. */
  key: string;
  /** Identifier the account is addressed by in a conditional update: `system|value`. */
  system: string;
  value: string;
  type: 'IDNPS' | 'INTRN';
  /** As last sent to the endpoint. */
  active: boolean;
  /** Case that created it. */
  caseId: string;
}

/** State shared by the appointment-side cases of one run (a fresh one per run). */
export interface FlowSession {
  /** Regulator accounts created by this run, for the clean-up (deactivation) and for flux V3. */
  regulators: CreatedRegulator[];
}

/** The SAS side of flux V3 (`receive`): where it listens, with what certificate, which client CA it trusts. */
export interface ReceiveSettings {
  host: string;
  /** 0: a free port. */
  port: number;
  /** Server certificate and key of the SAS side; absent: plain HTTP (a run without mTLS, never for acceptance). */
  tls?: { certFile: string; keyFile: string; caFile?: string };
  /** How long a flux-v3 case waits for the editor's software to send, in ms. */
  waitMs: number;
}

export interface FlowDeps {
  /** IG definitions; absent → payloads cannot be validated (the cases say so) and appointments are not judged structurally. */
  definitions?: DefinitionIndex;
  /** Flux V3: the SAS side's settings; absent → flux-v3 cases are skipped with the reason. */
  receive?: ReceiveSettings;
  /**
   * Flux V3 with the reference editor (demo, tests): asks its appointment sender to send to `url`
   * (the SAS side this run opened). A real editor is driven by the operator instead.
   */
  sendAppointments?: (url: string) => Promise<void>;
}

export function newFlowSession(): FlowSession {
  return { regulators: [] };
}

/** The one way the appointment-side checks build a finding (source `flow`, with the requirements it verifies). */
export const flowFinding = findingsOf('flow');
