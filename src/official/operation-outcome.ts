/**
 * OperationOutcome of the HL7 validator → our Finding model (engine 'official', source 'structure').
 * Pure: value in, findings out; never throws on a malformed answer.
 */
import { finding, SEVERITIES, type Finding, type Message, type Severity } from '../core/findings.js';

const MESSAGE_ID_URL = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';
/** Longest official text kept in a finding (the validator echoes endpoint content). */
const MAX_TEXT = 4000;

export interface OutcomeContext {
  /** The resource that was validated: gives the root type and `Type/id` of bundle entries. */
  resource?: unknown;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.find((x): x is string => typeof x === 'string' && x.trim() !== '');
  return undefined;
}

/**
 * The validator writes `Bundle.entry[2].resource/*Slot/x*\/.meta.security[1].code` (a comment naming
 * the resource) and sometimes `.ofType(Slot)` after `resource`: strip both, and blanks.
 */
export function normaliseOfficialLocation(raw: string): string {
  return raw
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\.resource\.ofType\([A-Za-z]+\)/g, '.resource')
    .replace(/\s+/g, '');
}

/** `Type/id` named by the last `/*Type/id*\/` comment of a raw expression (`null` ids are dropped). */
export function resourceFromComment(raw: string): string | undefined {
  const comments = [...raw.matchAll(/\/\*\s*([A-Za-z]+)\/([^*\s]+)\s*\*\//g)];
  const last = comments[comments.length - 1];
  if (!last || last[2] === 'null') return undefined;
  return `${last[1]}/${last[2]}`;
}

function typeAndId(r: unknown): string | undefined {
  if (!isObject(r) || typeof r.resourceType !== 'string') return undefined;
  return typeof r.id === 'string' && r.id !== '' ? `${r.resourceType}/${r.id}` : undefined;
}

/** `Type/id` of the resource a normalised location points into, read from the validated resource. */
function resourceFromContext(location: string, root: unknown): string | undefined {
  // Anything under `Bundle.entry[n]` (the resource, fullUrl, search) is about that entry's resource.
  const entry = /^[A-Za-z]+\.entry\[(\d+)\](?=$|[.[])/.exec(location);
  if (entry) {
    const e = isObject(root) && Array.isArray(root.entry) ? root.entry[Number(entry[1])] : undefined;
    return isObject(e) ? typeAndId(e.resource) : undefined;
  }
  return typeAndId(root);
}

/** A FHIRPath-like location starts with a type name (`Line[3]Col[7]` positions do not count). */
function looksLikePath(s: string): boolean {
  return /^[A-Z][A-Za-z]*(?:$|[.[])/.test(s) && !/^Line\[\d+\]/.test(s);
}

function severityOf(v: unknown): Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v) ? (v as Severity) : 'warning';
}

function messageIdOf(issue: Json): string | undefined {
  if (!Array.isArray(issue.extension)) return undefined;
  for (const ext of issue.extension) {
    if (isObject(ext) && ext.url === MESSAGE_ID_URL) {
      const v = ext.valueString ?? ext.valueCode;
      if (typeof v === 'string' && v.trim() !== '') return v.trim();
    }
  }
  return undefined;
}

function cap(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

export function officialMessage(text: string): Message {
  return { fr: `[validateur officiel] ${text}`, en: `[official validator] ${text}` };
}

/** The "All OK" information issue the validator adds when it has nothing to say. */
function isAllOk(issue: Json, text: string): boolean {
  return issue.severity === 'information' && text.trim() === 'All OK';
}

function issueToFinding(issue: Json, ctx: OutcomeContext, rootType: string): Finding | undefined {
  const details = isObject(issue.details) ? issue.details : {};
  const code = typeof issue.code === 'string' && issue.code !== '' ? issue.code : undefined;
  const text =
    (typeof details.text === 'string' && details.text.trim()) ||
    (typeof issue.diagnostics === 'string' && issue.diagnostics.trim()) ||
    code ||
    '(no text)';
  if (isAllOk(issue, text)) return undefined;
  const raw = firstString(issue.expression) ?? firstString(issue.location) ?? '';
  const normalised = normaliseOfficialLocation(raw);
  const location = looksLikePath(normalised) ? normalised : rootType;
  const resource = resourceFromComment(raw) ?? resourceFromContext(location, ctx.resource);
  const ruleId = `official:${messageIdOf(issue) ?? code ?? 'unknown'}`;
  return finding(severityOf(issue.severity), ruleId, 'structure', location, officialMessage(cap(text)), {
    engine: 'official',
    ...(resource ? { resource } : {}),
  });
}

function outcomes(oo: unknown): Json[] {
  if (!isObject(oo)) return [];
  if (oo.resourceType === 'OperationOutcome') return [oo];
  // The validator answers a Bundle of OperationOutcomes when it validated several inputs.
  if (oo.resourceType === 'Bundle' && Array.isArray(oo.entry)) {
    return oo.entry
      .map((e) => (isObject(e) ? e.resource : undefined))
      .filter((r): r is Json => isObject(r) && r.resourceType === 'OperationOutcome');
  }
  return [];
}

/** Finding for an answer that is not an OperationOutcome: said, not checked, never a silent pass. */
function invalidAnswer(rootType: string): Finding {
  return finding(
    'warning',
    'official:invalid-response',
    'setup',
    rootType,
    {
      fr: "[validateur officiel] réponse sans OperationOutcome : la ressource n'a pas été vérifiée par le validateur officiel.",
      en: '[official validator] the answer holds no OperationOutcome: the resource was not checked by the official validator.',
    },
    { engine: 'official', notChecked: true },
  );
}

export function operationOutcomeToFindings(oo: unknown, ctx: OutcomeContext = {}): Finding[] {
  const rootType = isObject(ctx.resource) && typeof ctx.resource.resourceType === 'string' ? ctx.resource.resourceType : 'Resource';
  const found = outcomes(oo);
  if (found.length === 0) return [invalidAnswer(rootType)];
  const out: Finding[] = [];
  for (const outcome of found) {
    const issues = Array.isArray(outcome.issue) ? outcome.issue : [];
    for (const issue of issues) {
      if (!isObject(issue)) continue;
      const f = issueToFinding(issue, ctx, rootType);
      if (f) out.push(f);
    }
  }
  return out;
}
