/**
 * Case kind `sso-attestation` (flux V2, sas-v2@7): that a regulator already logged in to SAS reaches
 * the booking page without a new login cannot be observed by a tool (it needs a SAS session). The case
 * is a reviewer's attestation: always skipped — never passed — with the exact link to open (the first
 * booking URL of the use case's slot search, with the `origin` SAS appends) and what the reviewer must
 * see. The PV lists it among the attestations (cases tagged `manual`).
 */
import type { Message } from '../../core/findings.js';
import type { CaseKind, KindEnv, KindOutcome } from '../../cahier/kinds.js';
import type { TestCase } from '../../cahier/types.js';
import { shownUrl, withOrigin } from './booking-link.js';
import { findBookingUrls } from './booking-urls.js';
import { ssoTarget } from './sso-target.js';
import { NO_JDD, planBookingSearch, STOPPED } from './unauthenticated.js';

const EXPECTED: Message = {
  fr: 'attendu\u00a0: la page de réservation (l’agenda du PS, ou de la PFG pour SOS) s’affiche directement, sans nouvelle demande de connexion. À attester par le relecteur\u00a0; sas-recette ne la valide jamais',
  en: 'expected: the booking page (the PS agenda, or the PFG agenda for SOS) shows at once, without a new login. To be attested by the reviewer; sas-recette never passes it',
};

export async function runAttestation(tc: TestCase, env: KindEnv): Promise<KindOutcome> {
  const jdd = env.jdd;
  if (!jdd) return { exchanges: [], findings: [], notApplicable: NO_JDD(tc) };
  if (env.signal?.aborted) return { exchanges: [], findings: [], harnessFault: STOPPED };
  const target = ssoTarget(jdd);
  const found = await findBookingUrls(tc, env, { judgeComments: false });
  if ('urls' in found && found.urls.length > 0) {
    const link = shownUrl(withOrigin(found.urls[0], target.origin), 2000);
    return {
      exchanges: found.exchanges,
      findings: [],
      skip: {
        fr: `vérification manuelle\u00a0: connecté au SAS comme régulateur, ouvrir ${link} — ${EXPECTED.fr}`,
        en: `manual check: logged in to SAS as a regulator, open ${link} — ${EXPECTED.en}`,
      },
    };
  }
  const why = 'notApplicable' in found ? found.notApplicable : 'harnessFault' in found ? found.harnessFault : undefined;
  return {
    exchanges: found.exchanges,
    findings: [],
    skip: {
      fr: `vérification manuelle\u00a0: connecté au SAS comme régulateur, ouvrir depuis le SAS le lien de réservation d’un créneau de l’éditeur (origin=${target.origin}) — ${EXPECTED.fr}. Lien non fourni${why ? `\u00a0: ${why.fr}` : ''}`,
      en: `manual check: logged in to SAS as a regulator, open from SAS the booking link of one of the editor's slots (origin=${target.origin}) — ${EXPECTED.en}. No link given${why ? `: ${why.en}` : ''}`,
    },
  };
}

export function attestationKind(): CaseKind {
  return {
    kind: 'sso-attestation',
    paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
    run: (tc, env) => runAttestation(tc, env),
    plan: (tc, env) =>
      planBookingSearch(tc, env, {
        fr: `puis donne au relecteur le premier lien de réservation de la réponse (avec origin), à ouvrir connecté au SAS\u00a0: cas toujours ignoré (attestation manuelle) — ${EXPECTED.fr}`,
        en: `then gives the reviewer the answer's first booking link (with origin), to open logged in to SAS: the case is always skipped (manual attestation) — ${EXPECTED.en}`,
      }),
  };
}
