/**
 * argv → exit code. Exit codes: 0 everything passed, 1 findings or failed checks, 2 usage or setup
 * problem (never a stack trace; `SAS_RECETTE_DEBUG=1` prints it).
 *
 * One language per start (src/cli/run-lang.ts: `--lang`, else SAS_RECETTE_LANG, else French), decided
 * before commander parses: its own errors (src/cli/usage-errors.ts), the setup errors and the command's
 * messages all use it.
 *
 * Every start loads only the commands' declarations (src/cli/commands/index.ts): `--help` and
 * `--version` load no package but commander; chalk and a command's work are loaded once it runs.
 */
import type { ChalkInstance } from 'chalk';
import { Command, CommanderError } from 'commander';
import { SetupError } from '../core/errors.js';
import type { Lang } from '../core/findings.js';
import type { CliIo } from '../core/io.js';
import { TOOL_VERSION } from '../core/version.js';
import { commandsFor } from './commands/index.js';
import { processIo } from './process-io.js';
import { runLang, type CliRunContext } from './run-lang.js';
import { usageErrorText } from './usage-errors.js';

const EXIT_HELP = `
Exit codes / codes de sortie:
  0  all checks passed (warnings allowed) / tout est conforme
  1  at least one check failed / au moins un contrôle en échec
  2  could not run as asked (usage, configuration, missing package) / exécution impossible
  130 / 143  run, demo: interrupted (Ctrl-C / SIGTERM) / exécution interrompue
Language / langue: --lang fr|en, else SAS_RECETTE_LANG, else fr (messages, errors, reports).
`;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  let color: ChalkInstance | undefined;
  const lang = runLang(argv.slice(2), io.env);
  const ctx: CliRunContext = {
    io,
    lang,
    // decided by the preAction hook below, before any command's action reads it
    get color(): ChalkInstance {
      if (!color) throw new Error('colours asked for before the command started');
      return color;
    },
    setExitCode: (c) => {
      exitCode = Math.max(exitCode, c);
    },
  };
  const program = new Command('sas-recette')
    .description('Conformance testing and connected acceptance of the SAS slot-aggregation FHIR API')
    .version(`${TOOL_VERSION} (node ${process.version})`, '-V, --version')
    .option('--no-color', 'disable colours (NO_COLOR is honoured too)')
    .addHelpText('after', EXIT_HELP)
    .showSuggestionAfterError()
    .exitOverride();
  // Runs before the action of every command (a parent's hooks run before its subcommand's): the colour
  // decision needs chalk, which `--help` and `--version` never load.
  program.hook('preAction', async () => {
    const { decideColor } = await import('./context.js');
    color = decideColor(io.env, io.isTTY, argv);
  });
  for (const c of commandsFor(argv)) c.register(program, ctx);
  routeOutput(program, io, lang);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    return handleError(err, io, lang);
  }
}

/**
 * Every command, subcommands included, writes to the command's streams and says its usage errors in the
 * run's language, naming its own `--help`.
 */
function routeOutput(command: Command, io: CliIo, lang: Lang, path = command.name()): void {
  command.exitOverride().configureOutput({
    writeOut: (s) => io.stdout(s),
    writeErr: (s) => io.stderr(s),
    outputError: (s, write) => write(usageErrorText(s, lang, path)),
  });
  for (const sub of command.commands) routeOutput(sub, io, lang, `${path} ${sub.name()}`);
}

function handleError(err: unknown, io: CliIo, lang: Lang): number {
  const fr = lang === 'fr';
  if (err instanceof CommanderError) {
    // --help, `help` and --version exit 0; help shown because a subcommand is missing is a usage error
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
    return 2; // already said, through outputError
  }
  if (err instanceof SetupError) {
    // "sas-recette:" names the program, as coreutils do in every language; the message follows, in the
    // run's language (its English text stays in err.message for logs and programmatic users)
    const { problem, hint } = err.textIn(lang);
    io.stderr(`sas-recette: ${problem}\n`);
    if (hint) io.stderr(`  → ${hint}\n`);
    return 2;
  }
  const e = err as Error;
  // French keeps the English words too: they are what a bug report, a log search or a test looks for
  io.stderr(`sas-recette: ${fr ? 'erreur interne (internal error) :' : 'internal error:'} ${e?.message ?? String(err)}\n`);
  if (io.env.SAS_RECETTE_DEBUG) io.stderr(`${e?.stack ?? ''}\n`);
  else io.stderr(fr ? '  (SAS_RECETTE_DEBUG=1 affiche la pile des appels)\n' : '  (set SAS_RECETTE_DEBUG=1 to see the stack trace)\n');
  return 2;
}
