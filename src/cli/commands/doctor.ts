/**
 * `sas-recette doctor`: check what usually goes wrong before a run: certificates, clock, proxy, network, TLS, packages, JDD. Declares the command; its work is src/cli/actions/doctor.ts, loaded when
 * it runs. (Placeholder: the command is being written.)
 */
import type { Command } from 'commander';
import type { CliRunContext } from '../run-lang.js';

export function register(program: Command, _ctx: CliRunContext): void {
  program.command('doctor').description('check what usually goes wrong before a run: certificates, clock, proxy, network, TLS, packages, JDD');
}
