/**
 * JIT tuning for a short `validate`, on Node 20 only. V8 before 12 (Node 20) has no mid-tier optimising
 * compiler: the code a validation runs goes from the interpreter straight to TurboFan, whose compile jobs
 * take the second core (two on the machines measured) from the GC while the process has little left to
 * run, and some are thrown away (deoptimised) before they pay. For an answer of a few MB the process
 * ends sooner without TurboFan; for a larger one TurboFan pays off. Measured with whole processes on
 * Node 20.20, 2 cores (generated CPTS answers, medians):
 *
 *   1 slot 283 → 262 ms · 100 slots 322 → 287 · 500 (0.6 MB) 437 → 385 · 1,000 (1.2 MB) 579 → 533
 *   2,000 (2.4 MB) 761 → 720 · 4,000 (4.8 MB) 916 → 958 · 10,000 (11.8 MB) 1,433 → 1,820
 *
 * Hence below 2 MiB (a 25-practitioner answer over 48 h is about 2 MB). On Node >= 22 (V8 12+, Maglev)
 * turning TurboFan off made `validate` slower (Node 24: 222 → 237 ms for 1 slot), so nothing changes
 * there. Only the speed changes: the engine's verdicts do not depend on how V8 compiles it.
 */
import { statSync } from 'node:fs';

/** Inputs under this size are validated without TurboFan on V8 < 12. */
export const SHORT_RUN_MAX_BYTES = 2 * 1024 * 1024;

/** True when TurboFan costs this process more than it gives: V8 < 12 and an input under SHORT_RUN_MAX_BYTES. */
export function skipsOptimisingCompiler(v8Version: string, inputBytes: number): boolean {
  const major = Number.parseInt(v8Version, 10);
  return Number.isFinite(major) && major < 12 && inputBytes < SHORT_RUN_MAX_BYTES;
}

/**
 * Turns TurboFan off for the rest of the process when `path` is a regular file small enough
 * (skipsOptimisingCompiler); standard input and unreadable paths change nothing (the validation reports
 * those). Returns whether it did.
 */
export function tuneForShortValidation(path: string): boolean {
  let size: number;
  try {
    const info = statSync(path);
    if (!info.isFile()) return false;
    size = info.size;
  } catch {
    return false;
  }
  if (!skipsOptimisingCompiler(process.versions.v8, size)) return false;
  // node:v8 loaded only here (about 3 ms): Node 24, stdin and larger inputs never need it
  process.getBuiltinModule('node:v8').setFlagsFromString('--no-opt');
  return true;
}
