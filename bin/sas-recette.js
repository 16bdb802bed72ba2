#!/usr/bin/env node
// Entry point for `npx sas-recette`: runs the compiled CLI, built by `npm run build` (which `npm install`
// runs through the `prepare` script): the bundle of dist/cli-bundle/ (a few files, faster to start), or
// the modules of dist/ when there is no bundle or SAS_RECETTE_UNBUNDLED=1 (tests that record which
// modules a command loads).
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node >= 22.1 keeps compiled code of the modules in a cache folder between runs (start-up time); a no-op on Node 20.
module.enableCompileCache?.();

const bundle = new URL('../dist/cli-bundle/main.js', import.meta.url);
const useBundle = process.env.SAS_RECETTE_UNBUNDLED !== '1' && existsSync(bundle);
const { main } = await import(useBundle ? bundle.href : '../dist/cli/main.js');

main(process.argv).then(exitOnceWritten, (err) => {
  process.stderr.write(`sas-recette: internal error: ${err && err.message ? err.message : String(err)}\n`);
  exitOnceWritten(2);
});

/**
 * Exits once the command's output is written. Left to itself, Node would first wait for V8's
 * background work (an optimising compile still running) and free the heap page by page: 10 to 30 ms
 * of a short command such as `validate`. Everything a command starts (servers, the official
 * validator, the browser) is closed before `main` resolves; 'exit' handlers still run. Writes to files
 * and pipes are synchronous on Linux; a stream that still holds data (a pipe on macOS, a terminal on
 * Windows) is drained first.
 */
function exitOnceWritten(code) {
  process.exitCode = code;
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (pending.length === 0) process.exit(code);
  let left = pending.length;
  for (const s of pending) {
    const done = () => {
      if (--left === 0) process.exit(code);
    };
    s.once('drain', done);
    s.once('error', done);
  }
}
