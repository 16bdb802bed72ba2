/**
 * Shared set-up of the wiring tests: the stand-in `java` of test/official (imported, not copied) on
 * PATH, an answer of our choosing per test, and the environment the CLI runs with. No proxy variables
 * here: the run's own HTTP client honours them and must reach the reference editor directly.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCalls, type JavaCall } from '../official/stand-in.js';
import type { Fixture } from '../official/fixture.js';

export { SAS_TGZ, expectStopped, useOfficialFixture } from '../official/fixture.js';
export { isAlive } from '../official/process-probe.js';

const MSG_ID = 'http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id';

export interface OutcomeIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  expression: string;
  text: string;
  messageId?: string;
  code?: string;
}

/** An OperationOutcome as the validator writes it (expressions may carry its Type/id comments). */
export function outcome(issues: OutcomeIssue[]): object {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      ...(i.messageId ? { extension: [{ url: MSG_ID, valueString: i.messageId }] } : {}),
      severity: i.severity,
      code: i.code ?? 'invalid',
      details: { text: i.text },
      expression: [i.expression],
    })),
  };
}

/** Writes an answer file in the fixture's folder; returns its path (for FAKE_JAVA_OO). */
export function answerFile(fx: Fixture, name: string, oo: object): string {
  const file = path.join(fx.dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(oo));
  return file;
}

/** CLI environment: the stand-in `java` alone on PATH, the shared packages, no colour. */
export function standInEnv(fx: Fixture, packages: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: fx.standIn.binDir,
    FAKE_JAVA_LOG: fx.standIn.log,
    FAKE_JAVA_OO: fx.standIn.answer,
    FAKE_JAVA_MODE: 'ok',
    SAS_RECETTE_PACKAGES: packages,
    NO_COLOR: '1',
    ...extra,
  };
}

export function validations(fx: Fixture): JavaCall[] {
  return readCalls(fx.standIn.log).filter((c) => c.event === 'validate');
}

/** The `-ig` arguments a start was given. */
export function igArgs(call: JavaCall): string[] {
  const args = call.args ?? [];
  return args.flatMap((a, i) => (args[i - 1] === '-ig' ? [a] : []));
}
