/**
 * argv → exit code. Exit codes: 0 everything passed, 1 findings or failed checks, 2 usage or setup
 * problem (never a stack trace; `SAS_RECETTE_DEBUG=1` prints it).
 *
 * Every start loads only the commands' declarations (src/cli/commands/index.ts): `--help` and
 * `--version` load no package but commander; chalk and a command's work are loaded once it runs.
 */
import type { ChalkInstance } from 'chalk';
import { Command, CommanderError } from 'commander';
import { SetupError } from '../core/errors.js';
import type { CliContext, CliIo } from '../core/io.js';
import { TOOL_VERSION } from '../core/version.js';
import { COMMANDS } from './commands/index.js';
import { processIo } from './process-io.js';

const EXIT_HELP = `
Exit codes / codes de sortie:
  0  all checks passed (warnings allowed) / tout est conforme
  1  at least one check failed / au moins un contrôle en échec
  2  could not run as asked (usage, configuration, missing package) / exécution impossible
`;

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  let color: ChalkInstance | undefined;
  const ctx: CliContext = {
    io,
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
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
    });
  // Runs before the action of every command (a parent's hooks run before its subcommand's): the colour
  // decision needs chalk, which `--help` and `--version` never load.
  program.hook('preAction', async () => {
    const { decideColor } = await import('./context.js');
    color = decideColor(io.env, io.isTTY, argv);
  });
  for (const register of COMMANDS) register(program, ctx);
  program.commands.forEach((c) => {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    return handleError(err, io);
  }
}

function handleError(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    // --help, `help` and --version exit 0; help shown because a subcommand is missing is a usage error
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
    return 2; // commander already printed the message
  }
  if (err instanceof SetupError) {
    io.stderr(`sas-recette: ${err.message}\n`);
    if (err.hint) io.stderr(`  → ${err.hint}\n`);
    return 2;
  }
  const e = err as Error;
  io.stderr(`sas-recette: internal error: ${e?.message ?? String(err)}\n`);
  if (io.env.SAS_RECETTE_DEBUG) io.stderr(`${e?.stack ?? ''}\n`);
  else io.stderr('  (set SAS_RECETTE_DEBUG=1 to see the stack trace)\n');
  return 2;
}
