/**
 * What `sas-recette verify` prints: the manifest's fingerprint first (the one the run's PV carries, so a
 * printed PV can be matched to its folder), each file that changed, is missing or was added, the FHIR
 * packages (intact, changed, or not checked here and why), then the verdict. In the run's language;
 * every path read from the folder goes through the terminal sanitiser. `--format json` gives the same
 * result as one JSON document.
 */
import type { Lang } from '../../core/findings.js';
import { colon } from '../../core/typography.js';
import { count } from '../console-words.js';
import { terminalSafe } from '../terminal.js';
import type { FileState, PackageCheck, VerifyResult } from './verify-folder.js';

export interface Paint {
  green: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  bold: (s: string) => string;
  dim: (s: string) => string;
}

const WORDS = {
  fr: {
    folder: 'Dossier vérifié',
    fingerprint: 'Empreinte du manifeste (SHA-256)',
    carried: 'le PV de cette exécution porte cette empreinte',
    now: 'celle de manifest.json tel qu’il est maintenant, qui n’est pas celle de l’exécution',
    recorded: 'SHA256SUMS enregistre',
    inPv: 'le PV affiche',
    state: { changed: 'modifié', missing: 'manquant', added: 'ajouté (listé nulle part)' } as Record<FileState, string>,
    files: (n: number) => `Fichiers${colon('fr')} ${count(n, 'fr', 'fichier intact', 'fichiers intacts')}`,
    notChecked: 'Fichiers NON VÉRIFIÉS\u00a0: le manifeste lui-même n’est pas intact, il ne peut pas servir à juger les autres fichiers',
    packages: 'Paquets FHIR',
    noPackages: 'aucun paquet FHIR chargé par l’exécution',
    pkg: {
      intact: 'intact',
      changed: 'MODIFIÉ (empreinte différente de celle de l’exécution)',
      'not-found': 'non vérifié ici\u00a0: introuvable sur cette machine (cherché dans',
      'not-recorded': 'non vérifié\u00a0: introuvable lors de l’exécution, aucune empreinte enregistrée',
      'other-form': 'non vérifié ici\u00a0: trouvé sous une autre forme (dossier extrait / .tgz) que lors de l’exécution',
    },
    intact: 'INTACT\u00a0: le dossier est tel que l’exécution l’a écrit',
    notIntact: 'NON INTACT',
    problems: (n: number) => count(n, 'fr', 'écart', 'écarts'),
    inputs: 'Entrées copiées',
  },
  en: {
    folder: 'Folder checked',
    fingerprint: 'Manifest fingerprint (SHA-256)',
    carried: 'the PV of this run carries this fingerprint',
    now: 'that of manifest.json as it is now, which is not the run’s',
    recorded: 'SHA256SUMS records',
    inPv: 'the PV shows',
    state: { changed: 'changed', missing: 'missing', added: 'added (listed nowhere)' } as Record<FileState, string>,
    files: (n: number) => `Files: ${count(n, 'en', 'file intact', 'files intact')}`,
    notChecked: 'Files NOT CHECKED: the manifest itself is not intact, so it cannot be used to judge the other files',
    packages: 'FHIR packages',
    noPackages: 'no FHIR package loaded by the run',
    pkg: {
      intact: 'intact',
      changed: 'CHANGED (fingerprint differs from the run’s)',
      'not-found': 'not checked here: not found on this machine (looked in',
      'not-recorded': 'not checked: not found when the run was made, no fingerprint recorded',
      'other-form': 'not checked here: found in another form (extracted folder / .tgz) than at the run',
    },
    intact: 'INTACT: the folder is as the run wrote it',
    notIntact: 'NOT INTACT',
    problems: (n: number) => count(n, 'en', 'difference', 'differences'),
    inputs: 'Inputs copied',
  },
} as const;

function packageLine(p: PackageCheck, r: VerifyResult, lang: Lang, paint: Paint): string {
  const w = WORDS[lang];
  const name = terminalSafe(p.package);
  const where = p.location ? ` — ${terminalSafe(p.location)}` : '';
  if (p.state === 'intact') return `  ${paint.green('✓')} ${name}${where}\n`;
  if (p.state === 'changed') return `  ${paint.red('✗')} ${name}${colon(lang)} ${paint.red(w.pkg.changed)}${where}\n`;
  const reason = p.reason ?? 'not-found';
  const text = reason === 'not-found' ? `${w.pkg['not-found']} ${r.packageSources.map(terminalSafe).join(', ')})` : w.pkg[reason];
  return `  ${paint.yellow('?')} ${name}${colon(lang)} ${paint.yellow(text)}\n`;
}

export function renderVerifyText(r: VerifyResult, lang: Lang, paint: Paint): string {
  const w = WORDS[lang];
  const c = colon(lang);
  let out = `${w.folder}${c} ${terminalSafe(r.folder)}\n`;
  out += `${w.fingerprint}${c} ${paint.bold(r.manifestSha256)}\n  (${r.filesChecked ? w.carried : w.now})\n`;
  if (r.manifestRecorded && r.manifestRecorded !== r.manifestSha256) out += `  ${w.recorded}${c} ${r.manifestRecorded}\n`;
  if (r.manifestInPv && r.manifestInPv !== r.manifestSha256) out += `  ${w.inPv}${c} ${r.manifestInPv}\n`;
  out += '\n';
  for (const p of r.problems) out += `  ${paint.red('✗')} ${w.state[p.state]}${c} ${terminalSafe(p.path)}\n`;
  out += r.filesChecked ? `${w.files(r.intactFiles)}\n` : `${paint.red(w.notChecked)}\n`;
  if (r.filesChecked) {
    out += `${w.packages}${c}${r.packages.length === 0 ? ` ${w.noPackages}` : ''}\n`;
    for (const p of r.packages) out += packageLine(p, r, lang, paint);
    const copied = r.inputs.filter((i) => i.path);
    if (copied.length > 0)
      out += `${w.inputs}${c}\n${copied.map((i) => `  ${terminalSafe(i.path ?? '')} ← ${terminalSafe(i.original)}\n`).join('')}`;
  }
  const differences = r.problems.length + r.packages.filter((p) => p.state === 'changed').length;
  out += `\n${r.intact ? paint.green(paint.bold(w.intact)) : paint.red(paint.bold(`${w.notIntact}${differences ? ` (${w.problems(differences)})` : ''}`))}\n`;
  return out;
}

/** The verification as JSON (`--format json`), stable key order, final newline. */
export function renderVerifyJson(r: VerifyResult): string {
  return `${JSON.stringify(
    {
      folder: r.folder,
      runId: r.runId,
      intact: r.intact,
      manifest: { sha256: r.manifestSha256, recordedInSums: r.manifestRecorded, shownInPv: r.manifestInPv },
      files: { checked: r.filesChecked, intact: r.intactFiles, problems: r.problems },
      packages: { sources: r.packageSources, checks: r.packages },
      inputs: r.inputs,
    },
    null,
    2,
  )}\n`;
}
