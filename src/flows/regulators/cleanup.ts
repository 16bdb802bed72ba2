/**
 * The run's clean-up of flux V1 (the last case of flux-v1.yaml): every regulator account the run
 * created and left active is deactivated — a conditional PUT with `active=false`, the way SAS removes
 * an account — and one information finding lists what was deactivated, so the PV shows it. A
 * deactivation that fails is an error (the update of an account is a SHALL); when a duplicate the
 * editor accepted earlier makes the identifier ambiguous (412), a warning that says so.
 */
import { flowFinding } from '../context.js';
import type { Finding } from '../../core/findings.js';
import type { KindOutcome } from '../../cahier/kinds.js';
import type { CreatedRegulator } from '../context.js';
import { diagnostics, judgeOutcomeBody, observed, type StepInfo } from './judge.js';
import { regulatorPayload, type Practitioner } from './payloads.js';
import { REG, V1 } from './rules.js';
import { base, conditionalUrl, request, Stop, type RegulatorState, type WireCtx } from './wire.js';
import type { FlowSession } from '../context.js';

const REQS = [V1.update, V1.activation];

function describe(r: CreatedRegulator): string {
  return `${r.type} ${r.value} (${r.caseId})`;
}

/** The body last sent for the account, inactive; for an account recorded by another module, one built from its identifier. */
function deactivated(r: CreatedRegulator, state: RegulatorState, ctx: WireCtx): Practitioner {
  const known = state.bodies.get(r);
  if (known) return { ...known, active: false };
  const identity = ctx.env.jdd?.regulators.find((x) => x.key === r.key);
  const body = regulatorPayload([{ type: r.type, system: r.system, value: r.value }], false, {
    family: identity?.family ?? '',
    given: identity?.given ?? '',
    email: identity?.email ?? '',
  });
  if (!identity) {
    delete body.name;
    delete body.telecom;
  }
  return body;
}

export async function runCleanup(ctx: WireCtx, session: FlowSession, state: RegulatorState): Promise<KindOutcome> {
  const created = session.regulators;
  if (created.length === 0) {
    return {
      exchanges: [],
      findings: [],
      notApplicable: { fr: 'cette recette n’a créé aucun compte régulateur', en: 'this run created no regulator account' },
    };
  }
  const left = created.filter((r) => r.active);
  const done: string[] = [];
  const failed: string[] = [];
  /** PUT answered 201: nothing carried the identifier any more (an ignored update), an inactive account was created. */
  const unmatched: string[] = [];
  let stopped: Stop | undefined;
  for (const r of left) {
    const info: StepInfo = {
      key: `cleanup[${r.type} ${r.value}]`,
      what: { fr: `désactivation de ${describe(r)}`, en: `deactivation of ${describe(r)}` },
      requirements: REQS,
    };
    const body = deactivated(r, state, ctx);
    let a;
    try {
      a = await request(ctx, {
        method: 'PUT',
        url: conditionalUrl(base(ctx), r.system, r.value),
        body,
        intent: { label: 'cleanup' },
        label: `cleanup: PUT active=false (${r.type} ${r.value})`,
      });
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
      failed.push(describe(r));
      if (err.harnessFault) {
        stopped = err;
        break;
      }
      continue;
    }
    if (a.status === 200 || a.status === 201) {
      r.active = false;
      state.bodies.set(r, body);
      (a.status === 201 ? unmatched : done).push(describe(r));
      continue;
    }
    failed.push(describe(r));
    const ambiguous = a.status === 412 && state.duplicated.has(r);
    ctx.findings.push(
      flowFinding(
        ambiguous ? 'warning' : 'error',
        REG.cleanup,
        `${info.key}.HTTP.status`,
        ambiguous
          ? {
              fr: `${info.what.fr}\u00a0: ${observed(a)} — deux comptes portent cet identifiant (le doublon accepté par ${r.caseId})\u00a0; désactiver les deux à la main`,
              en: `${info.what.en}: ${observed(a)} — two accounts carry this identifier (the duplicate accepted in ${r.caseId}); deactivate both by hand`,
            }
          : {
              fr: `${info.what.fr}\u00a0: ${observed(a)}${diagnostics(a)} — la désactivation (PUT active=false) doit répondre 200\u00a0; le compte reste actif chez l'éditeur`,
              en: `${info.what.en}: ${observed(a)}${diagnostics(a)} — the deactivation (PUT active=false) must answer 200; the account stays active on the editor`,
            },
        REQS,
      ),
      ...judgeOutcomeBody(a, info),
    );
  }
  ctx.findings.push(summary(created.length, created.length - left.length, { done, unmatched, failed }));
  return { exchanges: ctx.exchanges, findings: ctx.findings, ...(stopped?.harnessFault ? { harnessFault: stopped.harnessFault } : {}) };
}

function summary(total: number, inactive: number, lists: { done: string[]; unmatched: string[]; failed: string[] }): Finding {
  const list = (xs: string[]) => (xs.length === 0 ? '—' : xs.join('; '));
  const { done, unmatched, failed } = lists;
  return flowFinding(
    'information',
    REG.cleanup,
    'cleanup',
    {
      fr:
        `fin de recette\u00a0: ${total} compte(s) régulateur(s) créé(s) par cette recette, dont ${inactive} déjà inactif(s)\u00a0; ` +
        `désactivé(s) maintenant (PUT active=false)\u00a0: ${done.length} — ${list(done)}` +
        (unmatched.length > 0
          ? `\u00a0; introuvable(s) par leur identifiant (HTTP 201\u00a0: un compte inactif a été créé, l'ancien peut rester actif)\u00a0: ${list(unmatched)}`
          : '') +
        (failed.length > 0 ? `\u00a0; non désactivé(s)\u00a0: ${list(failed)}` : ''),
      en:
        `end of run: ${total} regulator account(s) created by this run, ${inactive} already inactive; ` +
        `deactivated now (PUT active=false): ${done.length} — ${list(done)}` +
        (unmatched.length > 0
          ? `; not found by their identifier (HTTP 201: an inactive account was created, the old one may stay active): ${list(unmatched)}`
          : '') +
        (failed.length > 0 ? `; not deactivated: ${list(failed)}` : ''),
    },
    REQS,
  );
}
