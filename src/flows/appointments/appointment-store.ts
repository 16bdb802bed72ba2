/**
 * The appointments the SAS side accepted in one session, keyed by their identifier (`system|value`),
 * each with the id the SAS side gave it (its Location) and a version count. In memory, per server.
 */
import { randomUUID } from 'node:crypto';
import { arr, obj, str } from './flow-finding.js';

export interface StoredAppointment {
  id: string;
  key: string;
  version: number;
  resource: Record<string, unknown>;
}

/** `system|value` of the first identifier of an appointment, when it has both. */
export function identifierKey(resource: unknown): string | undefined {
  const id = obj(arr(obj(resource)?.identifier)[0]);
  const system = str(id?.system);
  const value = str(id?.value);
  return system && value ? `${system}|${value}` : undefined;
}

/** A token search value `system|value` (or a bare `value`), as FHIR reads it: the first `|` not escaped with `\`. */
export function parseToken(token: string): { system?: string; value: string } {
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '\\') {
      i++;
      continue;
    }
    if (token[i] === '|') {
      const unescape = (s: string): string => s.replace(/\\([|,$\\])/g, '$1');
      return { system: unescape(token.slice(0, i)), value: unescape(token.slice(i + 1)) };
    }
  }
  return { value: token.replace(/\\([|,$\\])/g, '$1') };
}

export class AppointmentStore {
  private readonly byKey = new Map<string, StoredAppointment>();

  /** Stores a new version under its identifier (a new id when the identifier is new). */
  put(key: string, resource: Record<string, unknown>): { stored: StoredAppointment; created: boolean } {
    const before = this.byKey.get(key);
    const stored: StoredAppointment = before
      ? { ...before, version: before.version + 1, resource }
      : { id: randomUUID(), key, version: 1, resource };
    this.byKey.set(key, stored);
    return { stored, created: !before };
  }

  /** Appointments a token matches: `system|value` exactly, or a bare value in any system. */
  match(token: { system?: string; value: string }): StoredAppointment[] {
    if (token.system !== undefined) {
      const one = this.byKey.get(`${token.system}|${token.value}`);
      return one ? [one] : [];
    }
    return [...this.byKey.values()].filter((s) => s.key.slice(s.key.indexOf('|') + 1) === token.value);
  }

  byId(id: string): StoredAppointment | undefined {
    return [...this.byKey.values()].find((s) => s.id === id);
  }
}
