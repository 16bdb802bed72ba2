/**
 * State of one validateResource call: caches of per-resource results, where each resource sits,
 * "not checked" notes said once, statistics. Created per call, never shared.
 */
import { finding, type Finding, type Message, type Severity } from '../../core/findings.js';
import type { Engine } from './engine.js';
import type { CompiledProfile, ElementNode, TypeRef } from './model.js';

export type JsonObject = Record<string, unknown>;

export interface BundleIndex {
  byFullUrl: Map<string, JsonObject>;
  byTypeId: Map<string, JsonObject>;
}

/** Where a resource sits in the document, set before it is validated. */
export interface ResourceInfo {
  location: string;
  /** `Type/id` for findings. */
  ref?: string;
  /** The resource holding it in `contained` (for `#id` references). */
  container?: JsonObject;
  /** The Bundle whose entries references are resolved against. */
  bundle?: BundleIndex;
}

/** A reference whose target's conformance to a target profile is decided at the end of the run. */
export interface DeferredReference {
  target: JsonObject;
  profiles: CompiledProfile[];
  location: string;
  ruleId: string;
  resource?: string;
  targetRef: string;
}

export interface Sink {
  findings: Finding[];
  deferred: DeferredReference[];
}

export interface ResourceResult extends Sink {
  hasError: boolean;
}

export interface Stats {
  resources: number;
  elements: number;
  invariantsEvaluated: number;
}

export interface Ctx {
  engine: Engine;
  /** Validates a resource against a profile once (cached); wired by index.ts. */
  validateAs: (resource: JsonObject, profile: CompiledProfile) => ResourceResult;
  /** Validates a resource found at a Resource-typed element (contained, Bundle entry); wired by index.ts. */
  walkResource: (scope: Scope, node: ElementNode, type: TypeRef, value: unknown, location: string) => void;
  info: Map<object, ResourceInfo>;
  /**
   * Results by profile, then by resource: a handful of profiles for thousands of resources, so no Map is
   * made per resource (they stay in memory until the end of the validation).
   */
  results: Map<CompiledProfile, Map<object, ResourceResult>>;
  /** Evaluate every invariant the library can with FHIRPath (ValidateOptions.invariants = 'fhirpath'). */
  fhirpathInvariants: boolean;
  /** "Not checked" notes, one per key (canonical, invariant…) per validation. */
  notes: Map<string, Finding>;
  stats: Stats;
}

/** What the walker needs while inside one resource. */
export interface Scope {
  ctx: Ctx;
  sink: Sink;
  resource: JsonObject;
  /** `%rootResource`: the container for a contained resource, else the resource itself. */
  root: JsonObject;
  ref?: string;
  bundle?: BundleIndex;
  /** True while validating a contained resource (dom-6 does not apply). */
  contained: boolean;
}

export function newCtx(engine: Engine, hooks: Pick<Ctx, 'validateAs' | 'walkResource'>, fhirpathInvariants = false): Ctx {
  return {
    engine,
    ...hooks,
    fhirpathInvariants,
    info: new Map(),
    results: new Map(),
    notes: new Map(),
    stats: { resources: 0, elements: 0, invariantsEvaluated: 0 },
  };
}

export function newSink(): Sink {
  return { findings: [], deferred: [] };
}

export function mergeInto(sink: Sink, from: Sink): void {
  for (const f of from.findings) sink.findings.push(f);
  for (const d of from.deferred) sink.deferred.push(d);
}

export function report(scope: Scope, severity: Severity, ruleId: string, location: string, message: Message): void {
  scope.sink.findings.push(finding(severity, ruleId, 'structure', location, message, scope.ref ? { resource: scope.ref } : {}));
}

/** Records a "not checked" information once per key for the whole validation. */
export function noteOnce(scope: Scope, key: string, ruleId: string, location: string, message: Message): void {
  if (scope.ctx.notes.has(key)) return;
  const extra = scope.ref ? { resource: scope.ref, notChecked: true } : { notChecked: true };
  scope.ctx.notes.set(key, finding('information', ruleId, 'structure', location, message, extra));
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function resourceRef(r: JsonObject): string | undefined {
  return typeof r.resourceType === 'string' && typeof r.id === 'string' ? `${r.resourceType}/${r.id}` : undefined;
}
