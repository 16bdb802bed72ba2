/**
 * Identification block: PV number, system under test, test basis, tooling and session, and the SHA-256
 * of the run folder's manifest (src/report/manifest/), by which a printed PV is matched to its run.
 */
import type { RunOfficial, RunResult } from '../../core/model.js';
import type { ManifestMark } from '../manifest/types.js';
import { humanInZone, PARIS } from '../format.js';
import { html, type HtmlPart, type SafeHtml } from './escape.js';
import type { Labels } from './i18n.js';

export function row(label: string, value: HtmlPart): SafeHtml {
  return html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
}

export function orMissing(value: string | undefined, t: Labels): HtmlPart {
  return value && value.trim() ? value : html`<em>${t.notProvided}</em>`;
}

function filesWithHash(files: string[], sha256: string, t: Labels): SafeHtml {
  const list = files.length ? files.map((f) => html`<code>${f}</code>`) : [html`<em>${t.notProvided}</em>`];
  return html`${list.map((f, i) => html`${i ? html`<br>` : ''}${f}`)}<br>SHA-256 <code>${sha256 || '—'}</code>`;
}

/** Words of the official-validator row (kept here: the row exists only with `--official-validator`). */
const OFFICIAL = {
  fr: {
    label: 'Validateur officiel HL7',
    unavailable: 'indisponible — recette faite avec le moteur sas-recette seul :',
    disagreements: (n: number) => `${n} désaccord(s) avec sas-recette sur les erreurs de structure`,
    gates: 'ses erreurs font aussi échouer les cas (--official-validator-gates)',
    noGates: 'pour information : ne décide pas des verdicts',
  },
  en: {
    label: 'Official HL7 validator',
    unavailable: 'unavailable — run made with the sas-recette engine alone:',
    disagreements: (n: number) => `${n} disagreement(s) with sas-recette on structural errors`,
    gates: 'its errors also fail the cases (--official-validator-gates)',
    noGates: 'for information: does not decide the verdicts',
  },
} as const;

/** Words of the manifest row (kept here: the row exists only for a PV written into a run folder). */
const MANIFEST = {
  fr: {
    label: 'Empreinte du manifeste (SHA-256)',
    note: 'vérifier le dossier de l’exécution\u00a0: sas-recette verify DOSSIER',
  },
  en: {
    label: 'Manifest fingerprint (SHA-256)',
    note: 'check the run folder: sas-recette verify DIR',
  },
} as const;

/** The manifest's hash, marked so that `verify` can read it back from the PV (data-manifest-sha256). */
function manifestRow(sha256: string | undefined, lang: 'fr' | 'en'): SafeHtml | '' {
  if (!sha256) return '';
  const w = MANIFEST[lang];
  return row(w.label, html`<code data-manifest-sha256="${sha256}">${sha256}</code><br><small>${w.note}</small>`);
}

function officialRow(off: RunOfficial, lang: 'fr' | 'en'): SafeHtml {
  const w = OFFICIAL[lang];
  const value = off.unavailable
    ? html`<code>${off.jar}</code><br><em>${w.unavailable}</em> ${off.unavailable[lang]}`
    : html`<code>${off.jar}</code>${off.version ? html` — version <code>${off.version}</code>` : ''}<br>${w.disagreements(off.disagreements)} — ${off.gates ? w.gates : w.noGates}`;
  return row(w.label, value);
}

export function identificationSection(run: RunResult & ManifestMark, t: Labels, lang: 'fr' | 'en'): SafeHtml {
  const pv = run.pvInfo ?? {};
  const pvNumber = pv.pvNumber || run.runId;
  return html`<section aria-labelledby="sec-identification">
<h2 id="sec-identification">${t.identification}</h2>
<table class="identification">
<caption>${t.identificationCaption}</caption>
<tbody>
${row(t.pvNumber, html`<strong>${pvNumber}</strong>`)}
${pv.pvNumber && pv.pvNumber !== run.runId ? row(t.runId, html`<code>${run.runId}</code>`) : ''}
${row(t.editor, orMissing(pv.editor, t))}
${row(t.software, orMissing(pv.software, t))}
${row(t.softwareVersion, orMissing(pv.softwareVersion, t))}
${row(t.deployment, orMissing(pv.environment, t))}
${row(t.endpoint, html`<code>${run.baseUrl}</code>`)}
${row(
  t.useCases,
  run.useCases.map((u, i) => html`${i ? ', ' : ''}${t.useCaseName(u)} (<code>${u}</code>)`),
)}
${row(t.igVersion, run.ig ? html`<code>${run.ig.id}#${run.ig.version}</code>` : html`<em>${t.igNone}</em>`)}
${row(t.packages, run.packages.length ? run.packages.map((p, i) => html`${i ? ', ' : ''}<code>${p}</code>`) : '—')}
${row(t.toolVersion, html`<code>${run.tool.name} ${run.tool.version}</code>`)}
${run.official ? officialRow(run.official, lang) : ''}
${row(t.startedParis, humanInZone(run.startedAt, PARIS, lang))}
${row(t.startedUtc, humanInZone(run.startedAt, 'UTC', lang))}
${row(t.finishedParis, humanInZone(run.finishedAt, PARIS, lang))}
${row(t.clock, humanInZone(run.now, PARIS, lang))}
${row(t.operator, orMissing(pv.operator || run.environment.user, t))}
${row(t.reviewer, orMissing(pv.reviewer, t))}
${row(t.runtime, html`Node <code>${run.environment.node}</code> — <code>${run.environment.os}</code>`)}
${row(t.cahier, filesWithHash(run.cahier.files, run.cahier.sha256, t))}
${row(t.jdd, filesWithHash(run.jdd.files, run.jdd.sha256, t))}
${row(t.command, html`<code>${run.environment.command}</code>`)}
${manifestRow(run.manifestSha256, lang)}
</tbody>
</table>
</section>`;
}
