/**
 * Text output of `sas-recette ig list`: sources, packages found, and the dependency state of each SAS IG
 * version. Paths and ids come from the file system, so they go through terminalSafe too.
 */
import type { ChalkInstance } from 'chalk';
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
  if (listing.igs.length === 0) {
    out.push('');
    out.push(color.red(`${igId} not found in these sources.`));
    out.push(
      `  → give the folder with --packages DIR or SAS_RECETTE_PACKAGES, or install it: sas-recette ig install ${igId}#1.2.0 --from FILE.tgz`,
    );
  }
  return `${out.join('\n')}\n`;
}
