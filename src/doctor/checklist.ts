/**
 * The checklist `sas-recette doctor` builds: one entry per check, each with its status, what was found
 * and the fix. Shared by every group of checks (certificates, clock, proxy, network, tls, packages, jdd)
 * and by the console / JSON rendering. `not-checked` is a status of its own: a check that could not be
 * made (no certificate given, endpoint unreachable) is said so, never shown as passed.
 */
import type { Message } from '../core/findings.js';

export type CheckStatus = 'ok' | 'warning' | 'blocking' | 'not-checked';

export type CheckGroup = 'certificates' | 'clock' | 'proxy' | 'network' | 'tls' | 'packages' | 'jdd';

/** The order of the groups in the checklist: the offline ones first, as they run. */
export const GROUPS: readonly CheckGroup[] = ['certificates', 'packages', 'jdd', 'proxy', 'network', 'tls', 'clock'];

export interface DoctorCheck {
  /** Stable id (`cert.expiry`, `network.tcp`…), for scripts reading `--format json`. */
  id: string;
  group: CheckGroup;
  status: CheckStatus;
  /** What was found. */
  message: Message;
  /** What to do about it (for a warning, a blocking problem, or what to give to have it checked). */
  fix?: Message;
  /** Lines under the message (problems of a JDD, packages found…). */
  details?: Message[];
  /** Time the check took, for the network ones. */
  ms?: number;
}

export interface DoctorReport {
  tool: string;
  checkedAt: string;
  baseUrl?: string;
  checks: DoctorCheck[];
  summary: Record<CheckStatus, number>;
}

type Extra = Partial<Pick<DoctorCheck, 'fix' | 'details' | 'ms'>>;

function check(status: CheckStatus, id: string, group: CheckGroup, message: Message, extra: Extra = {}): DoctorCheck {
  return { id, group, status, message, ...extra };
}

export const ok = (id: string, group: CheckGroup, message: Message, extra?: Extra): DoctorCheck => check('ok', id, group, message, extra);
export const warning = (id: string, group: CheckGroup, message: Message, fix: Message, extra?: Extra): DoctorCheck =>
  check('warning', id, group, message, { fix, ...extra });
export const blocking = (id: string, group: CheckGroup, message: Message, fix: Message | undefined, extra?: Extra): DoctorCheck =>
  check('blocking', id, group, message, { ...(fix ? { fix } : {}), ...extra });
export const notChecked = (id: string, group: CheckGroup, message: Message, fix?: Message, extra?: Extra): DoctorCheck =>
  check('not-checked', id, group, message, { ...(fix ? { fix } : {}), ...extra });

/** The counts by status; a run is blocked when one check is. */
export function summarise(checks: readonly DoctorCheck[]): DoctorReport['summary'] {
  const counts = { ok: 0, warning: 0, blocking: 0, 'not-checked': 0 };
  for (const c of checks) counts[c.status] += 1;
  return counts;
}

/** The exit code of doctor: 1 when something blocks a run, else 0 (warnings allowed). */
export function exitCodeOf(report: DoctorReport): 0 | 1 {
  return report.summary.blocking > 0 ? 1 : 0;
}
