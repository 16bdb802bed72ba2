import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One process per worker for all its files instead of one per file: starting a worker and evaluating
    // the modules again for each of the 130 files cost about a third of the suite's wall time. Modules are
    // then evaluated once per worker and shared by its files, so test helpers register hooks only from the
    // functions each file calls (never at module level), tests restore what they change (environment
    // variables, spies, listeners), and no test uses vi.mock.
    isolate: false,
    // One worker more than there are cores (vitest's default is one fewer: a single worker on a 2-core
    // machine). Most of the suite's time is spent waiting: on the CLI processes it spawns, loopback
    // servers, time-outs, the browser. Measured on 2 cores: 319 s with 1 worker, 179 s with 3, 210 s with
    // 4 (CPU contention). Tests never share a port, a folder or the environment across files, so files
    // run side by side as they do one after another.
    maxWorkers: availableParallelism() + 1,
  },
});
