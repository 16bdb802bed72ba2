/** The work of `sas-recette watch` (declared in src/cli/commands/watch.ts): reads the options, starts the watch. */
import { resolve } from 'node:path';
import { parseDuration, parseUseCases } from '../../core/parse-values.js';
import { parseEvery, parseFor } from '../../watch/durations.js';
import { startWatch, type WatchDeps } from '../../watch/start-watch.js';
import type { WatchOptions } from '../commands/watch.js';
import type { CliContext } from '../context.js';

export async function watchAction(ctx: CliContext, o: WatchOptions, deps: WatchDeps = {}): Promise<void> {
  const abs = (f: string | undefined) => (f === undefined ? undefined : resolve(ctx.io.cwd, f));
  await startWatch(
    ctx,
    {
      baseUrl: o.baseUrl,
      jddFiles: o.jdd.map((f) => resolve(ctx.io.cwd, f)),
      cahier: o.cahier.map((f) => resolve(ctx.io.cwd, f)),
      useCases: parseUseCases(o.useCase),
      history: abs(o.history),
      schedule: { once: o.once === true, everyMs: parseEvery(o.every), forMs: parseFor(o.for) },
      tls: { cert: abs(o.cert), key: abs(o.key), passphraseEnv: o.passphraseEnv, ca: abs(o.ca) },
      timeoutMs: parseDuration(o.timeout),
      ig: o.ig,
      packages: o.packages.map((p) => resolve(ctx.io.cwd, p)),
      lang: o.lang,
    },
    deps,
  );
}
