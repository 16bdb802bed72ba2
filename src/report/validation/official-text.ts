/**
 * Human output of the official HL7 validator's part of `validate` (`--official-validator`): its own
 * section, never merged with our findings, then the disagreements between the two engines.
 */
import type { ChalkInstance } from 'chalk';
import { textOf, type Lang } from '../../core/findings.js';
import { countDisagreements } from '../../official/compare-engines.js';
import type { Disagreement } from '../../official/types.js';
import type { OfficialReport } from '../../validate/official.js';
import { groupFindingsByResource, groupLines } from '../finding-groups.js';
import { countsText, SEVERITY_LABEL } from '../finding-line.js';
import { terminalSafe } from '../terminal.js';
import { append } from '../../core/append.js';

export const OFFICIAL_HEADING = 'Validateur officiel HL7 / Official HL7 validator';
export const DISAGREEMENTS_HEADING = 'Désaccords / Disagreements';

const WORDS = {
  fr: {
    version: 'version',
    versionUnknown: 'version non annoncée',
    gates: 'ses erreurs décident aussi du verdict (--official-validator-gates)',
    noGates: 'pour information : ses constats ne décident pas du verdict',
    none: 'aucun constat',
    scope: 'erreurs de structure comparées (règles SAS, transport et attendus sont propres à sas-recette)',
    onlyOurs: 'erreur chez sas-recette seulement',
    onlyOfficial: 'erreur chez le validateur officiel seulement',
    ours: 'sas-recette',
    official: 'validateur officiel',
    nothing: 'rien à cet endroit',
    colon: ' : ',
    noDisagreement: 'aucun désaccord sur les erreurs',
    total: (ours: number, official: number) => `${ours} chez sas-recette seulement, ${official} chez le validateur officiel seulement`,
  },
  en: {
    version: 'version',
    versionUnknown: 'version not announced',
    gates: 'its errors also decide the verdict (--official-validator-gates)',
    noGates: 'for information: its findings do not decide the verdict',
    none: 'no finding',
    scope: "structural errors compared (SAS rules, transport and expectations are sas-recette's alone)",
    onlyOurs: 'error only from sas-recette',
    onlyOfficial: 'error only from the official validator',
    ours: 'sas-recette',
    official: 'official validator',
    nothing: 'nothing at this place',
    colon: ': ',
    noDisagreement: 'no disagreement on errors',
    total: (ours: number, official: number) => `${ours} only from sas-recette, ${official} only from the official validator`,
  },
} as const;

function disagreementLines(d: Disagreement, lang: Lang, color: ChalkInstance): string[] {
  const w = WORDS[lang];
  const mine = d.reportedBy === 'official' ? w.onlyOfficial : w.onlyOurs;
  const other = d.reportedBy === 'official' ? w.ours : w.official;
  const where = `${terminalSafe(d.location)}${d.resource ? ` (${terminalSafe(d.resource)})` : ''}`;
  const out = [`  ${color.bold(where)} — ${color.red(mine)}`];
  for (const f of d.findings) out.push(`      ${color.bold(terminalSafe(f.ruleId))}: ${terminalSafe(textOf(f.message, lang))}`);
  const said = d.otherEngine.map((f) => `${SEVERITY_LABEL[lang][f.severity]} ${terminalSafe(f.ruleId)}`);
  out.push(color.dim(`      ${other}${w.colon}${said.length ? said.join(', ') : w.nothing}`));
  return out;
}

export function officialTextLines(o: OfficialReport, rootLabel: string, lang: Lang, color: ChalkInstance): string[] {
  const w = WORDS[lang];
  const out: string[] = [color.bold.underline(OFFICIAL_HEADING)];
  const version = o.version ? `${w.version} ${terminalSafe(o.version)}` : w.versionUnknown;
  out.push(color.dim(`  ${terminalSafe(o.jar)} · ${version} · ${o.gates ? w.gates : w.noGates}`));
  if (o.unavailable) {
    const [first, ...rest] = textOf(o.unavailable, lang).split('\n');
    out.push(color.yellow(`  ⚠ ${terminalSafe(first)}`));
    for (const line of rest) out.push(color.dim(`    ${terminalSafe(line)}`));
    return out;
  }
  append(out, groupLines(groupFindingsByResource(o.findings, rootLabel), lang, color));
  out.push(`  → ${o.findings.length === 0 ? w.none : countsText(o.counts, lang).join(', ')}`);
  out.push('', color.bold.underline(DISAGREEMENTS_HEADING), color.dim(`  ${w.scope}`));
  for (const d of o.disagreements) append(out, disagreementLines(d, lang, color));
  const n = countDisagreements(o.disagreements);
  out.push(`  → ${o.disagreements.length === 0 ? w.noDisagreement : w.total(n['sas-recette'], n.official)}`);
  return out;
}
