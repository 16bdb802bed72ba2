/** A probe record as big as a real one (three use cases, six checks, TLS facts), tagged with its writer and number (in durationMs). */
import { PROBE_RECORD_VERSION, type ProbeRecord } from '../../src/core/probe-record.js';

export function sampleRecord(writer: string, n: number): ProbeRecord {
  const check = (caseId: string) => ({
    caseId,
    outcome: 'ok' as const,
    status: 200,
    latencyMs: 100 + n,
    verdict: 'passed' as const,
    failingRules: [],
  });
  return {
    v: PROBE_RECORD_VERSION,
    at: `2026-03-02T08:${String(n % 60).padStart(2, '0')}:00.000+01:00`,
    baseUrl: `https://${writer}.example/fhir`,
    tool: '0.0.0-test',
    ig: 'ans.fhir.fr.sas#1.2.0',
    available: true,
    verdict: 'passed',
    checks: ['PS-ALL-RULES', 'TR-PS-CAPABILITY', 'CPTS-ALL-RULES', 'TR-CPTS-CAPABILITY', 'SOS-ALL-RULES', 'TR-SOS-CAPABILITY'].map(check),
    failingRules: [],
    durationMs: n,
    tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', peerSubject: `CN=${writer}`, peerValidTo: '2027-01-01T00:00:00.000Z' },
  };
}
