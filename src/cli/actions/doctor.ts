/** The work of `sas-recette doctor` (declared in src/cli/commands/doctor.ts): runs the checks, prints the checklist. */
import { resolve } from 'node:path';
import { exitCodeOf } from '../../doctor/checklist.js';
import { DEFAULT_TIMEOUTS } from '../../doctor/inputs.js';
import { renderJson, renderText } from '../../doctor/render.js';
import { runDoctor } from '../../doctor/run-doctor.js';
import type { DoctorOptions } from '../commands/doctor.js';
import type { CliRunContext } from '../run-lang.js';

export async function doctorAction(ctx: CliRunContext, o: DoctorOptions): Promise<void> {
  const abs = (f: string | undefined): string | undefined => (f === undefined ? undefined : resolve(ctx.io.cwd, f));
  const report = await runDoctor({
    baseUrl: o.baseUrl,
    tls: { cert: abs(o.cert), key: abs(o.key), passphraseEnv: o.passphraseEnv, ca: abs(o.ca), insecure: o.insecure ?? false },
    tlsProfile: abs(o.tlsProfile),
    jddFiles: o.jdd.map((f) => resolve(ctx.io.cwd, f)),
    cahier: o.cahier.map((f) => resolve(ctx.io.cwd, f)),
    ig: o.ig,
    packages: o.packages.map((p) => resolve(ctx.io.cwd, p)),
    env: ctx.io.env,
    now: () => new Date(),
    timeouts: DEFAULT_TIMEOUTS,
  });
  ctx.io.stdout(o.format === 'json' ? renderJson(report, o.lang) : renderText(report, o.lang, ctx.color));
  ctx.setExitCode(exitCodeOf(report));
}
