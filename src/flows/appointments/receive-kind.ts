/**
 * Case kind `appointment-receive` (flux V3): opens the SAS side (`deps.receive`) for the case's flavour
 * (SOS: sas-sos-appointment; PS and CPTS: FrAppointmentSAS), lets the editor's software send —
 * the reference editor's sender when `deps.sendAppointments` is given (demo, tests), else the operator
 * books then modifies an appointment in the software while the case waits up to `receive.waitMs` — and
 * judges what arrived (judge-session.ts). The case's exchanges are the requests received.
 */
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import type { CaseKind, KindEnv, KindOutcome } from '../../cahier/kinds.js';
import type { TestCase } from '../../cahier/types.js';
import type { FlowDeps, FlowSession } from '../context.js';
import type { AppointmentFlavour } from './appointment-ids.js';
import { judgeSession } from './judge-session.js';
import { startReceiveServer, type ReceiveServer } from './receive-server.js';
import { monotonicMs } from '../../core/clock.js';

export const APPOINTMENT_RECEIVE = 'appointment-receive';

/** Waiting for a real editor ends early this long after its last request, once a created appointment got an update. */
export const QUIET_AFTER_UPDATE_MS = 10_000;
const POLL_MS = 100;

const NO_RECEIVE: Message = {
  fr: 'le flux V3 a besoin du côté SAS\u00a0: donner --receive-cert, --receive-key et --receive-ca (certificat du côté SAS, sa clé, AC des certificats clients de l’éditeur)',
  en: "flux V3 needs the SAS side: give --receive-cert, --receive-key and --receive-ca (the SAS side's certificate, its key, the CA of the editor's client certificates)",
};

const STOPPED: Message = {
  fr: "la recette s'est arrêtée (échéance atteinte) avant qu'un rendez-vous n'arrive",
  en: 'the run stopped (deadline reached) before any appointment arrived',
};

function flavourOf(tc: TestCase): AppointmentFlavour {
  return tc.useCase === 'sos' ? 'sos-appointment' : 'appointment';
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A create and a conditional update received, and nothing new for a while: a real editor is done. */
function settled(server: ReceiveServer, now: number, lastCount: { n: number; at: number }): boolean {
  const got = server.received();
  if (got.length !== lastCount.n) {
    lastCount.n = got.length;
    lastCount.at = now;
    return false;
  }
  const methods = new Set(got.map((x) => x.request.method));
  return methods.has('POST') && methods.has('PUT') && now - lastCount.at >= QUIET_AFTER_UPDATE_MS;
}

/** Lets the editor send; resolves when it is done (sender returned, quiet after an update), at waitMs, or on abort. */
async function letEditorSend(
  server: ReceiveServer,
  waitMs: number,
  env: KindEnv,
  send: FlowDeps['sendAppointments'],
): Promise<{ waitedMs: number; senderError?: string }> {
  const started = monotonicMs();
  const elapsed = (): number => monotonicMs() - started;
  if (send) {
    let senderError: string | undefined;
    const sending = send(server.url).catch((err: unknown) => {
      senderError = (err as Error)?.message ?? String(err);
    });
    // the wait is cancelled once the sender is done: a pending timer would keep the process alive
    const done = new AbortController();
    try {
      await Promise.race([sending, sleep(waitMs, env.signal ? AbortSignal.any([done.signal, env.signal]) : done.signal)]);
    } finally {
      done.abort();
    }
    return { waitedMs: elapsed(), ...(senderError ? { senderError } : {}) };
  }
  const seconds = Math.round(waitMs / 1000);
  env.progress?.({
    fr: `en attente des rendez-vous sur ${server.url} (jusqu'à ${seconds}\u00a0s)\u00a0: prendre puis modifier ou annuler un rendez-vous dans le logiciel`,
    en: `waiting for appointments on ${server.url} (up to ${seconds} s): book, then modify or cancel, an appointment in the software`,
  });
  const last = { n: 0, at: 0 };
  while (elapsed() < waitMs && !env.signal?.aborted && !settled(server, elapsed(), last)) {
    await sleep(Math.min(POLL_MS, Math.max(0, waitMs - elapsed())), env.signal);
  }
  return { waitedMs: elapsed() };
}

async function runReceive(tc: TestCase, env: KindEnv, deps: FlowDeps, session: FlowSession): Promise<KindOutcome> {
  const settings = deps.receive;
  if (!settings) return { exchanges: [], findings: [], skip: NO_RECEIVE };
  if (env.signal?.aborted) return { exchanges: [], findings: [], harnessFault: STOPPED };
  const flavour = flavourOf(tc);
  let server: ReceiveServer;
  let count = 0;
  try {
    server = await startReceiveServer({
      ...settings,
      flavour,
      portOption: '--receive-port',
      ...(deps.definitions ? { index: deps.definitions } : {}),
      onExchange: (x) => {
        count++;
        env.progress?.({
          fr: `${count} requête(s) reçue(s) par le côté SAS (dernière\u00a0: ${x.request.method} ${x.response?.status ?? x.outcome})`,
          en: `${count} request(s) received by the SAS side (last: ${x.request.method} ${x.response?.status ?? x.outcome})`,
        });
      },
    });
  } catch (err) {
    if (err instanceof SetupError) return { exchanges: [], findings: [], harnessFault: err.problem };
    throw err;
  }
  try {
    const { waitedMs, senderError } = await letEditorSend(server, settings.waitMs, env, deps.sendAppointments);
    const exchanges = server.received();
    if (exchanges.length === 0 && env.signal?.aborted) return { exchanges, findings: [], harnessFault: STOPPED };
    const operators = session.regulators.map((r) => `${r.system}|${r.value}`);
    const findings = judgeSession({
      exchanges,
      flavour,
      url: server.url,
      waitedMs,
      ...(deps.definitions ? { index: deps.definitions } : {}),
      ...(operators.length > 0 ? { knownOperators: [...new Set(operators)] } : {}),
      tls: server.mutualTls ? 'mutual' : settings.tls ? 'server-only' : 'plain',
      refused: server.refused?.() ?? [],
      ...(senderError ? { senderError } : {}),
    });
    return { exchanges, findings };
  } finally {
    await server.close();
  }
}

export function appointmentReceiveKind(deps: FlowDeps, session: FlowSession): CaseKind {
  return {
    kind: APPOINTMENT_RECEIVE,
    plan: (_tc, _env) => {
      const r = deps.receive;
      if (!r) return { steps: [], skip: NO_RECEIVE };
      const where = `${r.tls ? 'https' : 'http'}://${r.host}:${r.port === 0 ? '<port libre / free port>' : r.port}`;
      const secs = Math.round(r.waitMs / 1000);
      return {
        steps: [
          {
            note: {
              fr: `aucune requête envoyée\u00a0: le côté SAS écoute sur ${where}${r.tls?.caFile ? ' (mTLS)' : ''} et attend jusqu'à ${secs} s les rendez-vous que le logiciel de l'éditeur envoie (création puis mise à jour)`,
              en: `no request sent: the SAS side listens on ${where}${r.tls?.caFile ? ' (mTLS)' : ''} and waits up to ${secs} s for the appointments the editor's software sends (create, then update)`,
            },
          },
        ],
      };
    },
    paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
    run: (tc, env) => runReceive(tc, env, deps, session),
  };
}
