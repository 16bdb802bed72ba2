/**
 * The demo once its test PKI is under way (demo-run.ts): reads the shipped cahier and JDDs, serves
 * the reference editor (HTTPS + mTLS from the PKI, or plain HTTP), runs the cahier against it and
 * writes the reports.
 */
import type { CaseKind } from '../cahier/kinds.js';
import type { Message } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import { settle, unsettle, type Settled } from '../core/settle.js';
import { DEFAULT_IG } from '../fhir/packages/index.js';
import type { HttpClientOptions } from '../http/types.js';
import { SHIPPED_JDD_FILES } from '../jdd/load-jdd.js';
import { startMockServer, type MockServer, type MockTlsOptions } from '../mock/server.js';
import { colon } from '../core/typography.js';
import { loadPvInfo } from '../report/pv-info.js';
import { displayPathFrom, makeReporters } from '../report/run-reporters.js';
import { OpensslMissingError, type TestPki } from '../transport/make-pki.js';
import { testPkiProfile, type TlsProfile } from '../transport/tls-profile.js';
import { makeUntrustedCertificate } from '../transport/untrusted-cert.js';
import { DEMO_NOTES, DEMO_PV_INFO } from './demo-notes.js';
import type { DemoRun } from './demo-run.js';
import { finishRun, officialRunOptions } from './finish-run.js';
import { watchInterrupt, type InterruptWatch } from './interrupt.js';
import { noticeText } from './preflight.js';
import { loadStructure, prepareRun } from './prepare.js';
import { registeredKinds } from './registered-kinds.js';
import { runAcceptance } from './run-acceptance.js';
import { validatorOf } from './structure-validator.js';
import type { FlowDeps, ReceiveSettings } from '../flows/index.js';
import type { Jdd } from '../jdd/types.js';

/** How the reference editor is reached: the mock's TLS options and the run's client side. */
interface Transport {
  note: Message;
  serverTls?: MockTlsOptions;
  clientTls?: HttpClientOptions['tls'];
  tlsProfile?: TlsProfile;
  /** Flux V3: the SAS side the run opens (the test PKI's server certificate, the PKI's CA for the editor's client certificate). */
  receive: ReceiveSettings;
}

/** The SAS side waits this long for the reference editor's appointments (they are sent at once). */
const DEMO_RECEIVE_WAIT_MS = 15_000;

/** HTTPS + mTLS from the test PKI, or plain HTTP when openssl is missing. Other openssl failures stop. */
function transportOf(pki: Settled<TestPki> | undefined): Transport {
  const plainReceive: ReceiveSettings = { host: '127.0.0.1', port: 0, waitMs: DEMO_RECEIVE_WAIT_MS };
  if (!pki) return { note: DEMO_NOTES.httpForced, receive: plainReceive };
  if (!pki.ok) {
    if (pki.error instanceof OpensslMissingError) return { note: DEMO_NOTES.opensslMissing, receive: plainReceive };
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
    receive: { ...plainReceive, tls: { certFile: p.serverCert, keyFile: p.serverKey, caFile: p.caCert } },
  };
}

/**
 * Points the JDDs' booking URLs at the reference editor's booking site (same path, the site's origin):
 * the editor builds Slot.comment from these objects and the run's JDD checks read the same ones.
 */
function rebaseBookingUrls(jdds: readonly Jdd[], bookingOrigin: string): Record<string, string> {
  for (const jdd of jdds) jdd.bookingBaseUrl = new URL(new URL(jdd.bookingBaseUrl).pathname, bookingOrigin).href;
  return Object.fromEntries(jdds.map((j) => [j.id, j.bookingBaseUrl]));
}

/** Plays the demo; the PKI (undefined with `--http`) is awaited when the editor is about to start. */
export async function playDemo(ctx: CliContext, o: DemoRun, pkiPending: Promise<Settled<TestPki>> | undefined): Promise<void> {
  const { io } = ctx;
  const { defects, timeoutMs, report } = o;
  const pvInfo = o.pvInfo ? loadPvInfo(o.pvInfo) : DEMO_PV_INFO;
  let server: MockServer | undefined;
  let interrupt: InterruptWatch | undefined;
  try {
    const deps: FlowDeps & { tlsProfile?: TlsProfile; untrustedCertificate: typeof makeUntrustedCertificate } = {
      untrustedCertificate: makeUntrustedCertificate,
    };
    const kinds: CaseKind[] = registeredKinds(deps);
    const structurePending = settle(loadStructure({ ig: DEFAULT_IG, env: io.env }));
    const prepared = prepareRun({ jddFiles: [...SHIPPED_JDD_FILES], selection: {}, kinds });
    const reporters = makeReporters(ctx, report, prepared.plan.selected.length);
    const transport = transportOf(pkiPending ? await pkiPending : undefined);
    deps.tlsProfile = transport.tlsProfile;
    deps.receive = transport.receive;
    if (!transport.serverTls) io.stderr(ctx.color.yellow(`${transport.note[report.lang]}\n`));

    server = await startMockServer({ jdd: prepared.jdds, defects, ...(transport.serverTls ? { tls: transport.serverTls } : {}) });
    const bookingBaseUrls = rebaseBookingUrls(prepared.jdds, server.bookingOrigin);
    // flux V3: the reference editor's software sends its appointments to the SAS side the case opens
    const editor = server;
    const clientTls = transport.clientTls;
    deps.sendAppointments = async (url) => {
      await editor.sendAppointments({
        url,
        ...(clientTls?.certFile && clientTls.keyFile
          ? { tls: { certFile: clientTls.certFile, keyFile: clientTls.keyFile, caFile: clientTls.caFile } }
          : {}),
      });
    };
    const structure = await unsettle(structurePending);
    deps.definitions = structure.index;
    if (!structure.index) io.stderr(ctx.color.yellow(`${structure.notes[0][report.lang]}\n`));

    // In the run's language only, like the rest of the console.
    const say = report.format === 'json' ? io.stderr : io.stdout;
    const fr = report.lang === 'fr';
    const mode = transport.serverTls ? ` (HTTPS, mTLS, ${fr ? 'PKI de test' : 'test PKI'})` : '';
    const shown = defects.length ? ` (${fr ? 'défauts' : 'defects'}${colon(report.lang)} ${defects.join(', ')})` : '';
    say(ctx.color.dim(`${fr ? 'Éditeur de référence' : 'Reference editor'}${colon(report.lang)} ${server.url}${mode}${shown}\n\n`));
    // From here Ctrl-C / SIGTERM keeps what was played: reports written, then exit 130 / 143.
    interrupt = watchInterrupt((text) => io.stderr(ctx.color.yellow(text)));
    const run = await runAcceptance({
      bookingBaseUrls,
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
    interrupt?.dispose();
  }
}
