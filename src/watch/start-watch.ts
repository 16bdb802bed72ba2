/**
 * `sas-recette watch` from parsed options: everything is read and checked before the first request
 * (JDDs, cahier, the IG — required: a probe's verdict always includes the structure —, the client
 * certificate, the history file), then the probes run on their schedule, one line each on stdout,
 * and the summary ends the watch. Exit: `--once` 0 passed, 1 anything else; the long mode 0 at the
 * end of `--for`, 130 / 143 when stopped by Ctrl-C / SIGTERM; 2 setup problems.
 */
import { isAbsolute, relative } from 'node:path';
import { SetupError } from '../core/errors.js';
import type { Lang } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import type { UseCase } from '../core/model.js';
import { parseBaseUrl } from '../core/parse-values.js';
import { createHttpClient } from '../http/client.js';
import type { HttpClientOptions, TlsClientOptions } from '../http/types.js';
import type { SignalProcess } from '../run/interrupt.js';
import { loadStructure, packagesMissingNote, prepareRun } from '../run/prepare.js';
import { registeredKinds } from '../run/registered-kinds.js';
import { terminalSafe } from '../report/terminal.js';
import { makeUntrustedCertificate } from '../transport/untrusted-cert.js';
import { checkHistoryFile } from './history-file.js';
import { runProbe, type ProbeSetup } from './probe.js';
import { probeCases } from './probe-cases.js';
import { realScheduler, type Scheduler } from './scheduler.js';
import { listenForStop } from './stop-signals.js';
import { backoffLine, humanPeriod, probeLine, summaryText } from './watch-console.js';
import { watchLoop, type WatchSchedule } from './watch-loop.js';

/** A watch as the command line asks for it; file paths are absolute. */
export interface WatchRequest {
  baseUrl?: string;
  jddFiles: string[];
  cahier: string[];
  useCases: UseCase[];
  history?: string;
  schedule: WatchSchedule;
  tls: { cert?: string; key?: string; passphraseEnv?: string; ca?: string };
  timeoutMs: number;
  ig: string;
  packages: string[];
  lang: Lang;
}

/** What tests replace: the clock and sleep, and the process's signals. */
export interface WatchDeps {
  scheduler?: Scheduler;
  signals?: SignalProcess;
}

function tlsOptions(o: WatchRequest['tls']): TlsClientOptions | undefined {
  if ((o.cert === undefined) !== (o.key === undefined))
    throw new SetupError({ fr: '--cert et --key vont ensemble', en: '--cert and --key go together' });
  const tls: TlsClientOptions = {
    ...(o.cert ? { certFile: o.cert, keyFile: o.key } : {}),
    ...(o.passphraseEnv ? { passphraseEnv: o.passphraseEnv } : {}),
    ...(o.ca ? { caFile: o.ca } : {}),
  };
  return Object.keys(tls).length > 0 ? tls : undefined;
}

function requireHistory(file: string | undefined): string {
  if (file) return file;
  throw new SetupError(
    { fr: '--history est obligatoire', en: '--history is required' },
    {
      fr: 'indiquer le fichier où ajouter les relevés, par exemple --history vsr/history.jsonl',
      en: 'give the file the probes are appended to, e.g. --history vsr/history.jsonl',
    },
  );
}

/** Reads and checks everything the probes need; nothing is sent yet. */
async function setUp(ctx: CliContext, o: WatchRequest, scheduler: Scheduler): Promise<ProbeSetup> {
  const historyFile = requireHistory(o.history);
  const baseUrl = parseBaseUrl(o.baseUrl);
  const structurePending = loadStructure({ ig: o.ig, packages: o.packages, env: ctx.io.env });
  const prepared = prepareRun({
    jddFiles: o.jddFiles,
    cahier: o.cahier,
    useCases: o.useCases,
    selection: {},
    kinds: registeredKinds({ untrustedCertificate: makeUntrustedCertificate }),
  });
  const cases = probeCases(prepared.plan.selected, prepared.useCases);
  const structure = await structurePending;
  if (!structure.index)
    throw new SetupError(packagesMissingNote(o.ig, o.packages.length > 0 ? o.packages : ['SAS_RECETTE_PACKAGES', '~/.fhir/packages']), {
      fr: 'une sonde juge aussi la structure (profils de l’IG)\u00a0: donner les paquets FHIR avec --packages',
      en: 'a probe also judges the structure (IG profiles): give the FHIR packages with --packages',
    });
  const tls = tlsOptions(o.tls);
  const http: HttpClientOptions = { timeoutMs: o.timeoutMs, env: ctx.io.env, ...(tls ? { tls } : {}) };
  await createHttpClient(http).close(); // certificate, key and passphrase checked now (exit 2), not at the first probe
  checkHistoryFile(historyFile, shownPath(ctx.io.cwd, historyFile));
  return { baseUrl, cases, jddFor: prepared.jddFor, http, structure, lang: o.lang, historyFile, scheduler };
}

/** The history as the user named it: relative to the working folder when inside it, else absolute. */
function shownPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function startLine(setup: ProbeSetup, o: WatchRequest, shown: string): string {
  const ids = setup.cases.map((c) => c.id).join(', ');
  const { lang } = o;
  const when = o.schedule.once
    ? lang === 'fr'
      ? 'une sonde'
      : 'one probe'
    : lang === 'fr'
      ? `toutes les ${humanPeriod(o.schedule.everyMs, lang)} pendant ${humanPeriod(o.schedule.forMs, lang)}`
      : `every ${humanPeriod(o.schedule.everyMs, lang)} for ${humanPeriod(o.schedule.forMs, lang)}`;
  const text =
    lang === 'fr'
      ? `sas-recette watch ${setup.baseUrl} — ${when}\u00a0; contrôles\u00a0: ${ids}\u00a0; historique\u00a0: ${shown}`
      : `sas-recette watch ${setup.baseUrl} — ${when}; checks: ${ids}; history: ${shown}`;
  return `${terminalSafe(text)}\n`;
}

export async function startWatch(ctx: CliContext, o: WatchRequest, deps: WatchDeps = {}): Promise<void> {
  const scheduler = deps.scheduler ?? realScheduler;
  const setup = await setUp(ctx, o, scheduler);
  const shown = shownPath(ctx.io.cwd, setup.historyFile);
  ctx.io.stderr(startLine(setup, o, shown));
  const stop = listenForStop((m) => ctx.io.stderr(ctx.color.yellow(`\n${m[o.lang]}\n`)), deps.signals);
  try {
    const result = await watchLoop({
      schedule: o.schedule,
      scheduler,
      stop: stop.signal,
      probe: async () => (await runProbe(setup)).record,
      onProbe: (record, next) => {
        ctx.io.stdout(probeLine(record, o.lang));
        if (next && next.factor > 1) ctx.io.stdout(backoffLine(next.waitMs, next.factor, o.lang));
      },
    });
    if (!o.schedule.once || result.stopped) ctx.io.stdout(summaryText(result.records, shown, o.lang));
    const interrupted = result.stopped ? stop.exitCode() : undefined;
    if (interrupted !== undefined) ctx.setExitCode(interrupted);
    else if (o.schedule.once) ctx.setExitCode(result.records[0]?.verdict === 'passed' ? 0 : 1);
    else ctx.setExitCode(0);
  } finally {
    stop.dispose();
  }
}
