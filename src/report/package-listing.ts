/**
 * Text output of `sas-recette ig list`: sources, packages found, the dependency state of each SAS IG
 * version, and the definitions cache. Paths and ids come from the file system, so they go through
 * terminalSafe too.
 */
import type { ChalkInstance } from 'chalk';
import type { CacheListing } from '../fhir/packages/index.js';
import type { PackageListing } from '../validate/ig-status.js';
import { terminalSafe } from './terminal.js';

export function formatPackageListing(listing: PackageListing, color: ChalkInstance, igId: string): string {
  const out: string[] = [];
  out.push(color.bold('Package sources:'));
  for (const s of listing.sources) out.push(`  ${terminalSafe(s.source)}${s.exists ? '' : color.yellow(' (does not exist)')}`);
  if (listing.sources.length === 0) out.push('  (none)');
  out.push('');
  out.push(color.bold(`Packages found (${listing.packages.length}):`));
  const width = Math.max(0, ...listing.packages.map((p) => p.id.length + p.version.length + 1));
  for (const p of listing.packages) {
    out.push(`  ${terminalSafe(`${p.id}#${p.version}`).padEnd(width)}  ${p.kind.padEnd(5)}  ${color.dim(terminalSafe(p.location))}`);
  }
  if (listing.packages.length === 0) out.push('  (none)');
  for (const ig of listing.igs) {
    out.push('');
    out.push(color.bold(`${ig.id}#${ig.version} — dependencies:`));
    const w = Math.max(0, ...ig.dependencies.map((d) => d.id.length + d.version.length + 1));
    for (const d of ig.dependencies) {
      const name = terminalSafe(`${d.id}#${d.version}`).padEnd(w);
      const via = d.requiredBy === `${ig.id}#${ig.version}` ? '' : color.dim(` (via ${terminalSafe(d.requiredBy)})`);
      if (d.state === 'present') out.push(`  ${color.green('✓ present')}  ${name}${via}`);
      else if (d.state === 'mapped') {
        out.push(`  ${color.yellow('~ mapped ')}  ${name} → ${terminalSafe(`${d.used!.id}#${d.used!.version}`)}${via}`);
      } else out.push(`  ${color.red('✗ missing')}  ${name}${via}  ${color.dim('its profiles and value sets are reported "not checked"')}`);
    }
    if (ig.dependencies.length === 0) out.push('  (none declared)');
  }
  if (listing.cache) out.push('', ...formatCacheListing(listing.cache, color));
  if (listing.igs.length === 0) {
    out.push('');
    out.push(color.red(`${igId} not found in these sources.`));
    out.push(
      `  → give the folder with --packages DIR or SAS_RECETTE_PACKAGES, or install it: sas-recette ig install ${igId}#1.2.0 --from FILE.tgz`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** The definitions cache section: folder, then one line per entry (package, size, date, whether current). */
export function formatCacheListing(cache: CacheListing, color: ChalkInstance): string[] {
  if (!cache.dir) return [color.bold('Definitions cache: off') + color.dim(' (SAS_RECETTE_CACHE=off: packages are read at every start)')];
  const out = [color.bold('Definitions cache: ') + terminalSafe(cache.dir) + color.dim(' (SAS_RECETTE_CACHE to change, off to disable)')];
  if (cache.entries.length === 0) {
    out.push(`  (empty: ${cache.exists ? '' : 'folder not created yet; '}the next validate builds it)`);
    return out;
  }
  const width = Math.max(...cache.entries.map((e) => e.id.length + e.version.length + 1));
  for (const e of cache.entries) {
    const state = e.current ? color.green('current') : color.dim('not used (another package content or tool version)');
    out.push(
      `  ${terminalSafe(`${e.id}#${e.version}`).padEnd(width)}  ${formatBytes(e.bytes).padStart(8)}  ${localTime(e.written)}  ${state}`,
    );
  }
  const stale = cache.entries.filter((e) => !e.current).length;
  out.push(
    `  ${cache.entries.length} ${cache.entries.length === 1 ? 'entry' : 'entries'}, ${formatBytes(cache.bytes)}` +
      (stale > 0 ? ` — ${stale} not used: sas-recette ig cache clear removes every entry (rebuilt when needed)` : ''),
  );
  return out;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

/** `YYYY-MM-DD HH:MM` in the local time zone. */
function localTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
