/**
 * Reads the answer to one search request once, for every case that sent the same request: the
 * media type, the body as JSON (or what it is instead), its graph, and — for a 200 Bundle — the
 * structural, rule and official findings, each computed the first time a case asks for it.
 */
import type { Finding, Message } from '../core/findings.js';
import type { SentExchange } from '../http/types.js';
import type { RuleContext } from '../rules/types.js';
import { parseSearch } from '../sas/search.js';
import { asObj, buildGraph, type BundleGraph } from '../rules/graph.js';
import { jsonTextFindings } from '../validate/json-text-checks.js';
import type { ResponseFacts } from './expectations.js';
import type { CaseOfficial } from './official.js';
import type { UseCase } from '../core/model.js';
import { append } from '../core/append.js';
import { mediaTypeOf } from '../http/media-type.js';
import { nestsDeeperThan, tooDeepMessage } from '../core/json-depth.js';

/** Reads a response body as JSON, or says in both languages what it is instead. */
export function readBody(body: string | undefined, mediaType: string | undefined): { json?: unknown; problem?: Message } {
  const text = (body ?? '').replace(/^\uFEFF/, '');
  if (text.trim() === '') return { problem: { fr: 'corps de réponse vide', en: 'empty response body' } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const html = /^\s*</.test(text) || mediaType === 'text/html';
    if (html) {
      return {
        problem: {
          fr: "une page HTML a été reçue au lieu d'une ressource FHIR JSON (page d'erreur, de connexion ou de proxy ?)",
          en: 'an HTML page was received instead of a FHIR JSON resource (error, login or proxy page?)',
        },
      };
    }
    const why = (err as Error).message;
    return { problem: { fr: `corps JSON invalide (tronqué ?) : ${why}`, en: `invalid JSON body (truncated?): ${why}` } };
  }
  // Refused here, once: every reader after this one (graph, rules, reports) walks the value recursively.
  return nestsDeeperThan(json) ? { problem: tooDeepMessage() } : { json };
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/** Reads one answer; the checks a 200 Bundle needs run at most once, when a case first asks. */
export function analyseAnswer(sent: SentExchange, useCase: UseCase, now: Date, checks: AnswerChecks): AnalysedAnswer {
  const x = sent.exchange;
  if (x.outcome !== 'ok' || !x.response) return { sent };
  const mediaType = mediaTypeOf(x.response.headers);
  // The transport may already know why the body cannot be read (a compressed body nobody asked for).
  const { json, problem } = sent.bodyProblem ? { json: undefined, problem: sent.bodyProblem } : readBody(sent.fullBody, mediaType);
  const facts: ResponseFacts = { status: x.response.status, mediaType, json, bodyProblem: problem, totalMs: x.timings.totalMs };
  const body = asObj(json);
  const out: AnalysedAnswer = { sent, facts, ...(body ? { graph: buildGraph(body) } : {}) };
  if (x.response.status === 200 && body?.resourceType === 'Bundle') {
    const validate = checks.validate;
    // What JSON.parse hides (duplicate keys, numbers out of range) is read from the text; it belongs to
    // the structure of the answer, and is reported even when the FHIR packages are missing.
    const text = sent.fullBody ?? '';
    out.structure = once(() => {
      const fromText = jsonTextFindings(text, 'Bundle', 100, body);
      const structural = validate?.(body, useCase);
      if (!structural) return fromText.length > 0 ? fromText : undefined;
      return append(fromText, structural);
    });
    out.rules = once(() => checks.rules(body, { useCase, now, search: parseSearch(x.request.url), graph: out.graph }));
    const official = checks.official;
    if (official) out.official = once(() => official.validate(body, useCase));
  }
  return out;
}

/** What judges a 200 Bundle, for the whole run. */
export interface AnswerChecks {
  /** Structural validation of a Bundle; absent when no FHIR package could be loaded. */
  validate?: (resource: unknown, useCase: UseCase) => Finding[];
  rules: (bundle: Record<string, unknown>, ctx: RuleContext) => Finding[];
  /** The official HL7 validator (`--official-validator`), when it runs. */
  official?: CaseOfficial;
}

export interface AnalysedAnswer {
  sent: SentExchange;
  facts?: ResponseFacts;
  /** The body's graph when it is a JSON object (rules and expectations share it). */
  graph?: BundleGraph;
  /** For a 200 Bundle: the structural findings (undefined without packages) and the rule findings, computed once when first asked. */
  structure?: () => Finding[] | undefined;
  rules?: () => Finding[];
  /** For a 200 Bundle, with the official validator: its findings, asked once per response. */
  official?: () => Promise<Finding[]>;
}
