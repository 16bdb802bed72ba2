/**
 * A start declares only the command named first on its command line (src/cli/commands/index.ts): each
 * entry's name must be the name its declaration gives commander, or that command could not be run.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandsFor } from '../../src/cli/commands/index.js';
import type { CliRunContext } from '../../src/cli/run-lang.js';

const ctx = { io: { env: {} }, lang: 'en' } as unknown as CliRunContext;

describe('the commands a start declares', () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s: the entry names the command it declares', (name, entry) => {
    const program = new Command('sas-recette');
    entry.register(program, ctx);
    expect(program.commands.map((c) => c.name())).toEqual([name]);
  });

  it('only the named command when the first word is one, else all of them', () => {
    expect(commandsFor(['node', 'sas-recette', 'validate', 'x.json']).map((c) => c.name)).toEqual(['validate']);
    for (const first of ['--help', 'help', 'valiadte', '--no-color', undefined]) {
      const argv = ['node', 'sas-recette', ...(first === undefined ? [] : [first])];
      expect(commandsFor(argv)).toBe(COMMANDS);
    }
  });
});
