/**
 * JUnit XML: parsed back with a real XML parser, validated with xmllint against test/report/junit.xsd,
 * counts, unique names, failure/error/skipped content, properties and the size of system-out.
 */
import { resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit, SYSTEM_OUT_MAX_BYTES } from '../../src/report/junit.js';
import type { RunResult } from '../../src/core/model.js';
import { makeRunResult, SECRETS } from './fixtures/run-result.js';
import { xmllintSchema } from './helpers/xmllint.js';

const XSD = resolve(import.meta.dirname, 'junit.xsd');
const ALWAYS_ARRAYS = new Set(['testsuite', 'testcase', 'property']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: '#text',
  cdataPropName: '#cdata',
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});

interface Prop {
  name: string;
  value?: string;
}
interface Problem {
  message?: string;
  type?: string;
  '#cdata'?: string | string[];
}
interface Skipped {
  message?: string;
}
interface XCase {
  name: string;
  classname: string;
  time: string;
  file?: string;
  properties?: { property: Prop[] };
  failure?: Problem;
  error?: Problem;
  skipped?: Skipped | '';
  'system-out'?: { '#cdata': string | string[] };
}
interface XSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  time: string;
  timestamp: string;
  properties: { property: Prop[] };
  testcase: XCase[];
}

function parse(xml: string): { name: string; tests: string; failures: string; errors: string; skipped: string; testsuite: XSuite[] } {
  return parser.parse(xml).testsuites;
}

const text = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join('') : (v ?? ''));
const props = (c: { properties?: { property: Prop[] } }, name: string): string[] =>
  (c.properties?.property ?? []).filter((p) => p.name === name).map((p) => p.value ?? '');

const xmllint = (xml: string) => xmllintSchema(xml, XSD);

describe('renderJunit', () => {
  const run = makeRunResult();
  const xml = renderJunit(run, 'fr');
  const root = parse(xml);
  const allCases = root.testsuite.flatMap((s) => s.testcase);
  const byId = (id: string): XCase => allCases.find((c) => c.name.startsWith(`${id} — `))!;

  it('validates against the JUnit XSD with xmllint', async () => {
    const r = await xmllint(xml);
    expect(r.messages).toBe('');
    expect(r.valid).toBe(true);
  });

  it('the XSD rejects a timestamp without offset (what the builder would write from a Date)', async () => {
    const local = xml.replace(/timestamp="([^"]+)\+01:00"/, 'timestamp="$1"');
    expect(local).not.toBe(xml);
    const r = await xmllint(local);
    expect(r.valid).toBe(false);
    expect(r.messages).toMatch(/timestamp/);
  });

  it('has one suite per group and the run counts', () => {
    expect(root.name).toBe(`sas-recette ${run.runId}`);
    expect(root.testsuite.map((s) => s.name)).toEqual(['transport', 'psindiv', 'cpts', 'sos']);
    // skipped and not-applicable cases are both <skipped>
    expect([root.tests, root.failures, root.errors, root.skipped].map(Number)).toEqual([12, 3, 2, 2]);
    const cpts = root.testsuite.find((s) => s.name === 'cpts')!;
    expect([cpts.tests, cpts.failures, cpts.errors, cpts.skipped].map(Number)).toEqual([3, 0, 0, 2]);
    const ps = root.testsuite.find((s) => s.name === 'psindiv')!;
    expect([ps.tests, ps.failures, ps.errors, ps.skipped].map(Number)).toEqual([4, 2, 0, 0]);
    expect(Number(ps.time)).toBeCloseTo((1210 + 790 + 4300 + 22000) / 1000, 3);
    expect(allCases).toHaveLength(run.cases.length);
  });

  it('names test cases "id — title", unique, with classname sas.<group>', () => {
    const names = allCases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(byId('PS-4.2-PROFILES').name).toBe('PS-4.2-PROFILES — Conformité des ressources aux profils SAS');
    expect(byId('PS-4.2-PROFILES').classname).toBe('sas.psindiv');
    expect(byId('SOS-1-SCHEDULE').classname).toBe('sas.sos');
    expect(byId('SOS-2-TIMEOUT').time).toBe('7.003');
  });

  it('keeps names unique when a case id and title repeat', () => {
    const dup = makeRunResult();
    dup.cases.push({ ...dup.cases[3] });
    const names = parse(renderJunit(dup, 'fr'))
      .testsuite.flatMap((s) => s.testcase)
      .map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('PS-4.2-PROFILES — Conformité des ressources aux profils SAS (2)');
  });

  it('writes a failure readable on its own: first deciding finding on one line, all deciding findings in the body', () => {
    const failure = byId('PS-4.2-PROFILES').failure!;
    expect(failure.type).toBe('SAS-SLOT-003');
    expect(failure.message).toBe(
      'SAS-SLOT-003 at Bundle.entry[0].resource.meta.security[0].code: Type de créneau « PUBLICC » inconnu : utiliser PUBLIC, PRO ou SNP',
    );
    expect(failure.message).not.toMatch(/\n/);
    const body = text(failure['#cdata']);
    expect(body).toContain('[SAS-SLOT-003] Bundle.entry[0].resource.meta.security[0].code (Slot/slot-1)');
    expect(body).toContain('requirements: agg-psindiv@23, agg-psindiv@46');
    expect(body).toContain('[SAS-ID-001] Bundle.entry[1].resource.identifier[0].value (Practitioner/pra-1)');
    expect(body).toContain('IDNPS « 10001234567 » : 11 chiffres au lieu de 12 commençant par 8');
    // warnings and information do not decide the verdict: not in the failure
    expect(body).not.toContain('SAS-CT-001');
    expect(body).not.toContain('SAS-INFO-001');
  });

  it('puts the fatal finding first even when an error sorts before it by location', () => {
    const r = makeRunResult();
    const c = r.cases.find((x) => x.id === 'SOS-1-SCHEDULE')!;
    c.findings.push({ ...c.findings[0], severity: 'error', ruleId: 'SAS-AAA-001', location: 'Bundle.entry[0].resource' });
    const failure = parse(renderJunit(r, 'fr'))
      .testsuite.flatMap((s) => s.testcase)
      .find((x) => x.name.startsWith('SOS-1'))!.failure!;
    expect(failure.type).toBe('SAS-SOS-002');
  });

  it('writes error for transport failures with the error code as type', () => {
    const timeout = byId('SOS-2-TIMEOUT');
    expect(timeout.error?.type).toBe('UND_ERR_HEADERS_TIMEOUT');
    expect(timeout.error?.message).toBe('timeout (UND_ERR_HEADERS_TIMEOUT: Headers Timeout Error)');
    expect(text(timeout.error?.['#cdata'])).toContain('after 7003 ms');
    expect(timeout.failure).toBeUndefined();
    expect(byId('TLS-05').error?.type).toBe('ECONNREFUSED');
  });

  it('writes error, not failure, for a case the endpoint failed by not answering (verdict failed, HTTP-TIMEOUT)', () => {
    const r = makeRunResult();
    const c = r.cases.find((x) => x.id === 'SOS-2-TIMEOUT')!;
    c.verdict = 'failed'; // as the run judges it: a timeout is a failure of the endpoint
    c.findings = [
      {
        severity: 'error',
        ruleId: 'HTTP-TIMEOUT',
        source: 'transport',
        location: `HTTP GET ${c.exchanges[0].request.url}`,
        message: { fr: 'pas de réponse dans le délai', en: 'no answer within the deadline' },
      },
    ];
    const root = parse(renderJunit(r, 'en'));
    const tc = root.testsuite.flatMap((s) => s.testcase).find((x) => x.name.startsWith('SOS-2'))!;
    expect(tc.failure).toBeUndefined();
    expect(tc.error?.type).toBe('HTTP-TIMEOUT');
    expect(text(tc.error?.['#cdata'])).toContain('after 7003 ms');
    // a failed case decided by content (not transport) stays a failure
    expect(root.testsuite.flatMap((s) => s.testcase).find((x) => x.name.startsWith('SOS-1'))!.failure?.type).toBe('SAS-SOS-002');
  });

  it('writes a skipped case as <skipped message="skipped: reason">, reason also in a property and in system-out', () => {
    const skipped = byId('CPTS-4.10-QA');
    expect(skipped.skipped).toEqual({ message: 'skipped: Validateur officiel absent (validator_cli.jar introuvable)' });
    expect(props(skipped, 'skipped_reason')).toEqual(['Validateur officiel absent (validator_cli.jar introuvable)']);
    expect(props(skipped, 'verdict')).toEqual(['skipped']);
    expect(text(skipped['system-out']?.['#cdata'])).toContain('verdict: skipped — Validateur officiel absent');
    expect(skipped.failure ?? skipped.error).toBeUndefined();
  });

  it('writes a not-applicable case as <skipped message="not applicable: reason">, told apart from skipped', () => {
    const na = byId('CPTS-4.9-ORG');
    expect(na.skipped).toEqual({ message: 'not applicable: Le JDD ne contient aucune CPTS' });
    expect(props(na, 'verdict')).toEqual(['not-applicable']);
    expect(props(na, 'skipped_reason')).toEqual(['Le JDD ne contient aucune CPTS']);
    expect(text(na['system-out']?.['#cdata'])).toContain('verdict: not-applicable — Le JDD ne contient aucune CPTS');
    expect(na.failure ?? na.error).toBeUndefined();
    // the message attribute is escaped by the builder
    const r = makeRunResult();
    r.cases.find((c) => c.id === 'CPTS-4.9-ORG')!.reason = { fr: 'a "quoted" <tag> & more', en: 'x' };
    const back = parse(renderJunit(r, 'fr'))
      .testsuite.flatMap((s) => s.testcase)
      .find((c) => c.name.startsWith('CPTS-4.9-ORG'))!;
    expect(back.skipped).toEqual({ message: 'not applicable: a "quoted" <tag> & more' });
  });

  it('writes the reserves of a case passed with reserves as properties and in system-out, with no failure', () => {
    const c = byId('CPTS-4.8-SERVICE');
    expect(c.failure ?? c.error ?? c.skipped).toBeUndefined();
    expect(props(c, 'verdict')).toEqual(['passed-with-reserves']);
    expect(props(c, 'reserve')).toEqual([
      'Jeu de valeurs https://mos.esante.gouv.fr/NOS/TRE_R04-TypeSavoirFaire/FHIR/TRE-R04-TypeSavoirFaire non vérifié : paquet absent',
      'Invariant sas-slot-1 non évalué par le moteur',
    ]);
    const out = text(c['system-out']?.['#cdata']);
    expect(out).toMatch(
      /^verdict: passed-with-reserves\nreserves \(not checked\):\n {2}- Jeu de valeurs .* non vérifié : paquet absent\n {2}- Invariant sas-slot-1/,
    );
    expect(props(byId('TLS-01'), 'reserve')).toEqual([]);
    expect(props(byId('TLS-01'), 'verdict')).toEqual(['passed']);
  });

  it('tells error from failure by the verdict: error → <error>, failed → <failure>', () => {
    expect(byId('TLS-05').error).toBeDefined();
    expect(byId('TLS-05').failure).toBeUndefined();
    expect(props(byId('TLS-05'), 'verdict')).toEqual(['error']);
    expect(byId('PS-4.3-WINDOW').failure).toBeDefined();
    expect(byId('PS-4.3-WINDOW').error).toBeUndefined();
    // a rule that threw: the case is error, with the internal message
    const r = makeRunResult();
    const c = r.cases.find((x) => x.id === 'PS-4.3-REF')!;
    c.verdict = 'error';
    c.findings = [
      {
        severity: 'error',
        ruleId: 'SAS-WIN-001',
        source: 'rule',
        location: 'Bundle',
        message: { fr: 'erreur interne : TypeError: x is undefined', en: 'internal error: TypeError: x is undefined' },
        internalError: true,
      },
    ];
    const tc = parse(renderJunit(r, 'en'))
      .testsuite.flatMap((s) => s.testcase)
      .find((x) => x.name.startsWith('PS-4.3-REF'))!;
    expect(tc.failure).toBeUndefined();
    expect(tc.error?.type).toBe('SAS-WIN-001');
    expect(tc.error?.message).toBe('SAS-WIN-001 Bundle: internal error: TypeError: x is undefined');
  });

  it('adds the run summary as suite properties: overall, mode, validity, blocking cases, every reserve', () => {
    const s = root.testsuite[0];
    expect(props(s, 'overall')).toEqual(['unfavorable']);
    expect(props(s, 'mode')).toEqual(['standard']);
    expect(props(s, 'valid_for_acceptance')).toEqual(['true']);
    expect(props(s, 'insecure')).toEqual([]);
    expect(props(s, 'blocking')).toEqual(['TLS-05', 'PS-4.2-PROFILES', 'SOS-1-SCHEDULE', 'SOS-2-TIMEOUT']);
    const reserves = props(s, 'reserve');
    expect(reserves).toHaveLength(5);
    expect(reserves[0]).toBe('failed-minor PS-4.3-WINDOW: Cas mineur en échec [PS-4.3-WINDOW]');
    expect(reserves[2]).toBe('not-applicable CPTS-4.9-ORG: Le JDD ne contient aucune CPTS [CPTS-4.9-ORG]');
    expect(reserves[3]).toMatch(
      /^not-checked ValueSet https:.*: Jeu de valeurs d’un paquet absent : codes non vérifiés \[CPTS-4\.8-SERVICE, PS-4\.3-REF\]$/,
    );
    expect(reserves[4]).toBe('untested-requirement agg-psindiv@34: Aucun cas jugé ne vérifie cette exigence');
  });

  it('says a strict or insecure run in the suite properties, still schema-valid', async () => {
    const r = makeRunResult();
    r.insecure = true;
    r.summary = {
      ...r.summary,
      mode: 'strict',
      validForAcceptance: false,
      reserves: [
        ...r.summary.reserves,
        { kind: 'insecure', ref: '--insecure', message: { fr: 'TLS non vérifié', en: 'TLS not verified' } },
      ],
    };
    const out = renderJunit(r, 'en');
    expect((await xmllint(out)).valid).toBe(true);
    const s = parse(out).testsuite[0];
    expect(props(s, 'mode')).toEqual(['strict']);
    expect(props(s, 'valid_for_acceptance')).toEqual(['false']);
    expect(props(s, 'insecure')).toEqual(['true']);
    expect(props(s, 'reserve').at(-1)).toBe('insecure --insecure: TLS not verified');
  });

  it('passed cases have neither failure, error nor skipped', () => {
    const ok = byId('TLS-01');
    expect(ok.failure ?? ok.error ?? ok.skipped).toBeUndefined();
  });

  it('adds testcase properties: requirement (repeated), http_status, latency_ms', () => {
    const c = byId('PS-4.2-PROFILES');
    expect(props(c, 'requirement')).toEqual(['agg-psindiv@9', 'agg-psindiv@13', 'agg-psindiv@17']);
    expect(props(c, 'http_status')).toEqual(['200']);
    expect(props(c, 'latency_ms')).toEqual(['812']);
    expect(c.file).toBe('testcases/ps.yaml');
  });

  it('adds suite properties: base URL, IG, tool version, JDD and cahier files, clock with offset', () => {
    const s = root.testsuite[0];
    const get = (n: string): string[] => props(s, n);
    expect(get('base_url')).toEqual(['https://agenda.example-editeur.fr/fhir']);
    expect(get('ig')).toEqual(['ans.fhir.fr.sas#1.2.0']);
    expect(get('sas_recette_version')).toEqual(['0.1.0']);
    expect(get('jdd_file')).toEqual(['datasets/jdd-editeur.yaml']);
    expect(get('cahier_file')).toHaveLength(4);
    expect(get('now')).toEqual(['2025-11-26T10:00:00+01:00']);
    expect(s.timestamp).toBe('2025-11-26T10:02:00+01:00');
  });

  it('writes timestamps in Paris time with offset whatever the input offset', () => {
    const r = makeRunResult();
    r.startedAt = '2025-07-01T08:00:00Z';
    expect(parse(renderJunit(r, 'fr')).testsuite[0].timestamp).toBe('2025-07-01T10:00:00+02:00');
  });

  it('keeps system-out under 8 KiB with the request line, redacted headers, status and timing', () => {
    const out = text(byId('PS-4.2-PROFILES')['system-out']?.['#cdata']);
    expect(out).toMatch(/^GET https:\/\/agenda\.example-editeur\.fr\/fhir\/Slot\?/m);
    expect(out).toContain('authorization: [redacted]');
    expect(out).toContain('→ HTTP 200 (812 ms, ttfb 640 ms)');
    const big = makeRunResult();
    const c = big.cases.find((x) => x.id === 'PS-4.3-REF')!;
    c.exchanges = Array.from({ length: 40 }, (_, i) => ({
      ...c.exchanges[0],
      id: `x${i}`,
      request: { ...c.exchanges[0].request, url: `${c.exchanges[0].request.url}&n=${'é'.repeat(200)}${i}` },
    }));
    const bigOut = text(
      parse(renderJunit(big, 'fr'))
        .testsuite.flatMap((s) => s.testcase)
        .find((x) => x.name.startsWith('PS-4.3-REF'))!['system-out']?.['#cdata'],
    );
    expect(Buffer.byteLength(bigOut)).toBeLessThanOrEqual(SYSTEM_OUT_MAX_BYTES);
    expect(bigOut).toContain('(truncated; full evidence in run.json and the HTML PV)');
  });

  it('shows "]]>" split and control characters visibly, still well-formed (injection cases: junit-injection.test.ts)', async () => {
    const r = makeRunResult();
    r.cases[3].findings[2].message.fr = 'bell \u0007 and ]]> end';
    const out = renderJunit(r, 'fr');
    expect((await xmllint(out)).valid).toBe(true);
    const failure = parse(out)
      .testsuite.flatMap((s) => s.testcase)
      .find((x) => x.name.startsWith('PS-4.2'))!.failure!;
    expect(text(failure['#cdata'])).toContain('bell ⟨U+0007⟩ and ]]⟨U+003E⟩ end');
  });

  it('never writes secrets', () => {
    for (const s of SECRETS) expect(xml).not.toContain(s);
  });

  it('uses English texts with lang en', () => {
    const en = parse(renderJunit(run, 'en'));
    const names = en.testsuite.flatMap((s) => s.testcase).map((c) => c.name);
    expect(names).toContain('PS-4.2-PROFILES — Resources conform to the SAS profiles');
  });

  it('renders an empty run as a valid document', async () => {
    const empty: RunResult = { ...makeRunResult(), cases: [] };
    const out = renderJunit(empty, 'fr');
    expect((await xmllint(out)).valid).toBe(true);
    expect(out).not.toContain('<testcase');
  });
});
