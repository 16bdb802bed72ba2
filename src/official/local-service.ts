/**
 * The HL7 validator running as a local HTTP service (`java -jar validator_cli.jar server <port> …`).
 *
 * Built on `fhir-validator-wrapper` (1.4), of which we keep what is safe:
 * - readiness: `waitForReady()` polls `GET /validateResource` until it answers 405;
 * - validation: `validate()` posts the resource to `/validateResource?profiles=…` and parses the
 *   OperationOutcome;
 * - `stop()`: SIGKILL, then waits for the exit.
 * Its `start()` is replaced by `launch()` below, hand-written, because:
 * 1. it spawns the literal command `java`: a `javaCommand` (e.g. a JDK outside PATH) cannot be used;
 * 2. its child-process 'error' listener rethrows, so a missing or non-executable java ends the whole
 *    CLI with an uncaught `spawn java ENOENT` (measured with 1.4.0) instead of a message;
 * 3. it reaches the download code (GitHub API, then the jar) unless `autoDownload: false`.
 * `launch()` passes the same arguments as `start()` would with `autoDownload: false`. `start()`,
 * `ensureValidator()`, `getLatestRelease()` and `downloadFile()` are overridden to refuse, so no path
 * through this class can download anything: the user brings the jar.
 */
import { spawn } from 'node:child_process';
import FhirValidator from 'fhir-validator-wrapper';
import type { Message } from '../core/findings.js';

export const NO_DOWNLOAD = 'sas-recette never downloads validator_cli.jar: download it by hand (docs/official-validator.md)';
const MAX_TAIL = 8000;

export interface LaunchSpec {
  java: string;
  args: string[];
  port: number;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
}

/** Why launch() failed: the process could not be spawned, ended, or never answered. */
export class LaunchError extends Error {
  constructor(
    readonly kind: 'spawn' | 'exit' | 'timeout',
    readonly detail: Message,
  ) {
    super(detail.en);
    this.name = 'LaunchError';
  }
}

function endedDetail(code: number | null, signal: NodeJS.Signals | null): Message {
  if (signal) return { fr: `arrêté par ${signal}`, en: `stopped by ${signal}` };
  if (code === null) return { fr: "arrêté avant d'avoir répondu", en: 'ended before answering' };
  return { fr: `code de sortie ${code}`, en: `exit code ${code}` };
}

type Log = (line: string) => void;

function loggerFor(log: Log) {
  return {
    info: (m: string) => log(m),
    warn: (m: string) => log(m),
    error: (m: string) => log(m),
  };
}

// ANSI colour codes the validator may print.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export class LocalValidatorService extends FhirValidator {
  private tail = '';
  private readonly lineLog: Log;

  constructor(jar: string, log: Log) {
    super(jar, loggerFor(log));
    this.lineLog = log;
  }

  override start(): Promise<void> {
    return Promise.reject(new Error(NO_DOWNLOAD));
  }
  override ensureValidator(): Promise<unknown> {
    return Promise.reject(new Error(NO_DOWNLOAD));
  }
  override getLatestRelease(): Promise<unknown> {
    return Promise.reject(new Error(NO_DOWNLOAD));
  }
  override downloadFile(): Promise<void> {
    return Promise.reject(new Error(NO_DOWNLOAD));
  }

  /** Last lines the validator printed (it logs to stdout), for a failed start. */
  outputTail(lines = 15): string {
    return this.tail
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  }

  /** Synchronous kill, usable from the 'exit' event and signal handlers. */
  killNow(): void {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGKILL');
    }
  }

  private consume(stream: NodeJS.ReadableStream): void {
    let pending = '';
    const emit = (raw: string): void => {
      const line = raw.replace(ANSI, '').trim();
      if (line === '') return;
      this.checkForVersion(line);
      this.lineLog(`[official validator] ${line}`);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.tail = (this.tail + chunk).slice(-MAX_TAIL);
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(emit);
    });
    stream.on('end', () => emit(pending));
  }

  /** The wrapper's stop() waits for an 'exit' event, which never comes again for a process already gone. */
  override async stop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    if (child.exitCode !== null || child.signalCode !== null) {
      this.cleanup();
      return;
    }
    await super.stop();
  }

  /** Spawns the service and waits until it answers; rejects with a LaunchError otherwise. */
  async launch(spec: LaunchSpec): Promise<void> {
    if (this.process) throw new Error('the official validator service is already running');
    const cannotLaunch = (why: string): LaunchError =>
      new LaunchError('spawn', { fr: `lancement impossible : ${why}`, en: `cannot be launched: ${why}` });
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(spec.java, spec.args, { stdio: ['ignore', 'pipe', 'pipe'], env: spec.env, windowsHide: true });
    } catch (err) {
      throw cannotLaunch(err instanceof Error ? err.message : String(err));
    }
    this.process = child;
    this.port = spec.port;
    this.baseUrl = `http://127.0.0.1:${spec.port}`;
    this.tail = '';
    const ended = new Promise<never>((_, reject) => {
      child.once('error', (err) => {
        this.cleanup(); // a failed spawn need not be followed by 'close'; this also stops the readiness loop
        reject(cannotLaunch(err.message));
      });
      child.once('close', (code, signal) => {
        this.cleanup();
        reject(new LaunchError('exit', endedDetail(code, signal)));
      });
    });
    if (child.stdout) this.consume(child.stdout);
    if (child.stderr) this.consume(child.stderr);
    try {
      await Promise.race([this.waitForReady(spec.timeoutMs), ended]);
    } catch (err) {
      if (err instanceof LaunchError) throw err;
      if (this.process === null) throw new LaunchError('exit', endedDetail(null, null));
      const s = Math.round(spec.timeoutMs / 1000);
      throw new LaunchError('timeout', { fr: `aucune réponse en ${s} s`, en: `no answer within ${s} s` });
    }
  }
}
