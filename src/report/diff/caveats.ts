/**
 * What makes two runs not strictly comparable — another cahier or JDD, another IG or set of FHIR packages,
 * another sas-recette version, another endpoint, other use cases, a run cut short — each said in both
 * languages before any change is listed, so a reader weighs the diff knowing it. Never a refusal: comparing
 * a release against the previous cahier is exactly what an editor needs to do.
 */
import type { Message } from '../../core/findings.js';
import type { RunResult } from '../../core/model.js';

/** A SHA-256 shortened for a sentence (the full one is in the RunRefs of the JSON output). */
function short(sha: string): string {
  return sha.slice(0, 12);
}

function igOf(run: RunResult): string {
  return run.ig ? `${run.ig.id}#${run.ig.version}` : '—';
}

/** `a, b` of the items of one list missing from the other, for a sentence. */
function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
}

function packagesCaveat(oldRun: RunResult, newRun: RunResult): Message | undefined {
  const gone = missingFrom(oldRun.packages, newRun.packages);
  const come = missingFrom(newRun.packages, oldRun.packages);
  if (gone.length === 0 && come.length === 0) return undefined;
  const fr = [come.length ? `ajoutés ${come.join(', ')}` : '', gone.length ? `retirés ${gone.join(', ')}` : '']
    .filter(Boolean)
    .join('\u00a0; ');
  const en = [come.length ? `added ${come.join(', ')}` : '', gone.length ? `removed ${gone.join(', ')}` : ''].filter(Boolean).join('; ');
  return { fr: `Paquets FHIR différents\u00a0: ${fr}`, en: `Other FHIR packages: ${en}` };
}

function interruptedCaveat(which: Message, run: RunResult): Message | undefined {
  if (!run.interrupted) return undefined;
  return {
    fr: `${which.fr} a été interrompue (${run.interrupted.signal})\u00a0: les cas non joués y sont «\u00a0ignorés\u00a0»`,
    en: `The ${which.en} run was interrupted (${run.interrupted.signal}): the cases it did not play are "skipped" in it`,
  };
}

/** The caveats of comparing `oldRun` with `newRun`, in a fixed order (cahier first: it decides what is asked). */
export function runCaveats(oldRun: RunResult, newRun: RunResult): Message[] {
  const out: (Message | undefined)[] = [];
  if (oldRun.cahier.sha256 !== newRun.cahier.sha256) {
    const shas = `sha256 ${short(oldRun.cahier.sha256)} → ${short(newRun.cahier.sha256)}`;
    out.push({
      fr: `Cahier de recette différent (${shas})\u00a0: les attentes des cas ont pu changer`,
      en: `Another cahier (${shas}): what the cases expect may have changed`,
    });
  }
  if (oldRun.jdd.sha256 !== newRun.jdd.sha256) {
    const shas = `sha256 ${short(oldRun.jdd.sha256)} → ${short(newRun.jdd.sha256)}`;
    out.push({
      fr: `Jeu de données (JDD) différent (${shas})\u00a0: les identifiants interrogés ont pu changer`,
      en: `Another test data set (JDD) (${shas}): the identifiers searched may have changed`,
    });
  }
  if (igOf(oldRun) !== igOf(newRun)) {
    out.push({
      fr: `Guide d'implémentation différent (${igOf(oldRun)} → ${igOf(newRun)})\u00a0: la validation structurelle a pu changer`,
      en: `Another implementation guide (${igOf(oldRun)} → ${igOf(newRun)}): structural validation may have changed`,
    });
  }
  out.push(packagesCaveat(oldRun, newRun));
  if (oldRun.tool.version !== newRun.tool.version) {
    out.push({
      fr: `Versions de sas-recette différentes (${oldRun.tool.version} → ${newRun.tool.version})\u00a0: les règles ont pu changer`,
      en: `Other sas-recette versions (${oldRun.tool.version} → ${newRun.tool.version}): the rules may have changed`,
    });
  }
  if (oldRun.baseUrl !== newRun.baseUrl) {
    out.push({
      fr: `Points d'accès différents (${oldRun.baseUrl} → ${newRun.baseUrl})`,
      en: `Other endpoints (${oldRun.baseUrl} → ${newRun.baseUrl})`,
    });
  }
  const oldUse = [...oldRun.useCases].sort().join(', ');
  const newUse = [...newRun.useCases].sort().join(', ');
  if (oldUse !== newUse) {
    out.push({
      fr: `Cas d'usage différents (${oldUse || '—'} → ${newUse || '—'})`,
      en: `Other use cases (${oldUse || '—'} → ${newUse || '—'})`,
    });
  }
  if (Boolean(oldRun.insecure) !== Boolean(newRun.insecure)) {
    const which = newRun.insecure ? { fr: 'la nouvelle', en: 'new' } : { fr: "l'ancienne", en: 'old' };
    out.push({
      fr: `La vérification TLS était désactivée (--insecure) dans ${which.fr} exécution seulement`,
      en: `TLS verification was off (--insecure) in the ${which.en} run only`,
    });
  }
  out.push(interruptedCaveat({ fr: "L'ancienne exécution", en: 'old' }, oldRun));
  out.push(interruptedCaveat({ fr: 'La nouvelle exécution', en: 'new' }, newRun));
  return out.filter((m): m is Message => m !== undefined);
}
