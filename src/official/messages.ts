/**
 * Texts (French and English) said when the official validator cannot run or stops answering. Each
 * says what is wrong, what to do, and that the run goes on with our engine.
 */
import type { Message } from '../core/findings.js';

const GO_ON: Message = {
  fr: 'La validation continue avec le moteur sas-recette seul.',
  en: 'Validation goes on with the sas-recette engine only.',
};
const RELEASES = 'https://github.com/hapifhir/org.hl7.fhir.core/releases';

function withGoOn(m: Message): Message {
  return { fr: `${m.fr} ${GO_ON.fr}`, en: `${m.en} ${GO_ON.en}` };
}

export function javaNotFound(command: string, onPath: boolean): Message {
  return withGoOn(
    onPath
      ? {
          fr: `Validateur officiel indisponible : Java introuvable (« ${command} » n'est pas dans le PATH). Installez Java 11 ou plus récent, ou indiquez le chemin de l'exécutable java.`,
          en: `Official validator unavailable: Java not found ("${command}" is not on PATH). Install Java 11 or later, or give the path of the java executable.`,
        }
      : {
          fr: `Validateur officiel indisponible : Java introuvable (« ${command} » n'existe pas ou n'est pas exécutable).`,
          en: `Official validator unavailable: Java not found ("${command}" does not exist or is not executable).`,
        },
  );
}

export function jarMissing(jar: string, what: 'missing' | 'not-a-file' | 'unreadable'): Message {
  const fr = { missing: "n'existe pas", 'not-a-file': "n'est pas un fichier", unreadable: "n'est pas lisible" }[what];
  const en = { missing: 'does not exist', 'not-a-file': 'is not a file', unreadable: 'is not readable' }[what];
  return withGoOn({
    fr: `Validateur officiel indisponible : le jar « ${jar} » ${fr}. Téléchargez validator_cli.jar à la main depuis ${RELEASES} (sas-recette ne télécharge jamais le jar) ; voir docs/official-validator.md.`,
    en: `Official validator unavailable: the jar "${jar}" ${en}. Download validator_cli.jar by hand from ${RELEASES} (sas-recette never downloads the jar); see docs/official-validator.md.`,
  });
}

export function noIgPackage(): Message {
  return withGoOn({
    fr: "Validateur officiel indisponible : aucun paquet d'IG à charger (-ig) ; sans l'IG SAS son verdict ne porterait que sur FHIR R4 de base.",
    en: 'Official validator unavailable: no IG package to load (-ig); without the SAS IG its verdict would cover base FHIR R4 only.',
  });
}

export function igPackageMissing(ig: string): Message {
  return withGoOn({
    fr: `Validateur officiel indisponible : le paquet d'IG « ${ig} » est introuvable (attendu : un fichier .tgz, un dossier de paquet ou id#version).`,
    en: `Official validator unavailable: the IG package "${ig}" was not found (expected a .tgz file, a package folder or id#version).`,
  });
}

export function portInUse(port: number): Message {
  return withGoOn({
    fr: `Validateur officiel indisponible : le port ${port} est déjà utilisé ; choisissez-en un autre ou laissez l'outil en choisir un libre.`,
    en: `Official validator unavailable: port ${port} is already in use; pick another one or let the tool choose a free one.`,
  });
}

export function startFailed(detail: Message, outputTail: string): Message {
  const tail = outputTail.trim();
  return {
    fr: `Validateur officiel indisponible : échec du démarrage (${detail.fr}). ${GO_ON.fr} Dernières lignes du validateur :${tail ? `\n${tail}` : ' (aucune)'}`,
    en: `Official validator unavailable: it failed to start (${detail.en}). ${GO_ON.en} Last lines of the validator:${tail ? `\n${tail}` : ' (none)'}`,
  };
}

export function notAnswering(detail: Message): Message {
  return {
    fr: `[validateur officiel] ressource non vérifiée par le validateur officiel : ${detail.fr}.`,
    en: `[official validator] resource not checked by the official validator: ${detail.en}.`,
  };
}

export const SERVICE_STOPPED: Message = { fr: 'le service a été arrêté', en: 'the service was stopped' };
export const SERVICE_GONE: Message = { fr: 'le service ne tourne plus', en: 'the service is no longer running' };
