/**
 * The work of `sas-recette receive` (declared in src/cli/commands/receive.ts): checks the options and the
 * output folder, loads the IG, opens the SAS side of flux V3 (src/flows/appointments/receive-server.ts),
 * prints the URL to configure and one line per request with its verdict, and on Ctrl-C / SIGTERM or after
 * `--for` the summary, and writes received.json. The verdicts are the session judge's
 * (src/validate/received-session.ts over src/flows/appointments/judge-session.ts: the verdict of the
 * flux-v3 case of a run). Nothing received is lost on a stop: the file is written from what the server
 * recorded. Exit 0 when the session is conform, 1 otherwise (nothing received included: nothing was
 * verified), 2 when it cannot start.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import { textOf, type Finding, type Lang, type Message } from '../../core/findings.js';
import type { Exchange } from '../../core/model.js';
import { parseDuration } from '../../core/parse-values.js';
import { colon, NBSP } from '../../core/typography.js';
import { TOOL_VERSION } from '../../core/version.js';
import { defaultPackageSources, definitionsCacheDir, loadDefinitions } from '../../fhir/packages/index.js';
import { startReceiveServer, type ReceiveServer, type RefusedConnection } from '../../flows/appointments/receive-server.js';
import type { ReceiveSettings } from '../../flows/context.js';
import { countsText, findingLine } from '../../report/finding-line.js';
import { redactExchange } from '../../report/redact.js';
import { checkOutDir } from '../../report/run-folder.js';
import { terminalSafe } from '../../report/terminal.js';
import { toJsonReport, type JsonIssue, type JsonReport } from '../../report/validation/json.js';
import { writeOutput } from '../../report/write-output.js';
import {
  judgeLatestRequest,
  judgeReceivedSession,
  profileLoaded,
  requireIg,
  type ReceivedRequestVerdict,
  type ReceivedSessionInput,
  type ReceivedSessionVerdict,
  type ReceivedSummary,
} from '../../validate/index.js';
import type { ReceiveOptions } from '../commands/receive.js';
import type { CliRunContext } from '../run-lang.js';
import { monotonicMs } from '../../core/clock.js';

/** Name of the session file written into `--output`. */
export const RECEIVED_FILE = 'received.json';

type TlsMode = ReceivedSessionInput['tls'];
type StopReason = 'SIGINT' | 'SIGTERM' | 'time';

const W = {
  fr: {
    title: 'côté SAS du flux V3',
    configure: 'URL à configurer dans le logiciel de l’éditeur',
    profile: 'profil appliqué',
    tls: { mutual: 'TLS mutuel\u00a0: certificat client exigé', 'server-only': 'TLS sans certificat client', plain: 'HTTP sans TLS' },
    noTls: `HTTP sans TLS${NBSP}: pour une répétition seulement, pas valable pour une recette (le SAS exige le TLS mutuel, sas-v3@3)${NBSP}; donner --cert et --key`,
    noMtls: `certificat client non exigé${NBSP}: le TLS mutuel (sas-v3@3) n'est pas vérifié${NBSP}; donner --ca`,
    until: (d?: string) => (d ? `arrêt dans ${d}, ou Ctrl-C` : 'Ctrl-C pour arrêter'),
    conform: 'conforme',
    notConform: 'NON CONFORME',
    other: 'hors flux V3',
    noAnswer: 'sans réponse',
    session: 'session',
    stopped: { SIGINT: 'arrêté (Ctrl-C)', SIGTERM: 'arrêté (SIGTERM)', time: 'arrêté (fin de --for)' },
    received: (n: number) => `${n} requête${n > 1 ? 's' : ''} reçue${n > 1 ? 's' : ''}`,
    judged: (s: ReceivedSummary) =>
      `rendez-vous jugés${NBSP}: ${s.judged} — ${s.conform} conforme${s.conform > 1 ? 's' : ''}, ${s.notConform} non conforme${s.notConform > 1 ? 's' : ''}${s.other ? `${NBSP}; autres requêtes${NBSP}: ${s.other}` : ''}`,
    refused: (n: number, reasons: string) =>
      `${n} connexion${n > 1 ? 's' : ''} refusée${n > 1 ? 's' : ''} avant toute requête (${reasons})`,
    valid: 'CONFORME',
    invalid: 'NON CONFORME',
    written: 'écrit',
  },
  en: {
    title: "SAS's side of flux V3",
    configure: "URL to configure in the editor's software",
    profile: 'profile applied',
    tls: { mutual: 'mutual TLS: client certificate required', 'server-only': 'TLS without client certificate', plain: 'HTTP without TLS' },
    noTls: 'HTTP without TLS: for a rehearsal only, not valid for acceptance (SAS requires mutual TLS, sas-v3@3); give --cert and --key',
    noMtls: 'client certificate not required: mutual TLS (sas-v3@3) is not checked; give --ca',
    until: (d?: string) => (d ? `stops in ${d}, or Ctrl-C` : 'Ctrl-C to stop'),
    conform: 'conform',
    notConform: 'NOT CONFORM',
    other: 'outside flux V3',
    noAnswer: 'no answer',
    session: 'session',
    stopped: { SIGINT: 'stopped (Ctrl-C)', SIGTERM: 'stopped (SIGTERM)', time: 'stopped (end of --for)' },
    received: (n: number) => `${n} request${n === 1 ? '' : 's'} received`,
    judged: (s: ReceivedSummary) =>
      `appointments judged: ${s.judged} — ${s.conform} conform, ${s.notConform} not conform${s.other ? `; other requests: ${s.other}` : ''}`,
    refused: (n: number, reasons: string) => `${n} connection${n === 1 ? '' : 's'} refused before any request (${reasons})`,
    valid: 'CONFORM',
    invalid: 'NOT CONFORM',
    written: 'written',
  },
} as const;

type Color = CliRunContext['color'];

export async function receiveAction(ctx: CliRunContext, opts: ReceiveOptions): Promise<void> {
  const { io, color, lang } = ctx;
  const w = W[lang];
  const c = colon(lang);
  const flavour = opts.useCase;
  const settings = receiveSettings(opts, io.cwd);
  const forMs = opts.for !== undefined ? parseDuration(opts.for, '--for') : undefined;
  const file = opts.output !== undefined ? prepareOutput(resolve(io.cwd, opts.output), opts.force === true) : undefined;
  const sources = opts.packages.length > 0 ? opts.packages.map((p) => resolve(io.cwd, p)) : defaultPackageSources(io.env);
  await requireIg(sources, opts.ig);
  const { index, warnings } = await loadDefinitions({ sources, ig: opts.ig, cache: definitionsCacheDir(io.env) ?? false });
  const ig = index.ig ? `${index.ig.id}#${index.ig.version}` : opts.ig;
  const tls: TlsMode = settings.tls ? (settings.tls.caFile ? 'mutual' : 'server-only') : 'plain';
  // in JSON the whole session goes to stdout at the end; what a person follows live goes to stderr
  const say = opts.format === 'json' ? io.stderr : io.stdout;

  const seen: Exchange[] = [];
  const shown = new Set<string>();
  let url = '';
  const started = monotonicMs();
  const sessionInput = (exchanges: readonly Exchange[], refused?: RefusedConnection[]): ReceivedSessionInput => ({
    exchanges,
    flavour,
    index,
    ig,
    url,
    tls,
    waitedMs: monotonicMs() - started,
    ...(refused ? { refused } : {}),
  });
  let server: ReceiveServer;
  try {
    server = await startReceiveServer({
      ...settings,
      flavour,
      index,
      portOption: '--port',
      onExchange: (e) => {
        seen.push(e);
        // the session so far judges this request (an update against the creates before it); if that
        // fails, the request is shown with the session's verdict at the end
        const verdict = judgeLatestRequest(sessionInput(seen));
        if (verdict) {
          shown.add(e.id);
          say(requestLines(verdict, lang, color));
        }
      },
    });
  } catch (err) {
    throw startError(err, settings);
  }
  url = server.url;
  const startedAt = new Date();
  const appointmentUrl = `${server.url.replace(/\/+$/, '')}/Appointment`;
  const tlsNote: Message | undefined =
    tls === 'plain' ? { fr: W.fr.noTls, en: W.en.noTls } : tls === 'server-only' ? { fr: W.fr.noMtls, en: W.en.noMtls } : undefined;
  const notes: Message[] = [...(tlsNote ? [tlsNote] : []), ...warnings];

  say(`${color.bold('sas-recette receive')}${c} ${w.title} (${flavour})\n`);
  say(`  ${w.configure}${c} ${color.cyan(appointmentUrl)}\n`);
  say(color.dim(`  ${w.profile}${c} ${profileLoaded(flavour, index)} · IG ${ig} · ${w.tls[tls]}\n`));
  if (tlsNote) say(`  ${color.yellow(textOf(tlsNote, lang))}\n`);
  for (const n of warnings) say(color.dim(`  note${c} ${terminalSafe(textOf(n, lang))}\n`));
  say(color.dim(`  ${w.until(opts.for)}\n`));

  let stop: Stop | undefined;
  try {
    stop = await untilStopped(forMs);
  } finally {
    await server.close();
  }
  try {
    const stoppedBy = stop.reason;
    // what the server recorded is the record: the verdict is the whole session's, and a request not yet shown is shown now
    const refused = server.refused?.() ?? [];
    const received = server.received();
    let verdict: ReceivedSessionVerdict;
    try {
      verdict = judgeReceivedSession(sessionInput(received, refused));
    } catch (err) {
      // a fault of ours while judging never costs the editor's session: its evidence is written first
      if (file) await writeOutput(file, `${JSON.stringify(unjudgedDocument(received, err), null, 2)}\n`);
      throw err;
    }
    for (const r of verdict.requests) if (!shown.has(r.exchange.id)) say(requestLines(r, lang, color));
    const document = sessionDocument({
      verdict,
      flavour,
      ig,
      url: server.url,
      appointmentUrl,
      tls,
      startedAt,
      stoppedBy,
      notes,
      refused,
      lang,
      index,
    });
    if (file) await writeOutput(file, `${JSON.stringify(document, null, 2)}\n`);
    say(summaryLines(verdict.summary, verdict.session, refused, stoppedBy, file ? relative(io.cwd, file) || file : undefined, lang, color));
    if (opts.format === 'json') io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    ctx.setExitCode(verdict.summary.valid ? 0 : 1);
  } finally {
    stop?.release();
  }
}

/** The SAS side's settings from the command line (files resolved against `cwd`). */
function receiveSettings(opts: ReceiveOptions, cwd: string): ReceiveSettings {
  if ((opts.cert === undefined) !== (opts.key === undefined))
    throw new SetupError({
      fr: '--cert et --key vont ensemble (certificat du côté SAS et sa clé)',
      en: '--cert and --key go together (certificate of the SAS side and its key)',
    });
  if (opts.ca !== undefined && opts.cert === undefined)
    throw new SetupError({
      fr: '--ca (TLS mutuel) demande HTTPS\u00a0: donner aussi --cert et --key',
      en: '--ca (mutual TLS) needs HTTPS: give --cert and --key too',
    });
  return {
    host: opts.host,
    port: Number(opts.port),
    // the wait of a run's flux-v3 case; `receive` waits for a signal or --for instead
    waitMs: 0,
    ...(opts.cert && opts.key
      ? {
          tls: {
            certFile: resolve(cwd, opts.cert),
            keyFile: resolve(cwd, opts.key),
            ...(opts.ca ? { caFile: resolve(cwd, opts.ca) } : {}),
          },
        }
      : {}),
  };
}

/**
 * `--output DIR`: the folder must be usable before the session starts (a session is not replayable), and
 * a received.json already there is never replaced without `--force` (as `certs make` does).
 */
function prepareOutput(dir: string, force: boolean): string {
  checkOutDir(dir, '--output');
  const file = join(dir, RECEIVED_FILE);
  if (existsSync(file) && !force)
    throw new SetupError(
      { fr: `${file} existe déjà (une session précédente)`, en: `${file} already exists (a previous session)` },
      {
        fr: 'choisir un autre dossier --output, ou ajouter --force pour le remplacer',
        en: 'choose another --output folder, or add --force to replace it',
      },
    );
  return file;
}

/** A failure to open the SAS side, said as a setup problem (exit 2) naming this command's options, never as a stack trace. */
function startError(err: unknown, settings: ReceiveSettings): SetupError {
  // a port in use, an unreadable certificate: already said by the SAS side, with this command's --port
  if (err instanceof SetupError) return err;
  const e = err as NodeJS.ErrnoException;
  const reason = e?.code ?? e?.message ?? String(err);
  return new SetupError(
    { fr: `le côté SAS du flux V3 n'a pas pu démarrer\u00a0: ${reason}`, en: `the SAS side of flux V3 could not start: ${reason}` },
    settings.tls
      ? {
          fr: 'vérifier --host, --port, --cert, --key et --ca (fichiers PEM lisibles)',
          en: 'check --host, --port, --cert, --key and --ca (readable PEM files)',
        }
      : { fr: 'vérifier --host et --port', en: 'check --host and --port' },
  );
}

interface Stop {
  reason: StopReason;
  /** Stops holding SIGINT / SIGTERM (a second Ctrl-C while received.json is written is ignored until then). */
  release: () => void;
}

/** Resolves on the first SIGINT or SIGTERM, or once `forMs` has passed; later signals are held until `release`. */
function untilStopped(forMs: number | undefined): Promise<Stop> {
  return new Promise((done) => {
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const release = (): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
    const stop = (reason: StopReason): void => {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      done({ reason, release });
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    if (forMs !== undefined) timer = setTimeout(() => stop('time'), forMs);
  });
}

/** received.json when judging failed: the evidence, and why there is no verdict. */
function unjudgedDocument(received: readonly Exchange[], err: unknown): Record<string, unknown> {
  return {
    tool: 'sas-recette receive',
    version: TOOL_VERSION,
    valid: false,
    error: `internal error while judging: ${(err as Error)?.message ?? String(err)}`,
    requests: received.map((x) => ({ label: x.label, exchange: redactExchange(x) })),
  };
}

/** Errors, fatal findings and warnings (information stays in received.json), one row each. */
const rows = (findings: readonly Finding[], lang: Lang, color: Color): string[] =>
  findings.filter((f) => f.severity !== 'information').map((f) => `  ${findingLine(f, { lang, color })}`);

/** `  14:00:03  POST /appointment/fhir/Appointment → 201  ✓ conform — 0 errors, 1 warning`, then its findings. */
function requestLines(r: ReceivedRequestVerdict, lang: Lang, color: Color): string {
  const w = W[lang];
  const at = new Date(r.exchange.startedAt);
  const time = Number.isNaN(at.getTime()) ? '' : at.toTimeString().slice(0, 8); // local time, as the operator's clock
  const status = r.status !== undefined ? String(r.status) : w.noAnswer;
  const head = `  ${color.dim(time)}  ${terminalSafe(`${r.method} ${r.path}`)} → ${status}`;
  const counts = countsText(r.report.counts, lang).join(', ');
  const verdict = !r.judged
    ? color.yellow(w.other)
    : r.report.valid
      ? `${color.green(`✓ ${w.conform}`)} — ${counts}`
      : `${color.red.bold(`✗ ${w.notConform}`)} — ${counts}`;
  return `${[`${head}  ${verdict}`, ...rows(r.report.findings, lang, color)].join('\n')}\n`;
}

function summaryLines(
  s: ReceivedSummary,
  session: readonly Finding[],
  refused: readonly RefusedConnection[],
  stoppedBy: StopReason,
  file: string | undefined,
  lang: Lang,
  color: Color,
): string {
  const w = W[lang];
  const c = colon(lang);
  const reasons = [...new Set(refused.map((r) => r.reason))].slice(0, 3).join(', ');
  const lines = [
    '',
    `${color.bold('sas-recette receive')}${c} ${w.stopped[stoppedBy]} — ${w.received(s.received)}`,
    `  ${w.judged(s)}`,
    ...(refused.length > 0 ? [`  ${color.yellow(w.refused(refused.length, terminalSafe(reasons)))}`] : []),
    ...(session.some((f) => f.severity !== 'information') ? [`  ${w.session}${c}`, ...rows(session, lang, color)] : []),
    ...(file ? [`  ${w.written}${c} ${terminalSafe(file)}`] : []),
    s.valid ? color.green.bold(`✓ ${w.valid}`) : color.red.bold(`✗ ${w.invalid}`),
  ];
  return `${lines.join('\n')}\n`;
}

interface SessionDocumentInput {
  verdict: ReturnType<typeof judgeReceivedSession>;
  flavour: ReceiveOptions['useCase'];
  ig: string;
  url: string;
  appointmentUrl: string;
  tls: TlsMode;
  startedAt: Date;
  stoppedBy: StopReason;
  notes: Message[];
  refused: readonly RefusedConnection[];
  lang: Lang;
  index: Parameters<typeof profileLoaded>[1];
}

/** What received.json holds (and `--format json` prints): the session's verdict, then every request with its own. */
export interface ReceivedDocument {
  tool: string;
  version: string;
  valid: boolean;
  useCase: string;
  /** The profile the appointments were judged against, `canonical|version` as loaded. */
  profile: string;
  ig: string;
  url: string;
  appointmentUrl: string;
  tls: TlsMode;
  startedAt: string;
  endedAt: string;
  stoppedBy: StopReason;
  summary: ReceivedSummary;
  notes: string[];
  /** Findings on the session as a whole (nothing or no update received, client certificates). */
  session: JsonIssue[];
  requests: { label: string; judged: boolean; exchange: Exchange; judgement: JsonReport }[];
  refusedConnections: RefusedConnection[];
}

function sessionDocument(d: SessionDocumentInput): ReceivedDocument {
  const whole = toJsonReport(d.verdict.report, d.lang);
  const onSession = new Set(d.verdict.session);
  return {
    tool: 'sas-recette receive',
    version: TOOL_VERSION,
    valid: d.verdict.summary.valid,
    useCase: d.flavour,
    profile: profileLoaded(d.flavour, d.index),
    ig: d.ig,
    url: d.url,
    appointmentUrl: d.appointmentUrl,
    tls: d.tls,
    startedAt: d.startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    stoppedBy: d.stoppedBy,
    summary: d.verdict.summary,
    notes: d.notes.map((n) => textOf(n, d.lang)),
    session: whole.issues.filter((_, i) => onSession.has(d.verdict.report.findings[i])),
    requests: d.verdict.requests.map((r) => ({
      label: r.label,
      judged: r.judged,
      exchange: redactExchange(r.exchange),
      judgement: toJsonReport(r.report, d.lang),
    })),
    refusedConnections: [...d.refused],
  };
}
