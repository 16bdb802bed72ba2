/** The command line as typed, for the PV (commander keeps the parsed argv on the root command, untyped). */
import type { Command } from 'commander';

export function commandLine(command: Command): string {
  const raw = ((command.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? []).slice(2);
  return ['sas-recette', ...raw].join(' ');
}
