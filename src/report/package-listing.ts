/**
 * Text output of `sas-recette ig list`, in the run's language: sources, packages found, the dependency
 * state of each SAS IG version, and the definitions cache. Paths and ids come from the file system, so
 * they go through terminalSafe too.
 */
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../core/findings.js';
import type { CacheListing } from '../fhir/packages/index.js';
import type { PackageListing } from '../validate/ig-status.js';
import { terminalSafe } from './terminal.js';
import { NBSP } from '../core/typography.js';

const T = {
  fr: {
    sources: `Sources de packages${NBSP}:`,
    absent: ' (n’existe pas)',
    noSource: '  (aucune)',
    found: (n: number) => `Packages trouvés (${n})${NBSP}:`,
    none: '  (aucun)',
    dependencies: `dépendances${NBSP}:`,
    // the three marks have the same width, so that the package names line up
    present: '✓ présent  ',
    mapped: '~ substitué',
    missing: '✗ absent   ',
    notChecked: `ses profils et jeux de valeurs sont signalés «${NBSP}non vérifiés${NBSP}»`,
    noDependency: '  (aucune déclarée)',
    notFound: (ig: string) => `${ig} introuvable dans ces sources.`,
    install: (ig: string) =>
      `  → indiquer le dossier avec --packages DIR ou SAS_RECETTE_PACKAGES, ou l’installer${NBSP}: sas-recette ig install ${ig}#1.2.0 --from FILE.tgz`,
    cacheOff: `Cache des définitions${NBSP}: désactivé`,
    cacheOffWhy: ` (SAS_RECETTE_CACHE=off${NBSP}: les packages sont lus à chaque démarrage)`,
    cache: `Cache des définitions${NBSP}: `,
    cacheHow: ' (SAS_RECETTE_CACHE pour le changer, off pour le désactiver)',
    empty: (exists: boolean) => `  (vide${NBSP}: ${exists ? '' : `dossier pas encore créé${NBSP}; `}le prochain validate le remplit)`,
    current: 'à jour',
    stale: 'inutilisée (autre contenu de package ou autre version de l’outil)',
    entries: (n: number) => `${n} ${n === 1 ? 'entrée' : 'entrées'}`,
    staleCount: (n: number) =>
      ` — ${n} ${n === 1 ? 'inutilisée' : 'inutilisées'}${NBSP}: sas-recette ig cache clear retire toutes les entrées (reconstruites au besoin)`,
  },
  en: {
    sources: 'Package sources:',
    absent: ' (does not exist)',
    noSource: '  (none)',
    found: (n: number) => `Packages found (${n}):`,
    none: '  (none)',
    dependencies: 'dependencies:',
    present: '✓ present',
    mapped: '~ mapped ',
    missing: '✗ missing',
    notChecked: 'its profiles and value sets are reported "not checked"',
    noDependency: '  (none declared)',
    notFound: (ig: string) => `${ig} not found in these sources.`,
    install: (ig: string) =>
      `  → give the folder with --packages DIR or SAS_RECETTE_PACKAGES, or install it: sas-recette ig install ${ig}#1.2.0 --from FILE.tgz`,
    cacheOff: 'Definitions cache: off',
    cacheOffWhy: ' (SAS_RECETTE_CACHE=off: packages are read at every start)',
    cache: 'Definitions cache: ',
    cacheHow: ' (SAS_RECETTE_CACHE to change, off to disable)',
    empty: (exists: boolean) => `  (empty: ${exists ? '' : 'folder not created yet; '}the next validate builds it)`,
    current: 'current',
    stale: 'not used (another package content or tool version)',
    entries: (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`,
    staleCount: (n: number) => ` — ${n} not used: sas-recette ig cache clear removes every entry (rebuilt when needed)`,
  },
} as const;

export function formatPackageListing(listing: PackageListing, color: ChalkInstance, igId: string, lang: Lang): string {
  const t = T[lang];
  const out: string[] = [];
  out.push(color.bold(t.sources));
  for (const s of listing.sources) out.push(`  ${terminalSafe(s.source)}${s.exists ? '' : color.yellow(t.absent)}`);
  if (listing.sources.length === 0) out.push(t.noSource);
  out.push('');
  out.push(color.bold(t.found(listing.packages.length)));
  const width = Math.max(0, ...listing.packages.map((p) => p.id.length + p.version.length + 1));
  for (const p of listing.packages) {
    out.push(`  ${terminalSafe(`${p.id}#${p.version}`).padEnd(width)}  ${p.kind.padEnd(5)}  ${color.dim(terminalSafe(p.location))}`);
  }
  if (listing.packages.length === 0) out.push(t.none);
  for (const ig of listing.igs) {
    out.push('');
    out.push(color.bold(`${ig.id}#${ig.version} — ${t.dependencies}`));
    const w = Math.max(0, ...ig.dependencies.map((d) => d.id.length + d.version.length + 1));
    for (const d of ig.dependencies) {
      const name = terminalSafe(`${d.id}#${d.version}`).padEnd(w);
      const via = d.requiredBy === `${ig.id}#${ig.version}` ? '' : color.dim(` (via ${terminalSafe(d.requiredBy)})`);
      if (d.state === 'present') out.push(`  ${color.green(t.present)}  ${name}${via}`);
      else if (d.state === 'mapped') {
        out.push(`  ${color.yellow(t.mapped)}  ${name} → ${terminalSafe(`${d.used!.id}#${d.used!.version}`)}${via}`);
      } else out.push(`  ${color.red(t.missing)}  ${name}${via}  ${color.dim(t.notChecked)}`);
    }
    if (ig.dependencies.length === 0) out.push(t.noDependency);
  }
  if (listing.cache) out.push('', ...formatCacheListing(listing.cache, color, lang));
  if (listing.igs.length === 0) {
    out.push('');
    out.push(color.red(t.notFound(igId)));
    out.push(t.install(igId));
  }
  return `${out.join('\n')}\n`;
}

/** The definitions cache section: folder, then one line per entry (package, size, date, whether current). */
export function formatCacheListing(cache: CacheListing, color: ChalkInstance, lang: Lang): string[] {
  const t = T[lang];
  if (!cache.dir) return [color.bold(t.cacheOff) + color.dim(t.cacheOffWhy)];
  const out = [color.bold(t.cache) + terminalSafe(cache.dir) + color.dim(t.cacheHow)];
  if (cache.entries.length === 0) {
    out.push(t.empty(cache.exists));
    return out;
  }
  const width = Math.max(...cache.entries.map((e) => e.id.length + e.version.length + 1));
  for (const e of cache.entries) {
    const state = e.current ? color.green(t.current) : color.dim(t.stale);
    out.push(
      `  ${terminalSafe(`${e.id}#${e.version}`).padEnd(width)}  ${formatBytes(e.bytes, lang).padStart(8)}  ${localTime(e.written)}  ${state}`,
    );
  }
  const stale = cache.entries.filter((e) => !e.current).length;
  out.push(`  ${t.entries(cache.entries.length)}, ${formatBytes(cache.bytes, lang)}${stale > 0 ? t.staleCount(stale) : ''}`);
  return out;
}

/** A size in bytes, KB or MB (French: o, Ko, Mo, decimal comma, non-breaking space before the unit). */
export function formatBytes(n: number, lang: Lang): string {
  const [amount, unit] =
    n >= 1024 * 1024 ? [(n / (1024 * 1024)).toFixed(1), 'M'] : n >= 1024 ? [(n / 1024).toFixed(1), 'K'] : [String(n), ''];
  return lang === 'fr' ? `${amount.replace('.', ',')}${NBSP}${unit}o` : `${amount} ${unit}B`;
}

/** `YYYY-MM-DD HH:MM` in the local time zone. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
