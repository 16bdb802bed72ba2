/**
 * What a re-judging judges with: the cahier (`--cahier`, else the shipped one), the JDDs (`--jdd`, else
 * the copies kept in the run folder (`inputs/jdd/`, checked against its manifest), else the files the run
 * recorded when they all still exist, else the shipped ones) and the FHIR packages
 * (`--ig`, `--packages`, as `run` loads them). Which were used is said in a note of the new run, since
 * a JDD or a cahier that changed changes the requests, and the cases then cannot be replayed.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { SetupError } from '../../core/errors.js';
import type { Message } from '../../core/findings.js';
import type { RunResult } from '../../core/model.js';
import type { CaseKind } from '../../cahier/kinds.js';
import { SHIPPED_JDD_FILES } from '../../jdd/load-jdd.js';
import { hashFile } from '../../report/manifest/hash.js';
import { MANIFEST_FILE, type Manifest } from '../../report/manifest/types.js';
import type { TlsProfile } from '../../transport/tls-profile.js';
import type { FlowDeps } from '../../flows/index.js';
import { loadStructure, prepareRun, type PreparedRun, type StructureSetup } from '../prepare.js';
import { registeredKinds } from '../registered-kinds.js';

export interface RejudgeInputsOptions {
  original: RunResult;
  /** Absolute paths; empty: the defaults above. */
  cahier: string[];
  jddFiles: string[];
  ig: string;
  packages: string[];
  env: NodeJS.ProcessEnv;
  /** Folder the run's recorded (relative) JDD paths are read from: the working folder. */
  cwd: string;
  /** How files are named in the note. */
  displayPath: (file: string) => string;
  /** The run's folder: its manifest's copies of the JDDs are used first. */
  runDir?: string;
}

export interface RejudgeInputs {
  prepared: PreparedRun;
  structure: StructureSetup;
  /** Every kind the cahier may name (the replayable ones run; the others only let the cahier load). */
  kinds: CaseKind[];
  /** Which cahier and JDDs were used, and why. */
  notes: Message[];
}

/**
 * The copies of the run's JDDs kept in its folder, when its manifest lists one for each; a copy that no
 * longer matches the manifest is a SetupError naming it (judging other data than the run's would judge
 * another run: `verify` says what changed).
 */
async function keptJdds(runDir: string | undefined): Promise<string[] | undefined> {
  if (!runDir || !existsSync(join(runDir, MANIFEST_FILE))) return undefined;
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(await readFile(join(runDir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>;
  } catch {
    return undefined; // not readable: the recorded paths below, as for a run made before manifests
  }
  const jdds = (manifest.inputs ?? []).filter((i) => i.kind === 'jdd');
  if (jdds.length === 0 || jdds.some((i) => !i.path)) return undefined;
  const files: string[] = [];
  for (const input of jdds) {
    const file = join(runDir, input.path!);
    const listed = manifest.files?.find((f) => f.path === input.path);
    const actual = existsSync(file) ? (await hashFile(file)).sha256 : undefined;
    if (!listed || actual !== listed.sha256)
      throw new SetupError(
        {
          fr: `${file}\u00a0: copie du JDD de la recette ${actual ? 'modifiée depuis la recette' : 'absente'} (manifest.json)`,
          en: `${file}: the run's copy of its JDD ${actual ? 'was changed since the run' : 'is missing'} (manifest.json)`,
        },
        { fr: `voir ce qui a changé\u00a0: sas-recette verify ${runDir}`, en: `see what changed: sas-recette verify ${runDir}` },
      );
    files.push(file);
  }
  return files;
}

/** The JDD files to use and how they were chosen. */
async function chooseJdds(o: RejudgeInputsOptions): Promise<{ files: string[]; note: Message }> {
  const shown = (files: readonly string[]) => files.map(o.displayPath).join(', ');
  if (o.jddFiles.length > 0)
    return {
      files: o.jddFiles,
      note: { fr: `JDD donnés (--jdd)\u00a0: ${shown(o.jddFiles)}`, en: `JDD given (--jdd): ${shown(o.jddFiles)}` },
    };
  const kept = await keptJdds(o.runDir);
  if (kept)
    return {
      files: kept,
      note: {
        fr: `JDD de la recette d’origine, copies gardées dans son dossier\u00a0: ${shown(kept)}`,
        en: `JDD of the original run, the copies kept in its folder: ${shown(kept)}`,
      },
    };
  const recorded = o.original.jdd.files.map((f) => (isAbsolute(f) ? f : resolve(o.cwd, f)));
  const missing = recorded.filter((f) => !existsSync(f));
  if (recorded.length > 0 && missing.length === 0)
    return {
      files: recorded,
      note: {
        fr: `JDD enregistrés par la recette d’origine\u00a0: ${shown(recorded)}`,
        en: `JDD recorded by the original run: ${shown(recorded)}`,
      },
    };
  const gone = missing.length > 0 ? missing.map(o.displayPath).join(', ') : '—';
  return {
    files: [...SHIPPED_JDD_FILES],
    note: {
      fr: `JDD livrés avec l’outil (ceux de la recette d’origine sont introuvables\u00a0: ${gone})\u00a0: ${shown(SHIPPED_JDD_FILES)}`,
      en: `JDD shipped with the tool (the original run's are not found: ${gone}): ${shown(SHIPPED_JDD_FILES)}`,
    },
  };
}

/** Loads the cahier, the JDDs and the IG of a re-judging; unusable input is a SetupError (exit 2). */
export async function loadRejudgeInputs(o: RejudgeInputsOptions): Promise<RejudgeInputs> {
  const deps: FlowDeps & { tlsProfile?: TlsProfile } = {};
  const kinds = registeredKinds(deps);
  const structurePending = loadStructure({ ig: o.ig, packages: o.packages, env: o.env });
  const jdd = await chooseJdds(o).catch(async (err: unknown) => {
    await structurePending.catch(() => undefined);
    throw err;
  });
  let prepared: PreparedRun;
  try {
    // every case of the run's use cases: the run's own are picked by id when re-judging
    prepared = prepareRun({ jddFiles: jdd.files, cahier: o.cahier, useCases: o.original.useCases, selection: {}, kinds });
  } catch (err) {
    await structurePending.catch(() => undefined);
    throw err;
  }
  // the booking base URLs the original run judged against, where it changed the JDD's (the demo)
  const booking = o.original.jdd.bookingBaseUrls ?? {};
  for (const j of prepared.jdds) if (booking[j.id] !== undefined) j.bookingBaseUrl = booking[j.id];
  const structure = await structurePending;
  deps.definitions = structure.index; // the CapabilityStatement comparison reads the IG's statements
  const cahier: Message =
    o.cahier.length > 0
      ? {
          fr: `cahier donné (--cahier)\u00a0: ${o.cahier.map(o.displayPath).join(', ')}`,
          en: `cahier given (--cahier): ${o.cahier.map(o.displayPath).join(', ')}`,
        }
      : { fr: 'cahier livré avec l’outil (testcases/)', en: 'cahier shipped with the tool (testcases/)' };
  return { prepared, structure, kinds, notes: [cahier, jdd.note] };
}
