/** The work of `sas-recette validate` (declared in src/cli/commands/validate.ts): validates, then prints. */
import { resolve } from 'node:path';
import { textOf } from '../../core/findings.js';
import { parseNow } from '../../core/parse-values.js';
import { defaultPackageSources, definitionsCacheDir } from '../../fhir/packages/index.js';
import { OFFICIAL_STARTING, officialFileOptions } from '../../official/cli-options.js';
import { formatJson, formatText } from '../../report/validation/index.js';
import { parseSearch } from '../../sas/search.js';
import { validateFile } from '../../validate/validate-file.js';
import type { ValidateOptions } from '../commands/validate.js';
import { tuneForShortValidation } from '../short-run.js';
import type { CliContext } from '../context.js';

export async function validateAction(ctx: CliContext, file: string, opts: ValidateOptions): Promise<void> {
  const { io } = ctx;
  const now = parseNow(opts.now);
  const search = opts.search !== undefined ? parseSearch(opts.search) : undefined;
  const sources = opts.packages.length > 0 ? opts.packages.map((p) => resolve(io.cwd, p)) : defaultPackageSources(io.env);
  const official = officialFileOptions(opts, io, () => io.stderr(ctx.color.dim(`${textOf(OFFICIAL_STARTING, opts.lang)}\n`)));
  if (file !== '-') tuneForShortValidation(resolve(io.cwd, file));
  const report = await validateFile({
    input: file,
    from: io,
    sources,
    ig: opts.ig,
    cache: definitionsCacheDir(io.env) ?? false,
    profile: opts.profile,
    useCase: opts.useCase,
    now,
    search,
    ...(official ? { official } : {}),
  });
  // In JSON the unavailable reason is in `official.unavailable`; say it on stderr too.
  const unavailable = report.official?.unavailable;
  if (unavailable && opts.format === 'json') io.stderr(ctx.color.yellow(`${textOf(unavailable, opts.lang)}\n`));
  io.stdout(
    opts.format === 'json'
      ? formatJson(report, opts.lang)
      : formatText(report, { lang: opts.lang, color: ctx.color, all: Boolean(opts.all) }),
  );
  ctx.setExitCode(report.valid ? 0 : 1);
}
