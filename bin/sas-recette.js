#!/usr/bin/env node
// Entry point for `npx sas-recette`: runs the compiled CLI from dist/ (built by `npm run build`, which
// `npm install` runs through the `prepare` script).
import module from 'node:module';

// Node >= 22.1 keeps compiled code of the modules in a cache folder between runs (start-up time); a no-op on Node 20.
module.enableCompileCache?.();

const { main } = await import('../dist/cli/main.js');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`sas-recette: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
