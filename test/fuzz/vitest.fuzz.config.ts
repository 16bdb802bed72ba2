/** Vitest configuration of `npm run fuzz`: the long fuzz run only (run.fuzz.ts), one worker. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: resolve(dirname(fileURLToPath(import.meta.url)), '../..'),
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    pool: 'forks',
    testTimeout: 6 * 3600_000,
  },
});
