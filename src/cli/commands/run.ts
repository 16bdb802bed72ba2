/**
 * `sas-recette run`: the connected acceptance run of an editor endpoint. Also exports the pieces
 * `demo` shares (option parsing, reporters, exit code).
 *
 * Exit codes: 0 every case passed (or was skipped), 1 a case failed (the endpoint), 2 usage or setup
 * problem, or a case errored inside sas-recette.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { describeCaseData, formatCaseData } from '../../cahier/jdd-refs.js';
import { SetupError } from '../../core/errors.js';
import { textOf, type Lang, type Message } from '../../core/findings.js';
import { DEFAULT_IG } from '../../fhir/packages/index.js';
import { validateResource } from '../../fhir/validator/index.js';
import type { HttpClientOptions, TlsClientOptions } from '../../http/types.js';
import { consoleReporter, wantsLiveProgress } from '../../report/console.js';
import { createReporters } from '../../report/index.js';
import { renderRunJson } from '../../report/json.js';
import { loadDeclarations, loadPvInfo } from '../../report/pv-info.js';
import type { Reporter } from '../../report/types.js';
import type { CaseKind } from '../../cahier/kinds.js';
import { loadStructure, prepareRun, type PreparedRun, type StructureSetup } from '../../run/prepare.js';
import type { OfficialRunOptions } from '../../run/official.js';
import { registeredKinds } from '../../run/registered-kinds.js';
import { USE_CASES, type RunResult, type UseCase } from '../../core/model.js';
import { runAcceptance } from '../../run/run-acceptance.js';
import { exitCodeOf } from '../../run/summary.js';
import { parseFhirDateTime } from '../../sas/time.js';
import { makeUntrustedCertificate } from '../../transport/untrusted-cert.js';
import { loadTlsProfile, mergeProfileTls, type TlsProfile } from '../../transport/tls-profile.js';
import type { CliContext } from '../context.js';
import { OFFICIAL_STARTING, officialFileOptions } from './validate.js';

export const DEFAULT_REPORTERS = 'console,json,junit,html';

/** commander accumulator for repeatable options. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The command line as typed, for the PV (commander keeps the parsed argv on the root command, untyped). */
export function commandLine(command: Command): string {
  const raw = ((command.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? []).slice(2);
  return ['sas-recette', ...raw].join(' ');
}

/** `7s`, `500ms`, `1.5s`, `2m` or a number of milliseconds. */
export function parseDuration(text: string, flag = '--timeout'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  const ms = m ? Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 1) : NaN;
  if (!Number.isFinite(ms) || ms <= 0) throw new SetupError(`${flag} "${text}" is not a duration`, 'write it like 7s, 500ms or 7000');
  return Math.round(ms);
}

/** `--now`: an ISO date-time with seconds and an explicit offset (the run is judged against it). */
export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const p = parseFhirDateTime(text);
  if (!p || p.precision !== 'second' || !p.hasOffset) {
    throw new SetupError(`--now "${text}" is not a date-time with an offset`, 'write it like 2026-03-02T08:00:00+01:00 or 2026-03-02T07:00:00Z');
  }
  return new Date(p.epochMs);
}

export function parseBaseUrl(text: string | undefined): string {
  if (!text) throw new SetupError('--base-url is required', 'give the FHIR base of the endpoint, e.g. --base-url https://agenda.example/fhir');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SetupError(`--base-url "${text}" is not a URL`, 'e.g. https://agenda.example/fhir');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SetupError(`--base-url must be http(s), got ${url.protocol}`);
  if (url.search || url.hash) throw new SetupError('--base-url must not carry a query or fragment', 'give the FHIR base only, e.g. https://agenda.example/fhir');
  return text.replace(/\/+$/, '');
}

export function parseUseCases(values: string[]): UseCase[] {
  const list = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const bad = list.filter((v) => !(USE_CASES as readonly string[]).includes(v));
  if (bad.length > 0) throw new SetupError(`unknown use case ${bad.join(', ')}`, `choose among ${USE_CASES.join(', ')}`);
  return list as UseCase[];
}

export function parseGrep(text: string | undefined): RegExp | undefined {
  if (text === undefined) return undefined;
  try {
    return new RegExp(text, 'i');
  } catch (err) {
    throw new SetupError(`--grep: invalid regular expression: ${(err as Error).message}`);
  }
}

export function reporterNames(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}

/** How files are shown in results: relative to the working folder when inside it. */
export function displayPathFrom(cwd: string): (file: string) => string {
  return (file) => {
    const rel = relative(cwd, file);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  };
}

export const INSECURE_NOTE: Message = {
  fr: '--insecure : le certificat du serveur N\'A PAS été vérifié (chaîne, validité, nom d\'hôte). Cette exécution ne vaut pas recette.',
  en: '--insecure: the server certificate was NOT verified (chain, validity, host name). This run is not a valid acceptance.',
};

export interface ReportSetup {
  format: 'text' | 'json';
  lang: Lang;
  outDir: string;
  names: string[];
}

/** Reporters of a run (checked before any request: an unknown name is exit 2). */
export function makeReporters(ctx: CliContext, r: ReportSetup, total: number): { console?: Reporter; files: Reporter[] } {
  const files = createReporters(
    r.names.filter((n) => n !== 'console'),
    { outDir: r.outDir, lang: r.lang },
  );
  const wantConsole = r.format === 'text' && (r.names.includes('console') || r.names.length === 0);
  const console = wantConsole
    ? consoleReporter({
        stdout: ctx.io.stdout,
        stderr: ctx.io.stderr,
        color: ctx.color,
        lang: r.lang,
        live: wantsLiveProgress(ctx.io.env, ctx.io.isTTY),
        total,
      })
    : undefined;
  return { console, files };
}

/** Writes the reports, prints the result as asked, sets the exit code. */
export async function finishRun(ctx: CliContext, run: RunResult, reporters: { console?: Reporter; files: Reporter[] }, format: 'text' | 'json'): Promise<void> {
  const written: string[] = [];
  for (const reporter of reporters.files) written.push(...(await reporter.onRunEnd(run)));
  if (reporters.console) await reporters.console.onRunEnd(run);
  if (format === 'json') ctx.io.stdout(renderRunJson(run));
  const display = displayPathFrom(ctx.io.cwd);
  if (written.length > 0) {
    const out = format === 'json' ? ctx.io.stderr : ctx.io.stdout;
    out(`\nReports / rapports:\n${written.map((f) => `  ${display(f)}`).join('\n')}\n`);
  }
  ctx.setExitCode(exitCodeOf(run));
}

export function listCases(ctx: CliContext, prepared: PreparedRun, lang: Lang): void {
  const rows = prepared.plan.selected.map((c) => [c.id, c.useCase, c.kind, c.severity, c.tags.join(','), c.title[lang]]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  prepared.plan.selected.forEach((c, i) => {
    const r = rows[i];
    ctx.io.stdout(`${r.slice(0, 4).map((v, k) => v.padEnd(widths[k])).join('  ')}  ${r[5]}  ${ctx.color.dim(r[4])}\n`);
    // the JDD data of the case: roles → entries (key + identifier), or why it is not applicable
    const data = describeCaseData(c, prepared.jddFor(c.useCase));
    const line = `    ${formatCaseData(data, lang)}\n`;
    ctx.io.stdout(data.notApplicable ? ctx.color.yellow(line) : ctx.color.dim(line));
  });
  ctx.io.stdout(`\n${prepared.plan.selected.length} / ${prepared.cases.length} test case(s) selected\n`);
}

/** Structural validation through the loaded IG, or nothing when the packages were not found. */
export function validatorOf(structure: StructureSetup) {
  const index = structure.index;
  if (!index) return undefined;
  return (resource: unknown, useCase: UseCase) => validateResource(resource, { index, useCase }).findings;
}

/** `--official-validator` and its companions, shared by `run` and `demo`. */
export interface OfficialCliOptions {
  officialValidator?: string;
  officialValidatorGates?: boolean;
  officialTx?: string;
}

export function addOfficialOptions(cmd: Command): Command {
  return cmd
    .option('--official-validator <jar>', 'also check each validated response with the official HL7 validator (path to validator_cli.jar; needs java); findings shown apart')
    .option('--official-validator-gates', 'official validator errors also fail the test cases (default: shown only)')
    .option('--official-tx <url>', 'terminology server for the official validator (default: none, -tx n/a)');
}

/** The official validator of a run, or nothing; start and unavailability are said on stderr at once. */
export function officialRunOptions(ctx: CliContext, o: OfficialCliOptions & { lang: Lang }): OfficialRunOptions | undefined {
  const say = (m: Message, paint: (s: string) => string) => ctx.io.stderr(paint(`${textOf(m, o.lang)}\n`));
  const base = officialFileOptions(o, ctx, () => say(OFFICIAL_STARTING, ctx.color.dim));
  return base ? { ...base, onUnavailable: (reason) => say(reason, ctx.color.yellow) } : undefined;
}

interface RunOptions extends OfficialCliOptions {
  baseUrl?: string;
  jdd: string[];
  cahier: string[];
  useCase: string[];
  grep?: string;
  tag: string[];
  only: string[];
  list?: boolean;
  bail?: boolean;
  cert?: string;
  key?: string;
  passphraseEnv?: string;
  ca?: string;
  insecure?: boolean;
  tlsProfile?: string;
  timeout: string;
  now?: string;
  out: string;
  reporter: string;
  format: 'text' | 'json';
  lang: Lang;
  ig: string;
  packages: string[];
  pvInfo?: string;
  declarations?: string;
  strict?: boolean;
}

function tlsOptions(o: RunOptions, cwd: string, profile: TlsProfile | undefined): TlsClientOptions | undefined {
  const abs = (f: string | undefined) => (f ? resolve(cwd, f) : undefined);
  if ((o.cert && !o.key) || (!o.cert && o.key)) throw new SetupError('--cert and --key go together');
  const cli: TlsClientOptions = {
    ...(o.cert ? { certFile: abs(o.cert), keyFile: abs(o.key) } : {}),
    ...(o.passphraseEnv ? { passphraseEnv: o.passphraseEnv } : {}),
    ...(o.ca ? { caFile: abs(o.ca) } : {}),
    ...(o.insecure ? { insecure: true } : {}),
  };
  return mergeProfileTls(Object.keys(cli).length > 0 ? cli : undefined, profile);
}

async function runCommand(ctx: CliContext, o: RunOptions, command: string): Promise<void> {
  const { io } = ctx;
  const cwd = io.cwd;
  const profile = o.tlsProfile ? loadTlsProfile(resolve(cwd, o.tlsProfile)) : undefined;
  const useCases = parseUseCases(o.useCase);
  const selection = { grep: parseGrep(o.grep), tags: o.tag, only: o.only };
  const timeoutMs = parseDuration(o.timeout);
  const now = parseNow(o.now);
  const report: ReportSetup = { format: o.format, lang: o.lang, outDir: resolve(cwd, o.out), names: reporterNames(o.reporter) };

  // Kinds are needed to read the cahier; their definitions are filled once the IG is loaded.
  const deps: { definitions?: StructureSetup['index']; tlsProfile?: TlsProfile; untrustedCertificate: typeof makeUntrustedCertificate } = {
    tlsProfile: profile,
    untrustedCertificate: makeUntrustedCertificate,
  };
  const kinds: CaseKind[] = registeredKinds(deps);
  // The packages load (file reads, gunzip) while the cahier is read and checked.
  const structurePending = o.list ? undefined : settle(loadStructure({ ig: o.ig, packages: o.packages.map((p) => resolve(cwd, p)), env: io.env }));
  const prepared = prepareRun({
    jddFiles: o.jdd.map((f) => resolve(cwd, f)),
    cahier: o.cahier.map((f) => resolve(cwd, f)),
    useCases,
    selection,
    kinds,
  });
  if (o.list) {
    listCases(ctx, prepared, o.lang);
    return;
  }
  const baseUrl = parseBaseUrl(o.baseUrl);
  const tls = tlsOptions(o, cwd, profile);
  const http: HttpClientOptions = { timeoutMs, env: io.env, ...(tls ? { tls } : {}) };
  const reporters = makeReporters(ctx, report, prepared.plan.selected.length);
  const pvInfo = o.pvInfo ? loadPvInfo(resolve(cwd, o.pvInfo)) : undefined;
  const official = officialRunOptions(ctx, o);
  const declarations = o.declarations ? loadDeclarations(resolve(cwd, o.declarations)) : undefined;
  const structure = await unsettle(structurePending as Promise<Settled<StructureSetup>>);
  deps.definitions = structure.index;
  const notes: Message[] = [];
  if (o.insecure) {
    io.stderr(ctx.color.bold.red(`WARNING: ${INSECURE_NOTE.en}\nATTENTION : ${INSECURE_NOTE.fr}\n`));
    notes.push(INSECURE_NOTE);
  }
  if (!structure.index) io.stderr(ctx.color.yellow(`${structure.notes[0][o.lang]}\n`));

  const run = await runAcceptance({
    prepared,
    baseUrl,
    now,
    http,
    kinds,
    structure,
    validate: validatorOf(structure),
    lang: o.lang,
    bail: o.bail,
    pvInfo,
    declarations,
    command,
    notes,
    strict: o.strict,
    displayPath: displayPathFrom(cwd),
    onCaseEnd: (c) => reporters.console?.onCaseEnd?.(c),
    ...(official ? { official } : {}),
  });
  await finishRun(ctx, run, reporters, o.format);
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise started early whose failure must wait to be reported (no unhandled rejection meanwhile). */
export function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export async function unsettle<T>(p: Promise<Settled<T>>): Promise<T> {
  const s = await p;
  if (!s.ok) throw s.error;
  return s.value;
}

/** Options shared by `run` and `demo`. */
export function addReportOptions(cmd: Command, defaultReporters: string): Command {
  return cmd
    .option('--out <dir>', 'folder of the reports', 'reports')
    .option('--reporter <names>', 'comma list of console, json (run.json), junit, html', defaultReporters)
    .addOption(new Option('--format <format>', 'text, or json: the whole run result on stdout').choices(['text', 'json']).default('text'))
    .addOption(new Option('--lang <lang>', 'language of the reports and messages').choices(['fr', 'en']).default('fr'))
    .option('--strict', 'official acceptance mode: any reserve (case not applicable or skipped, element not checked, requirement not tested) also exits 1');
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('run')
    .description('run the cahier de recette against an editor endpoint (connected acceptance)')
    .option('--base-url <url>', 'FHIR base URL of the endpoint under test')
    .option('--jdd <file>', 'JDD of a use case (repeatable: one per use case)', collect, [])
    .option('--cahier <path>', 'cahier folder or file (repeatable; default: the shipped testcases/)', collect, [])
    .option('--use-case <name>', 'psindiv, cpts or sos (repeatable; default: the JDDs\' use cases)', collect, [])
    .option('--grep <regex>', 'only the cases whose id or title matches')
    .option('--tag <tag>', 'only the cases with this tag; !tag excludes (repeatable)', collect, [])
    .option('--only <id>', 'only this case (repeatable)', collect, [])
    .option('--list', 'list the selected cases without calling the endpoint')
    .option('--bail', 'stop after the first failed case')
    .option('--cert <file>', 'client certificate (PEM) for mTLS')
    .option('--key <file>', 'private key of the client certificate (PEM)')
    .option('--passphrase-env <var>', 'environment variable holding the key passphrase')
    .option('--ca <file>', 'CA certificate(s) that sign the server certificate (PEM)')
    .option('--insecure', 'do not verify the server certificate (never for an official acceptance)')
    .option('--tls-profile <file>', 'TLS profile: client, CA and negative certificates for the mTLS checks')
    .option('--timeout <duration>', 'hard deadline per request', '7s')
    .option('--now <iso>', 'judge against this instant instead of the clock (e.g. 2026-03-02T08:00:00+01:00)')
    .option('--ig <id#version>', 'IG package for structural validation', DEFAULT_IG)
    .option('--packages <dir>', 'folder of FHIR packages (repeatable; default SAS_RECETTE_PACKAGES, then ~/.fhir/packages)', collect, [])
    .option('--pv-info <file>', 'PV identification (editor, software, version, operator…)')
    .option('--declarations <file>', 'the editor\'s declarations (attestations)');
  addOfficialOptions(cmd);
  addReportOptions(cmd, DEFAULT_REPORTERS).action(async (opts: RunOptions, command: Command) => {
    await runCommand(ctx, opts, commandLine(command));
  });
}
