/**
 * `sas-recette demo`, from already parsed options: starts the reference editor on loopback with the
 * shipped JDDs, runs the shipped cahier de recette against it and writes the reports. Like a real SAS
 * editor, the reference editor is served over HTTPS with mutual TLS: a throw-away test PKI (CA, server,
 * client, negative certificates, CRL) is made with openssl in a temporary folder, removed on every way
 * out. Without openssl, or with `--http`, it is served over plain HTTP and the mTLS/TLS cases are
 * skipped with their reason. Defects make the editor misbehave, to see the checks fail.
 *
 * This module starts the openssl processes first and only then loads the rest of the run
 * (demo-session.ts, with the HTTP client, the checks, the reference editor): they work while those
 * modules load and the cahier is read.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../core/io.js';
import { settle } from '../core/settle.js';
import type { DefectName } from '../mock/defects.js';
import type { OfficialCliOptions } from '../official/cli-options.js';
import { guardProcessExit } from '../official/lifecycle.js';
import type { ReportSetup } from '../report/run-reporters.js';
import { makePki } from '../transport/make-pki.js';

export { DEMO_NOTES, DEMO_PV_INFO } from './demo-notes.js';

/** Serves the reference editor, runs the shipped cahier against it, reports; cleans up on every way out. */
export async function runDemo(ctx: CliContext, o: DemoRun): Promise<void> {
  const { io } = ctx;
  // The test PKI (openssl processes) is made while the run's modules load, the packages load and the
  // cahier is read. Its folder (under the command's TMPDIR) holds unencrypted test keys: removed at the
  // end, on a signal or on process exit.
  const pkiDir = o.http ? undefined : await mkdtemp(join(io.env.TMPDIR || tmpdir(), 'sas-recette-demo-'));
  const unguard = pkiDir ? guardProcessExit(() => rmSync(pkiDir, { recursive: true, force: true })) : undefined;
  const pkiPending = pkiDir ? settle(makePki({ dir: pkiDir, workParent: pkiDir, env: io.env })) : undefined;
  try {
    const { playDemo } = await import('./demo-session.js');
    await playDemo(ctx, o, pkiPending);
  } finally {
    // Wait for openssl to finish before removing its output folder (an early setup error lands here).
    await pkiPending;
    if (pkiDir) await rm(pkiDir, { recursive: true, force: true });
    unguard?.();
  }
}

/** A demo as the command line asks for it; file paths are absolute. */
export interface DemoRun {
  defects: DefectName[];
  timeoutMs: number;
  /** `--run-timeout` in ms (none: no deadline). */
  runTimeoutMs?: number;
  report: ReportSetup;
  /** `--http`: plain HTTP, no test PKI. */
  http?: boolean;
  pvInfo?: string;
  strict?: boolean;
  official: OfficialCliOptions;
  /** The command line as typed, for the PV. */
  command: string;
}
