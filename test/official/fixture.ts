/**
 * Shared set-up of the official-validator integration tests: a temp dir with the stand-in `java`
 * (stand-in.ts), a proxy listener and a connect recorder (net-guard.ts), spies on every download path
 * of fhir-validator-wrapper, and clean-up that kills any stand-in a failing test left running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import FhirValidator from 'fhir-validator-wrapper';
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest';
import { LocalValidatorService } from '../../src/official/local-service.js';
import type { OfficialValidatorOptions } from '../../src/official/index.js';
import { proxyRecorder, recordConnects, type ConnectRecorder, type ProxyRecorder } from './net-guard.js';
import { isAlive, standInAnswers, waitGone } from './process-probe.js';
import { makeStandIn, readCalls, type JavaCall, type StandIn } from './stand-in.js';

const PACKAGES = process.env.SAS_RECETTE_PACKAGES ?? fileURLToPath(new URL('../../../shared/fhir-packages/', import.meta.url));
export const SAS_TGZ = path.join(PACKAGES, 'ans.fhir.fr.sas#1.2.0.tgz');
export const CPTS_BUNDLE_PROFILE = 'https://interop.esante.gouv.fr/ig/fhir/sas/StructureDefinition/sas-cpts-bundle-aggregator';
const MSG_ID = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';

/** What the stand-in answers: one error in the second entry, one warning. */
export const OUTCOME = {
  resourceType: 'OperationOutcome',
  issue: [
    {
      extension: [{ url: MSG_ID, valueString: 'Terminology_TX_NoValid_1_CC' }],
      severity: 'error',
      code: 'code-invalid',
      details: { text: "Aucun des codes fournis n'est dans le jeu de valeurs requis" },
      expression: ['Bundle.entry[1].resource/*Slot/slot-7*/.meta.security[1]'],
    },
    {
      severity: 'warning',
      code: 'informational',
      details: { text: 'SearchSet bundles should have search modes on the entries' },
      expression: ['Bundle.entry[0]'],
    },
  ],
};

export const BUNDLE = {
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [{ resource: { resourceType: 'Schedule', id: 'sch-1' } }, { resource: { resourceType: 'Slot', id: 'slot-7' } }],
};

const SIGNAL_EVENTS = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP'];

export function portOf(call: JavaCall): number {
  const args = call.args ?? [];
  return Number(args[args.indexOf('server') + 1]);
}

export function listenerCounts(): number[] {
  return SIGNAL_EVENTS.map((e) => process.listenerCount(e));
}

export async function expectStopped(call: JavaCall): Promise<void> {
  expect(await waitGone(call.pid)).toBe(true);
  expect(await standInAnswers(portOf(call), call.pid)).toBe(false);
}

export interface Fixture {
  dir: string;
  standIn: StandIn;
  proxy: ProxyRecorder;
  connects: ConnectRecorder;
  downloadSpies: Array<ReturnType<typeof vi.spyOn>>;
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  options(extra?: Partial<OfficialValidatorOptions>, envExtra?: NodeJS.ProcessEnv): OfficialValidatorOptions;
  starts(): JavaCall[];
}

/** Registers the hooks; the returned object is filled in beforeAll. */
export function useOfficialFixture(): Fixture {
  const fx = {
    downloadSpies: [],
    env(extra: NodeJS.ProcessEnv = {}) {
      return {
        PATH: fx.standIn.binDir,
        FAKE_JAVA_LOG: fx.standIn.log,
        FAKE_JAVA_OO: fx.standIn.answer,
        FAKE_JAVA_MODE: 'ok',
        HTTP_PROXY: fx.proxy.url,
        HTTPS_PROXY: fx.proxy.url,
        http_proxy: fx.proxy.url,
        https_proxy: fx.proxy.url,
        ...extra,
      };
    },
    options(extra: Partial<OfficialValidatorOptions> = {}, envExtra: NodeJS.ProcessEnv = {}) {
      return { jar: fx.standIn.jar, igPackages: [SAS_TGZ], env: fx.env(envExtra), startTimeoutMs: 20_000, ...extra };
    },
    starts() {
      return readCalls(fx.standIn.log).filter((c) => c.event === 'start');
    },
  } as unknown as Fixture;

  beforeAll(async () => {
    fx.dir = mkdtempSync(path.join(tmpdir(), 'official-it-'));
    fx.standIn = makeStandIn(fx.dir, OUTCOME);
    fx.proxy = await proxyRecorder();
    fx.connects = recordConnects();
    for (const proto of [FhirValidator.prototype, LocalValidatorService.prototype]) {
      for (const m of ['start', 'ensureValidator', 'getLatestRelease', 'downloadFile'] as const) {
        fx.downloadSpies.push(vi.spyOn(proto, m));
      }
    }
  });

  afterEach(() => {
    // A failing test must not leave a stand-in running: kill what is still alive, then forget the calls.
    for (const call of fx.starts()) if (isAlive(call.pid)) process.kill(call.pid, 'SIGKILL');
    rmSync(fx.standIn.log, { force: true });
  });

  afterAll(async () => {
    fx.connects.restore();
    for (const spy of fx.downloadSpies) spy.mockRestore();
    await fx.proxy.close();
    rmSync(fx.dir, { recursive: true, force: true });
  });

  return fx;
}
