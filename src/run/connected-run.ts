/**
 * `sas-recette run`: the connected acceptance run of an editor endpoint, from already parsed options.
 * Reads the TLS profile, cahier and JDDs (the FHIR packages load meanwhile), lists the cases or plays
 * them against the endpoint, then writes the reports and sets the exit code.
 */
import type { CaseKind } from '../cahier/kinds.js';
import { SetupError } from '../core/errors.js';
import type { Lang, Message } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import type { UseCase } from '../core/model.js';
import { parseBaseUrl } from '../core/parse-values.js';
import { settle, unsettle, type Settled } from '../core/settle.js';
import type { HttpClientOptions, TlsClientOptions } from '../http/types.js';
import type { OfficialCliOptions } from '../official/cli-options.js';
import { loadDeclarations, loadPvInfo } from '../report/pv-info.js';
import { displayPathFrom, makeReporters, type ReportSetup } from '../report/run-reporters.js';
import { loadTlsProfile, mergeProfileTls, type TlsProfile } from '../transport/tls-profile.js';
import { makeUntrustedCertificate } from '../transport/untrusted-cert.js';
import { finishRun, officialRunOptions } from './finish-run.js';
import { watchInterrupt } from './interrupt.js';
import { listCases } from './list-cases.js';
import { noticeText } from './preflight.js';
import type { Selection } from './plan.js';
import { loadStructure, prepareRun, type StructureSetup } from './prepare.js';
import { registeredKinds } from './registered-kinds.js';
import { runAcceptance } from './run-acceptance.js';
import { validatorOf } from './structure-validator.js';
import type { FlowDeps, ReceiveSettings } from '../flows/index.js';

export const INSECURE_NOTE: Message = {
  fr: "--insecure : le certificat du serveur N'A PAS été vérifié (chaîne, validité, nom d'hôte). Cette exécution ne vaut pas recette.",
  en: '--insecure: the server certificate was NOT verified (chain, validity, host name). This run is not a valid acceptance.',
};

/** The client side of TLS: the command line's files over the TLS profile's (the run and its dry run). */
export function tlsOptions(o: ClientTlsFiles, profile: TlsProfile | undefined): TlsClientOptions | undefined {
  if ((o.cert && !o.key) || (!o.cert && o.key))
    throw new SetupError({ fr: '--cert et --key vont ensemble', en: '--cert and --key go together' });
  const cli: TlsClientOptions = {
    ...(o.cert ? { certFile: o.cert, keyFile: o.key } : {}),
    ...(o.passphraseEnv ? { passphraseEnv: o.passphraseEnv } : {}),
    ...(o.ca ? { caFile: o.ca } : {}),
    ...(o.insecure ? { insecure: true } : {}),
  };
  return mergeProfileTls(Object.keys(cli).length > 0 ? cli : undefined, profile);
}

/** What the kinds of a run (and of its dry run) are made with; `definitions` is filled once the IG is loaded. */
export function kindDeps(
  o: Pick<ConnectedRun, 'receive'>,
  profile: TlsProfile | undefined,
): FlowDeps & { tlsProfile?: TlsProfile; untrustedCertificate: typeof makeUntrustedCertificate } {
  return { tlsProfile: profile, untrustedCertificate: makeUntrustedCertificate, ...(o.receive ? { receive: o.receive } : {}) };
}

/** Lists the selected cases, or plays them against the endpoint and reports. */
export async function runConnected(ctx: CliContext, o: ConnectedRun): Promise<void> {
  const { io } = ctx;
  const profile = o.tlsProfile ? loadTlsProfile(o.tlsProfile) : undefined;
  // Kinds are needed to read the cahier; their definitions are filled once the IG is loaded.
  const deps = kindDeps(o, profile);
  const kinds: CaseKind[] = registeredKinds(deps);
  // The packages load (file reads, gunzip) while the cahier is read and checked.
  const structurePending = o.list ? undefined : settle(loadStructure({ ig: o.ig, packages: o.packages, env: io.env }));
  const prepared = prepareRun({ jddFiles: o.jddFiles, cahier: o.cahier, useCases: o.useCases, selection: o.selection, kinds });
  if (o.list) {
    listCases(ctx, prepared, o.report.lang);
    return;
  }
  const baseUrl = parseBaseUrl(o.baseUrl);
  const tls = tlsOptions(o.tls, profile);
  const http: HttpClientOptions = { timeoutMs: o.timeoutMs, env: io.env, ...(tls ? { tls } : {}) };
  const reporters = makeReporters(ctx, o.report, prepared.plan.selected.length);
  const pvInfo = o.pvInfo ? loadPvInfo(o.pvInfo) : undefined;
  const official = officialRunOptions(ctx, { ...o.official, lang: o.report.lang });
  const declarations = o.declarations ? loadDeclarations(o.declarations) : undefined;
  const structure = await unsettle(structurePending as Promise<Settled<StructureSetup>>);
  deps.definitions = structure.index;
  const notes: Message[] = [];
  if (o.tls.insecure) {
    const warning = o.report.lang === 'fr' ? `ATTENTION\u00a0: ${INSECURE_NOTE.fr}` : `WARNING: ${INSECURE_NOTE.en}`;
    io.stderr(ctx.color.bold.red(`${warning}\n`)); // in the run's language only
    notes.push(INSECURE_NOTE);
  }
  if (!structure.index) io.stderr(ctx.color.yellow(`${structure.notes[0][o.report.lang]}\n`));

  // From here Ctrl-C / SIGTERM keeps what was played: reports written, then exit 130 / 143.
  const interrupt = watchInterrupt((text) => io.stderr(ctx.color.yellow(text)));
  try {
    const run = await runAcceptance({
      prepared,
      baseUrl,
      now: o.now,
      http,
      kinds,
      structure,
      validate: validatorOf(structure),
      lang: o.report.lang,
      bail: o.bail,
      pvInfo,
      declarations,
      command: o.command,
      notes,
      strict: o.strict,
      displayPath: displayPathFrom(io.cwd),
      onCaseEnd: (c) => reporters.console?.onCaseEnd?.(c),
      runTimeoutMs: o.runTimeoutMs,
      onProgress: (p) => reporters.console?.onProgress?.(p),
      onNotice: (m) => io.stderr(ctx.color.yellow(noticeText(m, o.report.lang))),
      ...(official ? { official } : {}),
      interrupt: interrupt.signal,
    });
    await finishRun(ctx, run, reporters, o.report.format, interrupt);
  } finally {
    interrupt.dispose();
  }
}

/** The client certificate files (absolute paths) and TLS switches of the command line. */
export interface ClientTlsFiles {
  cert?: string;
  key?: string;
  passphraseEnv?: string;
  ca?: string;
  insecure?: boolean;
}

/** A connected run as the command line asks for it; every file path is absolute. */
export interface ConnectedRun {
  /** Checked only when the cases are played (`--list` needs none). */
  baseUrl?: string;
  jddFiles: string[];
  cahier: string[];
  useCases: UseCase[];
  selection: Omit<Selection, 'useCases'>;
  list?: boolean;
  bail?: boolean;
  tls: ClientTlsFiles;
  tlsProfile?: string;
  /** Flux V3: the SAS side the editor's software sends its appointments to (`--receive-*`). */
  receive?: ReceiveSettings;
  timeoutMs: number;
  /** `--run-timeout` in ms (none: no deadline). */
  runTimeoutMs?: number;
  now: Date;
  report: ReportSetup & { lang: Lang };
  ig: string;
  packages: string[];
  pvInfo?: string;
  declarations?: string;
  strict?: boolean;
  official: OfficialCliOptions;
  /** The command line as typed, for the PV. */
  command: string;
}
