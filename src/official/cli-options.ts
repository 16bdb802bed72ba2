/**
 * `--official-validator JAR` and its companions (`--official-validator-gates`, `--official-tx URL`)
 * as `validate`, `run` and `demo` read them: what to ask of the official HL7 validator, or nothing.
 * A companion option without the jar is a usage error.
 */
import { SetupError } from '../core/errors.js';
import type { Message } from '../core/findings.js';
import type { CliIo } from '../core/io.js';

export const OFFICIAL_STARTING: Message = {
  fr: 'Démarrage du validateur officiel HL7 (le chargement des paquets peut prendre quelques minutes)…',
  en: 'Starting the official HL7 validator (loading the packages may take a few minutes)…',
};

/** The official validator's options, or nothing; its companion options without it are a usage error. */
export function officialFileOptions(o: OfficialCliOptions, io: CliIo, onStart: () => void): OfficialRequest | undefined {
  if (!o.officialValidator) {
    const orphan = o.officialValidatorGates ? '--official-validator-gates' : o.officialTx !== undefined ? '--official-tx' : undefined;
    if (orphan)
      throw new SetupError(
        { fr: `${orphan} demande --official-validator JAR`, en: `${orphan} needs --official-validator JAR` },
        { fr: 'par exemple --official-validator ~/tools/validator_cli.jar', en: 'e.g. --official-validator ~/tools/validator_cli.jar' },
      );
    return undefined;
  }
  return {
    jar: o.officialValidator,
    gates: Boolean(o.officialValidatorGates),
    ...(o.officialTx !== undefined ? { txServer: o.officialTx } : {}),
    env: io.env,
    cwd: io.cwd,
    ...(io.env.SAS_RECETTE_DEBUG ? { log: (line: string) => io.stderr(`${line}\n`) } : {}),
    onStart,
  };
}

/** The three options as parsed from the command line. */
export interface OfficialCliOptions {
  officialValidator?: string;
  officialValidatorGates?: boolean;
  officialTx?: string;
}

/** What the command asks of the official validator (the shape of validate's OfficialFileOptions). */
export interface OfficialRequest {
  jar: string;
  gates: boolean;
  txServer?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  log?: (line: string) => void;
  onStart: () => void;
}
