/**
 * One official validator service per run: checked, started once on a loopback port, guarded so that it
 * is stopped on every way out (success, error, Ctrl-C, SIGTERM), stopped by `stop()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finding, isBlocking, type Finding, type Message } from '../core/findings.js';
import { guardProcessExit } from './lifecycle.js';
import { notAnswering, SERVICE_GONE, SERVICE_STOPPED, startFailed } from './messages.js';
import { operationOutcomeToFindings } from './operation-outcome.js';
import { checkOptions, choosePort } from './preflight.js';
import {
  isOfficialUnavailable,
  type OfficialUnavailable,
  type OfficialValidator,
  type OfficialValidatorInfo,
  type OfficialValidatorOptions,
} from './types.js';

export const DEFAULT_START_TIMEOUT_MS = 180_000;
const FHIR_VERSION = '4.0.1';

/** Arguments of `java`, in the order fhir-validator-wrapper's start() uses. */
export function validatorArgs(a: {
  jar: string;
  port: number;
  txServer: string;
  txLog: string;
  igPackages: string[];
  extraArgs?: string[];
}): string[] {
  return [
    '-jar',
    a.jar,
    'server',
    String(a.port),
    '-tx',
    a.txServer,
    '-txLog',
    a.txLog,
    '-version',
    FHIR_VERSION,
    ...a.igPackages.flatMap((ig) => ['-ig', ig]),
    ...(a.extraArgs ?? []),
  ];
}

function rootTypeOf(resource: object): string {
  const t = (resource as { resourceType?: unknown }).resourceType;
  return typeof t === 'string' ? t : 'Resource';
}

function notCheckedFinding(resource: object, detail: Message): Finding {
  return finding('warning', 'official:unavailable', 'setup', rootTypeOf(resource), notAnswering(detail), {
    engine: 'official',
    notChecked: true,
  });
}

/** One-line cause of a failed request (the wrapper's messages may embed a whole response body). */
function shortCause(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

export async function startOfficialValidator(o: OfficialValidatorOptions): Promise<OfficialValidator | OfficialUnavailable> {
  const log = o.log ?? (() => undefined);
  const env = o.env ?? process.env;
  const checked = checkOptions(o, env, o.cwd ?? process.cwd());
  if ('unavailable' in checked) return checked;
  const port = await choosePort(o.port);
  if (typeof port !== 'number') return port;

  // Loaded here, not at import: fhir-validator-wrapper is only for runs that ask for the official validator.
  const { LaunchError, LocalValidatorService } = await import('./local-service.js');
  const workDir = mkdtempSync(path.join(tmpdir(), 'sas-recette-official-'));
  const txServer = o.txServer ?? 'n/a';
  const args = validatorArgs({
    jar: checked.jar,
    port,
    txServer,
    txLog: path.join(workDir, 'tx.log'),
    igPackages: checked.igPackages,
    extraArgs: o.extraArgs,
  });
  const service = new LocalValidatorService(checked.jar, log);
  const removeWorkDir = (): void => rmSync(workDir, { recursive: true, force: true });
  const unguard = guardProcessExit(() => {
    service.killNow();
    removeWorkDir();
  });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      unguard();
      try {
        await service.stop();
      } finally {
        removeWorkDir();
        log('[official validator] stopped');
      }
    })();
    return stopping;
  };

  log(`[official validator] starting: ${checked.java} ${args.join(' ')}`);
  try {
    await service.launch({ java: checked.java, args, port, timeoutMs: o.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS, env });
  } catch (err) {
    const tail = service.outputTail();
    await stop();
    const cause = shortCause(err);
    const detail = err instanceof LaunchError ? err.detail : { fr: cause, en: cause };
    return { unavailable: true, reason: startFailed(detail, tail) };
  }
  log(`[official validator] ready on 127.0.0.1:${port}`);

  const info: OfficialValidatorInfo = {
    jar: checked.jar,
    java: checked.java,
    port,
    igPackages: checked.igPackages,
    txServer,
    fhirVersion: FHIR_VERSION,
  };
  // One request at a time: the validator service works through them in turn, and the wrapper's 30 s
  // limit per request would otherwise count the time spent waiting behind the others.
  let queue: Promise<unknown> = Promise.resolve();
  const validateOne = async (resource: object, profile?: string): Promise<Finding[]> => {
    if (stopping) return [notCheckedFinding(resource, SERVICE_STOPPED)];
    if (!service.isRunning()) return [notCheckedFinding(resource, SERVICE_GONE)];
    try {
      const oo = await service.validate(resource, profile ? { profiles: [profile] } : {});
      return operationOutcomeToFindings(oo, { resource });
    } catch (err) {
      const cause = shortCause(err); // the wrapper's own (English) words, in both fields
      return [notCheckedFinding(resource, { fr: cause, en: cause })];
    }
  };
  return {
    get info(): OfficialValidatorInfo {
      const version = service.jarVersion();
      return version ? { ...info, version } : info;
    },
    validate(resource: object, profile?: string): Promise<Finding[]> {
      const run = queue.then(() => validateOne(resource, profile));
      queue = run.catch(() => undefined);
      return run;
    },
    stop,
  };
}

/** Start, hand the validator (or why it is unavailable) to `fn`, stop whatever happens. */
export async function withOfficialValidator<T>(
  o: OfficialValidatorOptions,
  fn: (v: OfficialValidator | OfficialUnavailable) => Promise<T>,
): Promise<T> {
  const v = await startOfficialValidator(o);
  try {
    return await fn(v);
  } finally {
    if (!isOfficialUnavailable(v)) await v.stop();
  }
}

/** The reason the official validator is unavailable, as a finding reporters can show (not checked). */
export function officialUnavailableFinding(u: OfficialUnavailable, location = 'run'): Finding {
  return finding('warning', 'official:unavailable', 'setup', location, u.reason, { engine: 'official', notChecked: true });
}

/** Official findings that fail a test case when `--official-validator-gates` is on. */
export function officialGateFailures(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.engine === 'official' && isBlocking(f) && !f.notChecked);
}
