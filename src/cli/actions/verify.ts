/** The work of `sas-recette verify` (declared in src/cli/commands/verify.ts): a run folder checked against its manifest. */
import { resolve } from 'node:path';
import { openRunFolder, packageSourcesOf, renderVerifyJson, renderVerifyText, verifyRunFolder } from '../../report/manifest/index.js';
import type { VerifyOptions } from '../commands/verify.js';
import type { CliContext } from '../context.js';

export async function verifyAction(ctx: CliContext, dir: string, opts: VerifyOptions): Promise<void> {
  const { io } = ctx;
  const folder = openRunFolder(dir, io.cwd);
  const sources = packageSourcesOf(
    opts.packages.map((p) => resolve(io.cwd, p)),
    io.env,
  );
  const result = await verifyRunFolder(folder, sources);
  io.stdout(opts.format === 'json' ? renderVerifyJson(result) : renderVerifyText(result, opts.lang, ctx.color));
  ctx.setExitCode(result.intact ? 0 : 1);
}
