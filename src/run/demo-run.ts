/**
 * `sas-recette demo`, from already parsed options: starts the reference editor on loopback with the
 * shipped JDDs, runs the shipped cahier de recette against it and writes the reports. Like a real SAS
 * editor, the reference editor is served over HTTPS with mutual TLS: a throw-away test PKI (CA, server,
 * client, negative certificates, CRL) is made with openssl in a temporary folder, removed on every way
 * out. Without openssl, or with `--http`, it is served over plain HTTP and the mTLS/TLS cases are
 * skipped with their reason. Defects make the editor misbehave, to see the checks fail.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseKind } from '../cahier/kinds.js';
import type { Message } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import type { PvInfo } from '../core/model.js';
import { settle, unsettle, type Settled } from '../core/settle.js';
import { TOOL_VERSION } from '../core/version.js';
import { DEFAULT_IG } from '../fhir/packages/index.js';
import type { HttpClientOptions } from '../http/types.js';
import { SHIPPED_JDD_FILES } from '../jdd/load-jdd.js';
import type { DefectName } from '../mock/defects.js';
import { startMockServer, type MockServer, type MockTlsOptions } from '../mock/server.js';
import type { OfficialCliOptions } from '../official/cli-options.js';
import { guardProcessExit } from '../official/lifecycle.js';
import { loadPvInfo } from '../report/pv-info.js';
import { displayPathFrom, makeReporters, type ReportSetup } from '../report/run-reporters.js';
import { makePki, OpensslMissingError, type TestPki } from '../transport/make-pki.js';
import { testPkiProfile, type TlsProfile } from '../transport/tls-profile.js';
import { makeUntrustedCertificate } from '../transport/untrusted-cert.js';
import { finishRun, officialRunOptions } from './finish-run.js';
import { watchInterrupt, type InterruptWatch } from './interrupt.js';
import { noticeText } from './preflight.js';
import { loadStructure, prepareRun, type StructureSetup } from './prepare.js';
import { registeredKinds } from './registered-kinds.js';
import { runAcceptance } from './run-acceptance.js';
import { validatorOf } from './structure-validator.js';

/** The PV identification of the demo when no `--pv-info` is given. */
export const DEMO_PV_INFO: PvInfo = {
  editor: 'Éditeur de référence sas-recette (démonstration)',
  software: 'sas-recette mock',
  softwareVersion: TOOL_VERSION,
  environment: 'démonstration locale',
};

export const DEMO_NOTES = {
  mtls: {
    fr: "Démonstration : l'éditeur de référence est servi en HTTPS avec TLS mutuel, avec une autorité de test jetable générée pour cette exécution et supprimée à la fin (certificat serveur, certificat client, certificats à refuser, CRL).",
    en: 'Demo: the reference editor is served over HTTPS with mutual TLS, with a throw-away test CA made for this run and removed at its end (server certificate, client certificate, certificates to refuse, CRL).',
  },
  httpForced: {
    fr: 'Démonstration en HTTP simple (--http) : les contrôles de TLS mutuel et de versions TLS ne sont pas exécutés.',
    en: 'Demo over plain HTTP (--http): the mutual TLS and TLS version checks are not run.',
  },
  opensslMissing: {
    fr: 'openssl introuvable : la démonstration est faite en HTTP simple, sans certificats de test, et les contrôles de TLS mutuel et de versions TLS ne sont pas exécutés. Installer OpenSSL pour les voir.',
    en: 'openssl not found: the demo runs over plain HTTP, without test certificates, and the mutual TLS and TLS version checks are not run. Install OpenSSL to see them.',
  },
} satisfies Record<string, Message>;

/** How the reference editor is reached: the mock's TLS options and the run's client side. */
interface Transport {
  note: Message;
  serverTls?: MockTlsOptions;
  clientTls?: HttpClientOptions['tls'];
  tlsProfile?: TlsProfile;
}

/** HTTPS + mTLS from the test PKI, or plain HTTP when openssl is missing. Other openssl failures stop. */
function transportOf(pki: Settled<TestPki> | undefined): Transport {
  if (!pki) return { note: DEMO_NOTES.httpForced };
  if (!pki.ok) {
    if (pki.error instanceof OpensslMissingError) return { note: DEMO_NOTES.opensslMissing };
    throw pki.error;
  }
  const p = pki.value;
  return {
    note: DEMO_NOTES.mtls,
    serverTls: {
      certFile: p.serverCert,
      keyFile: p.serverKey,
      caFile: p.caCert,
      crlFile: p.crl,
      requestClientCert: true,
      minVersion: 'TLSv1.2',
      expectCn: p.subject.cn,
      expectOu: p.subject.ou,
    },
    clientTls: { certFile: p.clientCert, keyFile: p.clientKey, caFile: p.caCert },
    tlsProfile: testPkiProfile(p),
  };
}

/** Serves the reference editor, runs the shipped cahier against it, reports; cleans up on every way out. */
export async function runDemo(ctx: CliContext, o: DemoRun): Promise<void> {
  const { io } = ctx;
  const { defects, timeoutMs, report } = o;
  const pvInfo = o.pvInfo ? loadPvInfo(o.pvInfo) : DEMO_PV_INFO;

  // The test PKI (openssl processes) is made while the packages load and the cahier is read. Its
  // folder (under the command's TMPDIR) holds unencrypted test keys: removed at the end, on a signal
  // or on process exit.
  const pkiDir = o.http ? undefined : await mkdtemp(join(io.env.TMPDIR || tmpdir(), 'sas-recette-demo-'));
  const unguard = pkiDir ? guardProcessExit(() => rmSync(pkiDir, { recursive: true, force: true })) : undefined;
  const pkiPending = pkiDir ? settle(makePki({ dir: pkiDir, workParent: pkiDir, env: io.env })) : undefined;
  let server: MockServer | undefined;
  let interrupt: InterruptWatch | undefined;
  try {
    const deps: { definitions?: StructureSetup['index']; tlsProfile?: TlsProfile; untrustedCertificate: typeof makeUntrustedCertificate } =
      {
        untrustedCertificate: makeUntrustedCertificate,
      };
    const kinds: CaseKind[] = registeredKinds(deps);
    const structurePending = settle(loadStructure({ ig: DEFAULT_IG, env: io.env }));
    const prepared = prepareRun({ jddFiles: [...SHIPPED_JDD_FILES], selection: {}, kinds });
    const reporters = makeReporters(ctx, report, prepared.plan.selected.length);
    const transport = transportOf(pkiPending ? await pkiPending : undefined);
    deps.tlsProfile = transport.tlsProfile;
    if (!transport.serverTls) io.stderr(ctx.color.yellow(`${transport.note[report.lang]}\n`));

    server = await startMockServer({ jdd: prepared.jdds, defects, ...(transport.serverTls ? { tls: transport.serverTls } : {}) });
    const structure = await unsettle(structurePending);
    deps.definitions = structure.index;
    if (!structure.index) io.stderr(ctx.color.yellow(`${structure.notes[0][report.lang]}\n`));

    const say = report.format === 'json' ? io.stderr : io.stdout;
    const mode = transport.serverTls ? ' (HTTPS, mTLS, test PKI / PKI de test)' : '';
    say(
      ctx.color.dim(
        `Reference editor / éditeur de référence: ${server.url}${mode}${defects.length ? ` (defects / défauts: ${defects.join(', ')})` : ''}\n\n`,
      ),
    );
    // From here Ctrl-C / SIGTERM keeps what was played: reports written, then exit 130 / 143.
    interrupt = watchInterrupt((text) => io.stderr(ctx.color.yellow(text)));
    const run = await runAcceptance({
      prepared,
      baseUrl: server.url,
      now: new Date(),
      http: { timeoutMs, env: io.env, ...(transport.clientTls ? { tls: transport.clientTls } : {}) },
      kinds,
      structure,
      validate: validatorOf(structure),
      lang: report.lang,
      pvInfo,
      command: o.command,
      notes: [transport.note],
      strict: o.strict,
      displayPath: displayPathFrom(io.cwd),
      onCaseEnd: (c) => reporters.console?.onCaseEnd?.(c),
      runTimeoutMs: o.runTimeoutMs,
      onProgress: (p) => reporters.console?.onProgress?.(p),
      onNotice: (m) => io.stderr(ctx.color.yellow(noticeText(m, report.lang))),
      official: officialRunOptions(ctx, { ...o.official, lang: report.lang }), // --official-validator: passes through like run
      interrupt: interrupt.signal,
    });
    await finishRun(ctx, run, reporters, report.format, interrupt);
  } finally {
    await server?.close();
    // Wait for openssl to finish before removing its output folder (an early setup error lands here).
    await pkiPending;
    if (pkiDir) await rm(pkiDir, { recursive: true, force: true });
    unguard?.();
    interrupt?.dispose();
  }
}

/** A demo as the command line asks for it; file paths are absolute. */
export interface DemoRun {
  defects: DefectName[];
  timeoutMs: number;
  /** `--run-timeout` in ms (none: no deadline). */
  runTimeoutMs?: number;
  report: ReportSetup;
  /** `--http`: plain HTTP, no test PKI. */
  http?: boolean;
  pvInfo?: string;
  strict?: boolean;
  official: OfficialCliOptions;
  /** The command line as typed, for the PV. */
  command: string;
}
