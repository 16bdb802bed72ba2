import { describe, expect, it } from 'vitest';
import { runCli } from '../validate/helpers.js';

describe('sas-recette exit codes for usage', () => {
  it('--help and --version exit 0 and print to stdout', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes / codes de sortie');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+ \(node v\d+/);
  });

  it('an unknown command or option is a usage error (2), with a suggestion', async () => {
    const r = await runCli(['valdate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/commande inconnue «\u00a0valdate\u00a0»/);
    expect(r.stderr).toMatch(/Vouliez-vous dire validate\u00a0\?/);
    expect((await runCli(['validate', '--no-such-option', 'x.json'])).code).toBe(2);
  });

  it('a command group without its subcommand shows help and exits 2', async () => {
    const r = await runCli(['ig']);
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).toContain('install');
  });
});
