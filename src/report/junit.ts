/**
 * JUnit XML for CI (GitLab, Jenkins, GitHub actions, Azure) built with junit-report-builder:
 * one <testsuite> per cahier group, one <testcase> per case with a unique "id — title" name,
 * <failure>/<error>/<skipped message="skipped: …" | "not applicable: …"> from the verdict, requirement
 * ids, HTTP facts and the reserves of a case passed with reserves as properties, the run's overall
 * verdict, mode, validity for acceptance and reserves as suite properties, and a short redacted evidence
 * excerpt in <system-out>. The verdict itself is never recomputed here.
 * Untrusted text never reaches the XML raw: every text goes through xmlText (xml-text.ts: invisible and
 * forbidden characters shown as `⟨U+XXXX⟩`, every `]]>` split) and the built document is checked (one
 * <testcase> per case, no forbidden character) before it is written. Each case lists at most
 * FINDINGS_LISTED_MAX findings, with "n more" and the evidence file of the rest (evidence-files.ts).
 */
import { join } from 'node:path';
import junitModule from 'junit-report-builder';
import type { Builder, TestCase, TestSuite } from 'junit-report-builder';
import { textOf, type Finding, type Lang } from '../core/findings.js';
import type { CaseResult, Exchange, RunResult } from '../core/model.js';
import {
  acceptanceValidity,
  caseReserves,
  caseState,
  caseTitle,
  decidingFindings,
  describeTransport,
  groupOrder,
  transportFailures,
  verdictReason,
} from './case-view.js';
import { evidenceDirOf, omittedLines, reportView, writeEvidenceFiles } from './evidence-files.js';
import { isoInZone, oneLine, seconds, truncateUtf8 } from './format.js';
import type { Reporter, ReporterOptions } from './types.js';
import { writeOutput } from './write-output.js';
import { assertJunitStructure, xmlText } from './xml-text.js';

/** Every text reaches the builder through this (xml-text.ts says why: the library's escaping is not enough). */
const x = xmlText;

// The package is CommonJS (`module.exports = builder`) while its typings declare `export default`:
// under NodeNext the default import is typed as the namespace, so take `.default` when it exists.
const rootBuilder = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

/** Upper bound of a testcase's <system-out> (GitLab cuts long output; evidence is in run.json/pv.html). */
export const SYSTEM_OUT_MAX_BYTES = 8 * 1024;

function findingBlock(f: Finding, lang: Lang): string {
  const where = f.resource ? `${f.location} (${f.resource})` : f.location;
  const reqs = f.requirements?.length ? `\n  requirements: ${f.requirements.join(', ')}` : '';
  return `[${f.ruleId}] ${where}\n  ${textOf(f.message, lang)}${reqs}`;
}

function firstFindingLine(f: Finding, lang: Lang): string {
  return oneLine(`${f.ruleId} at ${f.location}: ${textOf(f.message, lang)}`);
}

function exchangeExcerpt(ex: Exchange): string {
  const lines = [`${ex.request.method} ${ex.request.url}${ex.label ? `  [${ex.label}]` : ''}`];
  for (const [name, value] of Object.entries(ex.request.headers)) lines.push(`  ${name}: ${value}`);
  if (ex.request.body !== undefined) lines.push(`  body (${Buffer.byteLength(ex.request.body)} bytes): ${oneLine(ex.request.body, 2000)}`);
  const timing = `${Math.round(ex.timings.totalMs)} ms${ex.timings.ttfbMs !== undefined ? `, ttfb ${Math.round(ex.timings.ttfbMs)} ms` : ''}`;
  if (ex.response) {
    const r = ex.response;
    lines.push(`→ HTTP ${r.status} (${timing}), ${r.bodyBytes} bytes, sha256 ${r.sha256}`);
    for (const [name, value] of Object.entries(r.headers)) lines.push(`  ${name}: ${value}`);
  } else {
    lines.push(`→ no HTTP response: ${describeTransport(ex)} after ${timing}`);
  }
  if (ex.tls?.protocol) lines.push(`  tls: ${ex.tls.protocol}${ex.tls.cipher ? ` ${ex.tls.cipher}` : ''}`);
  return lines.join('\n');
}

/** Deciding findings written in a failure or error body; the others are counted ("… and N more"). */
export const BODY_FINDINGS_MAX = 50;

/** The deciding findings of a body, at most BODY_FINDINGS_MAX, then how many more (all are in run.json and the PV). */
function decidingBlocks(deciding: Finding[], lang: Lang): string[] {
  const blocks = deciding.slice(0, BODY_FINDINGS_MAX).map((f) => findingBlock(f, lang));
  const more = deciding.length - BODY_FINDINGS_MAX;
  if (more > 0)
    blocks.push(
      lang === 'fr'
        ? `… et ${more} constat(s) bloquant(s) de plus (run.json, pv.html)`
        : `… and ${more} more deciding finding(s) (run.json, pv.html)`,
    );
  return blocks;
}

/** Official findings listed in <system-out> before "… and N more" (all are in run.json and the PV). */
export const OFFICIAL_LINES_MAX = 20;

/** The official HL7 validator's findings of a case, one line each (they decide only with gates). */
function officialExcerpt(c: CaseResult, lang: Lang): string | undefined {
  const list = c.officialFindings;
  if (!list) return undefined;
  const lines = [`official validator: ${list.length} finding(s), kept apart from sas-recette's`];
  for (const f of list.slice(0, OFFICIAL_LINES_MAX)) {
    lines.push(
      `  ${f.severity} ${oneLine(`${f.ruleId} at ${f.location}${f.resource ? ` (${f.resource})` : ''}: ${textOf(f.message, lang)}`, 500)}`,
    );
  }
  if (list.length > OFFICIAL_LINES_MAX) lines.push(`  … and ${list.length - OFFICIAL_LINES_MAX} more`);
  return lines.join('\n');
}

/** Reason, reserves, the official validator's findings, then each exchange; cut to SYSTEM_OUT_MAX_BYTES with a marker. */
export function systemOut(c: CaseResult, lang: Lang): string {
  const reason = c.verdict === 'passed' ? undefined : verdictReason(c, lang);
  const head = [`verdict: ${caseState(c)}${reason ? ` — ${oneLine(reason, 1000)}` : ''}`];
  const reserves = caseReserves(c, lang);
  if (reserves.length) head.push(`reserves (not checked):\n${reserves.map((r) => `  - ${oneLine(r, 500)}`).join('\n')}`);
  if (c.source) head.push(`cahier: ${c.source}`);
  head.push(...omittedLines(c, lang));
  const official = officialExcerpt(c, lang);
  const text = [head.join('\n'), ...(official ? [official] : []), ...c.exchanges.map(exchangeExcerpt)].join('\n\n');
  const marker = '\n… (truncated; full evidence in run.json and the HTML PV)';
  const safe = x(text); // escaped before the cut, so the cap holds for what is written
  const cut = truncateUtf8(safe, SYSTEM_OUT_MAX_BYTES);
  return cut.cut ? truncateUtf8(safe, SYSTEM_OUT_MAX_BYTES - Buffer.byteLength(marker)).text + marker : safe;
}

/**
 * A run recorded before the current verdict model (`report` on an old run.json) marked a case whose
 * exchange got no usable HTTP answer `failed`, with a deciding `HTTP-<OUTCOME>` finding; today's judge
 * makes it `error`. Such a case is still reported as a JUnit `<error>`, so CI shows "could not talk to
 * the endpoint" apart from "the endpoint answered wrongly", without re-judging the recorded run.
 */
function failedByTransport(deciding: Finding[]): boolean {
  return deciding.length > 0 && deciding.some((f) => f.source === 'transport' && f.ruleId.startsWith('HTTP-'));
}

/** The exchanges that got no usable answer, then the deciding findings. */
function errorBody(c: CaseResult, deciding: Finding[], lang: Lang): string {
  return [
    ...transportFailures(c).map(
      (ex) => `${ex.request.method} ${ex.request.url}\n  ${describeTransport(ex)} after ${Math.round(ex.timings.totalMs)} ms`,
    ),
    ...decidingBlocks(deciding, lang),
    ...omittedLines(c, lang),
  ].join('\n\n');
}

function addOutcome(tc: TestCase, c: CaseResult, lang: Lang): void {
  const deciding = decidingFindings(c);
  if (c.verdict === 'failed' && failedByTransport(deciding)) {
    const first = deciding.find((f) => f.ruleId.startsWith('HTTP-')) ?? deciding[0];
    tc.error(x(firstFindingLine(first, lang)), x(first.ruleId), x(errorBody(c, deciding, lang)));
  } else if (c.verdict === 'failed') {
    const first = deciding[0];
    const message = first ? firstFindingLine(first, lang) : oneLine(verdictReason(c, lang) ?? 'failed');
    tc.failure(x(message), x(first?.ruleId ?? 'expectation'));
    const body = [...decidingBlocks(deciding, lang), ...omittedLines(c, lang)].join('\n\n');
    tc.stacktrace(x(body || message));
  } else if (c.verdict === 'error') {
    const transport = transportFailures(c);
    const first = deciding[0];
    const type = first?.ruleId ?? transport[0]?.error?.code ?? (transport[0] ? transport[0].outcome : 'harness-error');
    const message = oneLine(verdictReason(c, lang) ?? 'could not be evaluated');
    tc.error(x(message), x(type), x(errorBody(c, deciding, lang) || message));
  } else if (c.verdict === 'skipped' || c.verdict === 'not-applicable') {
    const reason = oneLine(verdictReason(c, lang) ?? (c.verdict === 'skipped' ? 'not run' : 'does not apply to this run'));
    skippedWithMessage(tc, x(`${c.verdict === 'skipped' ? 'skipped' : 'not applicable'}: ${reason}`));
    tc.property('skipped_reason', x(reason));
  }
}

/** The part of xmlbuilder's element that skippedWithMessage touches. */
interface XmlElement {
  name?: string;
  children?: XmlElement[];
  att(name: string, value: string): XmlElement;
}

/**
 * `<skipped message="…"/>`: junit-report-builder's skipped() takes no message (5.1), so the built
 * `<skipped>` element of this one test case gets its attribute after the builder made it (xmlbuilder
 * escapes it). Jenkins, GitLab and Azure show this message as the skip reason.
 */
function skippedWithMessage(tc: TestCase, message: string): void {
  tc.skipped();
  const node = tc as unknown as { build(parent: unknown): XmlElement };
  const build = node.build.bind(tc);
  node.build = (parent) => {
    const element = build(parent);
    element.children?.find((child) => child.name === 'skipped')?.att('message', message);
    return element;
  };
}

function addCase(suite: TestSuite, c: CaseResult, name: string, lang: Lang): void {
  const tc = suite
    .testCase()
    .className(x(`sas.${c.group}`))
    .name(x(name))
    .time(seconds(c.durationMs));
  if (c.source) tc.file(x(c.source.replace(/:\d+(:\d+)?$/, '')));
  for (const r of c.requirements) tc.property('requirement', x(r));
  for (const e of c.exchanges) {
    if (e.response) tc.property('http_status', String(e.response.status));
    tc.property('latency_ms', String(Math.round(e.timings.totalMs)));
  }
  tc.property('severity', x(c.severity));
  tc.property('verdict', caseState(c));
  for (const r of caseReserves(c, lang)) tc.property('reserve', x(oneLine(r, 500)));
  const file = c.evidence?.file;
  if (file) {
    tc.property('evidence_file', x(file.path));
    tc.property('evidence_sha256', x(file.sha256));
  }
  addOutcome(tc, c, lang);
  tc.standardOutput(x(systemOut(c, lang)));
}

function suiteProperties(suite: TestSuite, run: RunResult, lang: Lang): void {
  const p = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') suite.property(name, x(value));
  };
  p('run_id', run.runId);
  p('base_url', run.baseUrl);
  p('ig', run.ig ? `${run.ig.id}#${run.ig.version}` : 'none');
  p('sas_recette_version', run.tool.version);
  for (const f of run.cahier.files) p('cahier_file', f);
  p('cahier_sha256', run.cahier.sha256);
  for (const f of run.jdd.files) p('jdd_file', f);
  p('jdd_sha256', run.jdd.sha256);
  p('now', isoInZone(run.now));
  p('started_at', isoInZone(run.startedAt));
  p('finished_at', isoInZone(run.finishedAt));
  p('use_cases', run.useCases.join(','));
  const s = run.summary;
  p('overall', s.overall);
  p('mode', s.mode ?? 'standard');
  p('valid_for_acceptance', acceptanceValidity(run).notValid ? 'false' : 'true');
  if (run.insecure) p('insecure', 'true');
  for (const id of s.blocking ?? []) p('blocking', id);
  for (const r of s.reserves)
    p('reserve', oneLine(`${r.kind} ${r.ref}: ${textOf(r.message, lang)}${r.cases?.length ? ` [${r.cases.join(', ')}]` : ''}`, 500));
  p('editor', run.pvInfo?.editor);
  p('software', run.pvInfo?.software);
  p('software_version', run.pvInfo?.softwareVersion);
  const off = run.official;
  if (off) {
    p(
      'official_validator',
      off.unavailable ? `unavailable: ${oneLine(textOf(off.unavailable, lang), 500)}` : `${off.jar}${off.version ? ` ${off.version}` : ''}`,
    );
    p('official_validator_gates', off.gates ? 'on' : 'off');
    if (!off.unavailable) p('official_validator_disagreements', String(off.disagreements));
  }
}

/** Unique, stable testcase names: "id — title", with " (2)", " (3)"… on repeats. */
export function uniqueCaseNames(cases: CaseResult[], lang: Lang): string[] {
  const seen = new Map<string, number>();
  return cases.map((c) => {
    const base = oneLine(`${c.id} — ${caseTitle(c, lang)}`, 500);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** The JUnit XML text for a run. */
export function renderJunit(input: RunResult, lang: Lang = 'fr'): string {
  const run = reportView(input).run;
  const builder = rootBuilder.newBuilder(); // a fresh builder: the default export is shared state
  builder.name(x(`sas-recette ${run.runId}`));
  const names = uniqueCaseNames(run.cases, lang);
  for (const group of groupOrder(run.cases)) {
    const indexes = run.cases.map((c, i) => (c.group === group ? i : -1)).filter((i) => i >= 0);
    const suite = builder.testSuite().name(x(group));
    // the builder formats Date objects in local time without offset: pass the text ourselves
    suite.timestamp(x(isoInZone(run.startedAt)));
    suite.time(seconds(indexes.reduce((s, i) => s + run.cases[i].durationMs, 0)));
    suiteProperties(suite, run, lang);
    for (const i of indexes) addCase(suite, run.cases[i], names[i], lang);
  }
  const xml = builder.build();
  assertJunitStructure(xml, run.cases.length);
  return xml;
}

export function junitReporter(options: ReporterOptions): Reporter {
  return {
    name: 'junit',
    async onRunEnd(run) {
      const file = options.paths?.junit ?? join(options.outDir, 'junit.xml');
      const evidence = await writeEvidenceFiles(evidenceDirOf(options), reportView(run).files);
      await writeOutput(file, renderJunit(run, options.lang));
      return [file, ...evidence];
    },
  };
}
