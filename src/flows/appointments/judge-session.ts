/**
 * Judging what the SAS side received in one flux-v3 session (sas-v3@1–@14): each POST / PUT body with
 * `judgeAppointment`, then the calls themselves — a create was received, updates are conditional PUTs
 * addressed by the identifier of an appointment created before and carrying the same identifier, the
 * same `identifier.system` in every message, no change sent by a second POST, and the editor's client
 * certificate (mTLS). Pure: the exchanges in, findings out, each located by its exchange
 * (`POST[1] Appointment.status`, `PUT[1] HTTP.request.url`).
 */
import { flowFinding } from '../context.js';
import type { Finding, Message } from '../../core/findings.js';
import type { Exchange } from '../../core/model.js';
import type { DefinitionIndex } from '../../fhir/packages/types.js';
import { APT, RECEIVE_BASE_PATH, V3, type AppointmentFlavour } from './appointment-ids.js';
import { identifierKey, parseToken } from './appointment-store.js';
import { shown as q } from './flow-finding.js';
import { judgeAppointment } from './judge-appointment.js';
import type { RefusedConnection } from './receive-server.js';

export interface SessionInput {
  exchanges: readonly Exchange[];
  flavour: AppointmentFlavour;
  /** Where the SAS side listened (for the messages). */
  url: string;
  waitedMs: number;
  index?: DefinitionIndex;
  knownOperators?: readonly string[];
  /** `mutual`: HTTPS requiring client certificates from a CA; `server-only`: HTTPS without; `plain`: HTTP. */
  tls: 'mutual' | 'server-only' | 'plain';
  refused?: readonly RefusedConnection[];
  /** Why the reference editor's sender failed, when it did (demo, tests). */
  senderError?: string;
}

type Call = 'create' | 'conditional-update' | 'update-by-id' | 'metadata' | 'other';

function callOf(x: Exchange, base: string): { call: Call; query: string } {
  let u: URL;
  try {
    u = new URL(x.request.url);
  } catch {
    return { call: 'other', query: '' };
  }
  const m = x.request.method;
  if (u.pathname === `${base}/Appointment`) {
    if (m === 'POST') return { call: 'create', query: u.search };
    if (m === 'PUT') return { call: 'conditional-update', query: u.search };
  }
  if (m === 'PUT' && /^\/Appointment\/[^/]+$/.test(u.pathname.slice(base.length)) && u.pathname.startsWith(base))
    return { call: 'update-by-id', query: u.search };
  if (m === 'GET' && u.pathname === `${base}/metadata`) return { call: 'metadata', query: '' };
  return { call: 'other', query: u.search };
}

/** The body as JSON, or why it is not readable as an Appointment payload. */
function bodyOf(x: Exchange): { json: unknown } | { problem: Message } {
  const status = x.response?.status;
  const body = x.request.body ?? '';
  if (status === 413)
    return {
      problem: {
        fr: 'corps de plus de 1\u00a0Mio\u00a0: un Appointment pèse quelques Kio, vérifier ce que le logiciel envoie',
        en: 'body over 1 MiB: an Appointment weighs a few KiB, check what the software sends',
      },
    };
  if (x.outcome !== 'ok')
    return {
      problem: {
        fr: `requête interrompue avant la fin du corps (${x.error?.message ?? x.outcome})`,
        en: `request cut before the end of its body (${x.error?.message ?? x.outcome})`,
      },
    };
  try {
    return { json: JSON.parse(body) as unknown };
  } catch (err) {
    const type = x.request.headers['content-type'] ?? '(absent)';
    const html = /html/i.test(type) || /^\s*</.test(body);
    return {
      problem: html
        ? {
            fr: `le corps est une page HTML (Content-Type ${type}), pas une ressource Appointment en JSON`,
            en: `the body is an HTML page (Content-Type ${type}), not an Appointment resource in JSON`,
          }
        : {
            fr: `le corps n'est pas du JSON (${(err as Error).message.slice(0, 120)}\u00a0; Content-Type ${type})`,
            en: `the body is not JSON (${(err as Error).message.slice(0, 120)}; Content-Type ${type})`,
          },
    };
  }
}

/**
 * An appointment's findings located by its exchange. Structural findings become `flow` ones here: for a
 * case they are the verdict on what the editor sent (the run's judge keeps `structure` findings only for
 * search cases that ask for them).
 */
function prefixed(label: string, findings: Finding[]): Finding[] {
  return findings.map((f) => ({
    ...f,
    location: `${label} ${f.location}`,
    ...(f.source === 'structure' ? { source: 'flow' as const } : {}),
  }));
}

/** The conditional update's address: its findings, and the key it targets. */
function updateAddress(label: string, query: string, bodyKey: string | undefined): { findings: Finding[]; target?: string } {
  const params = new URLSearchParams(query);
  const lower = params.get('identifier');
  const upper = params.get('Identifier');
  const token = lower ?? upper;
  const at = `${label} HTTP.request.url`;
  if (!token) {
    return {
      findings: [
        flowFinding(
          'error',
          APT.updateAddress,
          at,
          {
            fr: "PUT sans paramètre identifier\u00a0: une mise à jour est adressée par PUT [base]/Appointment?identifier=<system>|<value> du rendez-vous (l'exemple de l'IG écrit un PUT nu, que le tableau de l'API contredit)",
            en: "PUT without an identifier parameter: an update is addressed by PUT [base]/Appointment?identifier=<system>|<value> of the appointment (the IG's example shows a bare PUT, which its API table contradicts)",
          },
          [V3.update],
        ),
      ],
    };
  }
  const out: Finding[] = [];
  if (lower === null && upper !== null) {
    out.push(
      flowFinding(
        'information',
        APT.identifierSpelling,
        at,
        {
          fr: "paramètre écrit Identifier (comme dans l'IG)\u00a0: accepté ici, mais les noms de paramètres FHIR respectent la casse et le paramètre de recherche est identifier",
          en: 'parameter written Identifier (as in the IG): accepted here, but FHIR parameter names are case-sensitive and the search parameter is identifier',
        },
        [V3.update],
      ),
    );
  }
  const t = parseToken(token);
  if (t.system === undefined) {
    out.push(
      flowFinding(
        'information',
        APT.updateAddress,
        at,
        {
          fr: `identifier=${q(token, 'fr')} sans system\u00a0: l'IG ne précise pas la forme de [ID]\u00a0; la forme <system>|<value> (celle du flux V1) désigne le rendez-vous sans ambiguïté`,
          en: `identifier=${q(token, 'en')} without a system: the IG does not spell the [ID] form; <system>|<value> (the flux V1 form) designates the appointment unambiguously`,
        },
        [V3.update],
      ),
    );
  }
  const target = t.system !== undefined ? `${t.system}|${t.value}` : bodyKey && bodyKey.endsWith(`|${t.value}`) ? bodyKey : undefined;
  if (bodyKey && target !== bodyKey) {
    out.push(
      flowFinding(
        'error',
        APT.updateIdentifierMismatch,
        at,
        {
          fr: `l'URL désigne ${q(token, 'fr')} mais le corps porte l'identifier ${q(bodyKey, 'fr')}\u00a0: l'identifiant d'un rendez-vous reste le même entre la création et toutes ses mises à jour`,
          en: `the URL designates ${q(token, 'en')} but the body carries identifier ${q(bodyKey, 'en')}: an appointment's identifier stays the same between its creation and all its updates`,
        },
        [V3.identifier, V3.update],
      ),
    );
  }
  return { findings: out, ...(target ? { target } : {}) };
}

function sessionFindings(input: SessionInput, creates: number, updates: number): Finding[] {
  const out: Finding[] = [];
  const seconds = Math.round(input.waitedMs / 100) / 10;
  if (creates === 0) {
    const refused = input.refused ?? [];
    const reasons = [...new Set(refused.map((r) => r.reason))].slice(0, 3).join(', ');
    const why: Message =
      refused.length > 0
        ? {
            fr: ` ${refused.length} connexion(s) refusée(s) avant toute requête (${reasons})\u00a0: vérifier que le certificat client du logiciel est émis par l'AC donnée au côté SAS.`,
            en: ` ${refused.length} connection(s) refused before any request (${reasons}): check that the software's client certificate is issued by the CA given to the SAS side.`,
          }
        : { fr: '', en: '' };
    const sender: Message = input.senderError
      ? {
          fr: ` L'envoi de l'éditeur de référence a échoué\u00a0: ${input.senderError}.`,
          en: ` The reference editor's sender failed: ${input.senderError}.`,
        }
      : { fr: '', en: '' };
    out.push(
      flowFinding(
        'error',
        APT.nothingReceived,
        'HTTP.request',
        {
          fr: `aucun POST [base]/Appointment reçu sur ${input.url} en ${seconds}\u00a0s (${input.exchanges.length} requête(s) reçue(s))\u00a0: prendre un rendez-vous comme régulateur dans le logiciel de l'éditeur pendant que le côté SAS attend, le logiciel l'envoie au SAS dès qu'il est pris.${why.fr}${sender.fr}`,
          en: `no POST [base]/Appointment received on ${input.url} within ${seconds} s (${input.exchanges.length} request(s) received): book an appointment as a regulator in the editor's software while the SAS side waits; the software sends it to SAS as soon as it is booked.${why.en}${sender.en}`,
        },
        [V3.create],
      ),
    );
  } else if (updates === 0) {
    out.push(
      flowFinding(
        'error',
        APT.noUpdate,
        'HTTP.request',
        {
          fr: `aucune mise à jour reçue (PUT [base]/Appointment?identifier=<system>|<value>)\u00a0: pendant la session, modifier ou annuler le rendez-vous créé dans le logiciel\u00a0; chaque changement est envoyé au SAS`,
          en: `no update received (PUT [base]/Appointment?identifier=<system>|<value>): during the session, modify or cancel the appointment created in the software; each change is sent to SAS`,
        },
        [V3.update],
      ),
    );
  }
  out.push(...mtlsFindings(input));
  return out;
}

function mtlsFindings(input: SessionInput): Finding[] {
  const at = 'tls.clientCertificate';
  if (input.tls !== 'mutual') {
    return [
      flowFinding(
        'information',
        APT.mtls,
        at,
        input.tls === 'plain'
          ? {
              fr: "TLS mutuel non vérifié\u00a0: le côté SAS a écouté en HTTP simple (lui donner un certificat serveur, sa clé et l'AC des certificats clients)",
              en: 'mutual TLS not checked: the SAS side listened in plain HTTP (give it a server certificate, its key and the CA of client certificates)',
            }
          : {
              fr: "TLS mutuel non vérifié\u00a0: le côté SAS n'a pas demandé de certificat client (lui donner l'AC des certificats clients)",
              en: 'mutual TLS not checked: the SAS side did not ask for a client certificate (give it the CA of client certificates)',
            },
        [V3.mtls],
        { notChecked: true },
      ),
    ];
  }
  const judged = input.exchanges.filter((x) => x.request.method === 'POST' || x.request.method === 'PUT');
  if (judged.length === 0) return [];
  const without = judged.filter((x) => !x.tls?.clientCertSubject);
  if (without.length > 0) {
    return [
      flowFinding(
        'error',
        APT.mtls,
        at,
        {
          fr: `${without.length} requête(s) sans certificat client (${without.map((x) => x.label).join(', ')})\u00a0: le logiciel appelle le SAS en TLS mutuel avec un certificat IGC-Santé`,
          en: `${without.length} request(s) without a client certificate (${without.map((x) => x.label).join(', ')}): the software calls SAS over mutual TLS with an IGC-Santé certificate`,
        },
        [V3.mtls],
      ),
    ];
  }
  const certs = [...new Set(judged.map((x) => `${x.tls?.clientCertSubject} (SHA-256 ${x.tls?.clientCertFingerprint256 ?? '?'})`))];
  const refused = input.refused?.filter((r) => r.stage === 'tls').length ?? 0;
  const also: Message =
    refused > 0
      ? { fr: `\u00a0; ${refused} poignée(s) de main refusée(s) par ailleurs`, en: `; ${refused} handshake(s) refused besides` }
      : { fr: '', en: '' };
  return [
    flowFinding(
      'information',
      APT.mtls,
      at,
      {
        fr: `certificat client présenté et vérifié contre l'AC du côté SAS\u00a0: ${certs.join(', ')}${also.fr}`,
        en: `client certificate presented and verified against the SAS side's CA: ${certs.join(', ')}${also.en}`,
      },
      [V3.mtls],
    ),
  ];
}

export function judgeSession(input: SessionInput): Finding[] {
  const base = RECEIVE_BASE_PATH[input.flavour];
  const out: Finding[] = [];
  const posted = new Map<string, string>(); // key → body text of its first create
  const systems = new Map<string, string>(); // identifier.system → label of its first message
  let creates = 0;
  let updates = 0;
  input.exchanges.forEach((x, i) => {
    const label = x.label ?? `${x.request.method}[${i + 1}]`;
    const { call, query } = callOf(x, base);
    if (call === 'metadata') return;
    if (call === 'other') {
      out.push(
        flowFinding(
          'information',
          APT.notServed,
          `${label} HTTP.request`,
          {
            fr: `${x.request.method} ${q(x.request.url, 'fr')} n'est pas un appel du flux V3 (réponse ${x.response?.status ?? x.outcome})\u00a0: le SAS reçoit POST ${base}/Appointment et PUT ${base}/Appointment?identifier=…`,
            en: `${x.request.method} ${q(x.request.url, 'en')} is not a flux V3 call (answer ${x.response?.status ?? x.outcome}): SAS receives POST ${base}/Appointment and PUT ${base}/Appointment?identifier=…`,
          },
          [V3.create],
        ),
      );
      return;
    }
    if (call === 'create') creates++;
    else updates++;
    const body = bodyOf(x);
    if ('problem' in body) {
      out.push(flowFinding('error', APT.unreadableBody, `${label} HTTP.request.body`, body.problem, [V3.profile]));
      return;
    }
    const judged = judgeAppointment(body.json, {
      flavour: input.flavour,
      ...(input.index ? { index: input.index } : {}),
      ...(input.knownOperators && input.knownOperators.length > 0 ? { knownOperators: input.knownOperators } : {}),
    });
    out.push(...prefixed(label, judged.findings));
    const key = identifierKey(body.json);
    if (key) {
      const system = key.slice(0, key.indexOf('|'));
      if (!systems.has(system)) systems.set(system, label);
    }
    if (call === 'create') {
      if (key && posted.has(key)) {
        const same = posted.get(key) === x.request.body;
        out.push(
          flowFinding(
            same ? 'information' : 'error',
            APT.createRepeated,
            `${label} HTTP.request`,
            same
              ? {
                  fr: `second POST identique pour ${q(key, 'fr')} (une reprise après erreur\u00a0?)`,
                  en: `second identical POST for ${q(key, 'en')} (a retry after an error?)`,
                }
              : {
                  fr: `second POST pour ${q(key, 'fr')} avec un contenu différent\u00a0: un changement est envoyé par PUT [base]/Appointment?identifier=<system>|<value>, pas par une nouvelle création`,
                  en: `second POST for ${q(key, 'en')} with a different content: a change is sent by PUT [base]/Appointment?identifier=<system>|<value>, not by a new create`,
                },
            [V3.update],
          ),
        );
      } else if (key) posted.set(key, x.request.body ?? '');
      return;
    }
    if (call === 'update-by-id') {
      out.push(
        flowFinding(
          'error',
          APT.updateById,
          `${label} HTTP.request.url`,
          {
            fr: "PUT adressé par l'id du SAS\u00a0: une mise à jour est adressée par l'identifiant de l'éditeur, PUT [base]/Appointment?identifier=<system>|<value>",
            en: "PUT addressed by SAS's id: an update is addressed by the editor's identifier, PUT [base]/Appointment?identifier=<system>|<value>",
          },
          [V3.update],
        ),
      );
      return;
    }
    const address = updateAddress(label, query, key);
    out.push(...address.findings);
    const target = address.target ?? key;
    if (target && !posted.has(target)) {
      out.push(
        flowFinding(
          'error',
          APT.updateUnknown,
          `${label} HTTP.request.url`,
          {
            fr: `mise à jour de ${q(target, 'fr')}, qu'aucun POST de la session n'a créé\u00a0: un rendez-vous est d'abord créé (POST), puis mis à jour sous le même identifiant`,
            en: `update of ${q(target, 'en')}, which no POST of the session created: an appointment is first created (POST), then updated under the same identifier`,
          },
          [V3.update, V3.identifier],
        ),
      );
    }
  });
  if (systems.size > 1) {
    const list = [...systems.entries()].map(([s, l]) => `${s} (${l})`).join(', ');
    const second = [...systems.values()][1];
    out.push(
      flowFinding(
        'error',
        APT.systemChanges,
        `${second} Appointment.identifier[0].system`,
        {
          fr: `identifier.system change d'un message à l'autre (${list})\u00a0: l'autorité d'affectation est fixe pour un éditeur`,
          en: `identifier.system changes between messages (${list}): the assigning authority is fixed for an editor`,
        },
        [V3.identifierSystem],
      ),
    );
  }
  out.push(...sessionFindings(input, creates, updates));
  return out;
}
