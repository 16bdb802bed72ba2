import { describe, expect, it } from 'vitest';
import type { TlsVersion } from '../http/types.js';
import type { Exchange } from '../core/model.js';
import type { ProbeResult, ProbeStatus } from './tls-probe.js';
import { probeStatusOf } from './tls-probe.js';
import { judgeTlsVersions } from './tls-versions.js';

const ex = {} as Exchange;
const p = (version: TlsVersion, status: ProbeStatus, code?: string): ProbeResult => ({
  version,
  status,
  code,
  exchange: ex,
  ...(status === 'accepted' ? { protocol: version, cipher: 'C' } : {}),
});
const verdicts = (probes: ProbeResult[]) => judgeTlsVersions(probes).map((f) => `${f.severity}:${f.ruleId}`);

describe('judgeTlsVersions', () => {
  it('passes 1.0/1.1 refused and 1.2 accepted; reports 1.3 and SSL as information', () => {
    expect(verdicts([p('TLSv1', 'refused'), p('TLSv1.1', 'refused'), p('TLSv1.2', 'accepted'), p('TLSv1.3', 'refused')])).toEqual([
      'information:SAS-TLS-010',
      'information:SAS-TLS-011',
      'information:SAS-TLS-012',
      'information:SAS-TLS-013',
      'information:SAS-TLS-015',
    ]);
  });
  it('fails legacy versions accepted and TLS 1.2 refused', () => {
    expect(
      verdicts([p('TLSv1', 'accepted'), p('TLSv1.1', 'accepted'), p('TLSv1.2', 'refused'), p('TLSv1.3', 'accepted')]).filter((v) =>
        v.startsWith('error'),
      ),
    ).toEqual(['error:SAS-TLS-010', 'error:SAS-TLS-011', 'error:SAS-TLS-012']);
  });
  it('never passes a version the client could not offer, and marks unreachable as not checked', () => {
    const f = judgeTlsVersions([p('TLSv1', 'not-testable', 'ERR_SSL_NO_PROTOCOLS_AVAILABLE'), p('TLSv1.2', 'unreachable', 'ECONNREFUSED')]);
    expect(f.map((x) => `${x.severity}:${x.ruleId}:${x.notChecked}`)).toEqual([
      'warning:SAS-TLS-014:true',
      'error:SAS-TLS-016:true',
      'information:SAS-TLS-015:true',
    ]);
    expect(f[0].message.en).toContain('not testable from this client');
  });
});

describe('probeStatusOf', () => {
  it('tells our own refusals from the server’s', () => {
    expect(probeStatusOf('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION')).toBe('refused');
    expect(probeStatusOf('ECONNRESET')).toBe('refused');
    expect(probeStatusOf('ERR_SSL_UNSUPPORTED_PROTOCOL')).toBe('refused');
    expect(probeStatusOf('ERR_SSL_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED')).toBe('not-testable');
    expect(probeStatusOf('ERR_SSL_NO_PROTOCOLS_AVAILABLE')).toBe('not-testable');
    expect(probeStatusOf('ECONNREFUSED')).toBe('unreachable');
  });
});
