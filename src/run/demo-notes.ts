/** What the demo says about itself: its default PV identification and its notes (light: no I/O, no packages). */
import type { Message } from '../core/findings.js';
import type { PvInfo } from '../core/model.js';
import { TOOL_VERSION } from '../core/version.js';

/** The PV identification of the demo when no `--pv-info` is given. */
export const DEMO_PV_INFO: PvInfo = {
  editor: 'Éditeur de référence sas-recette (démonstration)',
  software: 'sas-recette mock',
  softwareVersion: TOOL_VERSION,
  environment: 'démonstration locale',
};

export const DEMO_NOTES = {
  mtls: {
    fr: "Démonstration : l'éditeur de référence est servi en HTTPS avec TLS mutuel, avec une autorité de test jetable générée pour cette exécution et supprimée à la fin (certificat serveur, certificat client, certificats à refuser, CRL).",
    en: 'Demo: the reference editor is served over HTTPS with mutual TLS, with a throw-away test CA made for this run and removed at its end (server certificate, client certificate, certificates to refuse, CRL).',
  },
  httpForced: {
    fr: 'Démonstration en HTTP simple (--http) : les contrôles de TLS mutuel et de versions TLS ne sont pas exécutés.',
    en: 'Demo over plain HTTP (--http): the mutual TLS and TLS version checks are not run.',
  },
  opensslMissing: {
    fr: 'openssl introuvable : la démonstration est faite en HTTP simple, sans certificats de test, et les contrôles de TLS mutuel et de versions TLS ne sont pas exécutés. Installer OpenSSL pour les voir.',
    en: 'openssl not found: the demo runs over plain HTTP, without test certificates, and the mutual TLS and TLS version checks are not run. Install OpenSSL to see them.',
  },
} satisfies Record<string, Message>;
