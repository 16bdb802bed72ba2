/**
 * The fuzz property and its runner: every generated body goes to `validate` and to the judge of a
 * search case (in-process), some also through real HTTP; the tool must hold on each (see targets.ts).
 * The runner keeps going after a crash to find the other distinct ones: each crash is shrunk by
 * fast-check, saved with its body, and the search resumes with the next seed while crashes already
 * known count as passing. Reproducible: same FUZZ_SEED, same bodies.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { bodySpec, describe, FULL_LIMITS, mediaTypeArb, realise, statusArb, type BodyLimits, type BodySpec } from './bodies.js';
import { BodyServer, fuzzWorld, httpTarget, judgeTarget, validateTarget, type Crash, type FuzzWorld, type Outcome } from './targets.js';

export interface FuzzInput {
  body: BodySpec;
  /** Which search case (and seed answer) the body is judged against. */
  caseIndex: number;
  status: number | undefined;
  mediaType: string | undefined;
  useCaseOption: boolean;
  withSearch: boolean;
  /** Also through real HTTP (when the run has HTTP budget left). */
  http: boolean;
}

export function fuzzInput(seeds: number, httpShare: number, limits: BodyLimits = FULL_LIMITS): fc.Arbitrary<FuzzInput> {
  return fc.record({
    body: bodySpec(seeds, limits),
    caseIndex: fc.integer({ min: 0, max: seeds - 1 }),
    status: statusArb,
    mediaType: mediaTypeArb,
    useCaseOption: fc.boolean(),
    withSearch: fc.boolean(),
    http: httpShare > 0 ? fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < httpShare) : fc.constant(false),
  });
}

export interface FoundCrash {
  signature: string;
  crash: Crash;
  input: FuzzInput;
  shape: string;
  bodyBytes: number;
  file?: string;
}

export interface FuzzSummary {
  seed: number;
  bodies: number;
  httpBodies: number;
  validate: Map<string, number>;
  judge: Map<string, number>;
  crashes: FoundCrash[];
  /** Wall time of the run (ms). */
  ms: number;
}

/** What makes two crashes the same: target, message without numbers, first frame of our code. */
export function signatureOf(c: Crash): string {
  const frame = c.stack.split('\n').find((l) => /\/(src|test)\//.test(l)) ?? c.stack.split('\n')[1] ?? '';
  const where = frame
    .replace(/:\d+:\d+\)?$/, '')
    .replace(/^.*\/(src|test)\//, '$1/')
    .trim();
  return `${c.target} | ${c.message.replace(/\d+/g, '#').slice(0, 120)} | ${where}`;
}

const tally = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export interface RunOptions {
  seed: number;
  runs: number;
  /** How many bodies at most also go through real HTTP (runAcceptance over loopback). */
  httpRuns: number;
  /** Where crashes are saved (a JSON file per distinct crash); nothing is written when absent. */
  outDir?: string;
  /** Most distinct crashes to look for before stopping. */
  maxCrashes?: number;
  log?: (line: string) => void;
  /** Largest arrays and nesting generated (default: FULL_LIMITS). */
  limits?: BodyLimits;
  /** Time given to fast-check to shrink one crash (ms, default 60 s): then the smallest body so far is kept. */
  shrinkMs?: number;
}

/** Replays one saved input (the `input` of a crash file) and gives what each target said. */
export async function replay(input: FuzzInput): Promise<{ outcomes: Outcome[]; text: string }> {
  const w = await fuzzWorld();
  const server = new BodyServer();
  const baseUrl = await server.start();
  try {
    return await check(w, server, baseUrl, input, input.http);
  } finally {
    await server.stop();
  }
}

async function check(
  w: FuzzWorld,
  server: BodyServer,
  baseUrl: string,
  input: FuzzInput,
  useHttp: boolean,
): Promise<{ outcomes: Outcome[]; text: string }> {
  const seed = w.seeds[input.caseIndex % w.seeds.length];
  const text = realise(
    input.body,
    w.seeds.map((s) => s.body),
  );
  const status = input.status ?? seed.status;
  const media = input.mediaType ?? seed.contentType;
  const outcomes = [
    await validateTarget(w, seed, text, { useCaseOption: input.useCaseOption, withSearch: input.withSearch }),
    await judgeTarget(w, seed, text, status, media),
  ];
  if (useHttp) outcomes.push(await httpTarget(w, server, baseUrl, seed, text, status, media));
  return { outcomes, text };
}

export async function runFuzz(o: RunOptions): Promise<FuzzSummary> {
  const w = await fuzzWorld();
  const server = new BodyServer();
  const baseUrl = await server.start();
  const summary: FuzzSummary = { seed: o.seed, bodies: 0, httpBodies: 0, validate: new Map(), judge: new Map(), crashes: [], ms: 0 };
  const t0 = performance.now();
  const known = new Set<string>();
  const httpShare = o.runs > 0 ? Math.min(1, o.httpRuns / o.runs) : 0;
  try {
    let round = 0;
    while (summary.bodies < o.runs && summary.crashes.length < (o.maxCrashes ?? 12)) {
      let shrinking = false;
      let shrinkDeadline = Infinity;
      const prop = fc.asyncProperty(fuzzInput(w.seeds.length, httpShare, o.limits), async (input) => {
        // Shrinking a crash on a multi-megabyte body can take long: past the budget, stop at the smallest so far.
        if (shrinking && performance.now() > shrinkDeadline) return;
        const useHttp = input.http && (shrinking || summary.httpBodies < o.httpRuns);
        const started = performance.now();
        const { outcomes, text } = await check(w, server, baseUrl, input, useHttp);
        const took = performance.now() - started;
        if (took > 2000)
          o.log?.(`fuzz: slow body (${Math.round(took)} ms, ${text.length} chars${useHttp ? ', over HTTP' : ''}): ${describe(input.body)}`);
        if (!shrinking) {
          summary.bodies++;
          if (useHttp) summary.httpBodies++;
          const [v, j] = outcomes;
          tally(summary.validate, v.ok ? v.label : 'crash');
          tally(summary.judge, j.ok ? j.label : 'crash');
        }
        const fresh = outcomes.find((x): x is { ok: false; crash: Crash } => !x.ok && !known.has(signatureOf(x.crash)));
        if (fresh) {
          if (!shrinking) shrinkDeadline = performance.now() + (o.shrinkMs ?? 60_000);
          shrinking = true;
          throw new Error(signatureOf(fresh.crash));
        }
      });
      const runSeed = o.seed + round;
      const details = await fc.check(prop, { seed: runSeed, numRuns: o.runs - summary.bodies });
      round++;
      if (!details.failed || !details.counterexample) break;
      const input = details.counterexample[0];
      // Re-run the shrunk body once to keep the crash it gives (the shrunk one may differ from the first).
      const { outcomes, text } = await check(w, server, baseUrl, input, input.http);
      const crashed = outcomes.find((x): x is { ok: false; crash: Crash } => !x.ok && !known.has(signatureOf(x.crash)));
      if (!crashed) {
        o.log?.(`fuzz: seed ${runSeed} failed on a body that no longer crashes when replayed (flaky?): ${String(details.errorInstance)}`);
        known.add(details.errorInstance instanceof Error ? details.errorInstance.message : `flaky-${round}`);
        continue;
      }
      const signature = signatureOf(crashed.crash);
      known.add(signature);
      const found: FoundCrash = { signature, crash: crashed.crash, input, shape: describe(input.body), bodyBytes: Buffer.byteLength(text) };
      if (o.outDir) {
        mkdirSync(o.outDir, { recursive: true });
        const base = join(o.outDir, `crash-${o.seed}-${summary.crashes.length + 1}`);
        writeFileSync(`${base}.body.json`, text);
        writeFileSync(
          `${base}.json`,
          `${JSON.stringify({ signature, crash: crashed.crash, shape: found.shape, seed: runSeed, path: details.counterexamplePath, reproduce: `FUZZ_SEED=${runSeed}`, input, body: `${base}.body.json` }, null, 2)}\n`,
        );
        found.file = `${base}.json`;
      }
      summary.crashes.push(found);
      o.log?.(
        `fuzz: crash ${summary.crashes.length} — ${signature}\n  body: ${found.shape} (${found.bodyBytes} bytes)${found.file ? `\n  saved: ${found.file}` : ''}`,
      );
    }
  } finally {
    await server.stop();
  }
  summary.ms = performance.now() - t0;
  return summary;
}

export function summaryLine(s: FuzzSummary): string {
  const fmt = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
  return `fuzz: ${s.bodies} bodies, ${s.crashes.length} crashes (validate: ${fmt(s.validate)}; judge: ${fmt(s.judge)}; ${s.httpBodies} also over HTTP) — seed ${s.seed}, ${Math.round(s.ms / 1000)} s`;
}
