/**
 * An invariant whose evaluation throws is never a pass: an internal-error finding (severity error);
 * an invariant the FHIRPath library cannot evaluate for a known unsupported feature stays "not
 * checked" (a reserve). Exercised with an engine whose compiled expressions behave as asked.
 */
import { describe, expect, it } from 'vitest';
import { newCtx, newSink, type Scope } from './context.js';
import type { Engine } from './engine.js';
import { checkConstraints } from './invariants.js';
import type { ElementNode } from './model.js';

function scopeWith(run: () => unknown[]): Scope {
  const engine = { expression: () => run, isResourceType: () => true } as unknown as Engine;
  const ctx = newCtx(engine, { validateAs: () => ({ findings: [], deferred: [], hasError: false }), walkResource: () => undefined }, true);
  const resource = { resourceType: 'Slot', id: 's1' };
  return { ctx, sink: newSink(), resource, root: resource, ref: 'Slot/s1', contained: false };
}

const node = {
  constraints: [{ key: 'sas-test-1', severity: 'error', human: 'test', expression: 'start < end' }],
} as unknown as ElementNode;

function check(run: () => unknown[]): Scope {
  const scope = scopeWith(run);
  checkConstraints(scope, node, { start: 'x' }, undefined, 'Slot', 'Slot');
  return scope;
}

describe('invariants that cannot be evaluated', () => {
  it("data of the wrong type for the expression is the input's fault: noted as not evaluated, not an internal error", () => {
    const scope = check(() => {
      throw new Error('Expected string, but got: [null]');
    });
    expect(scope.sink.findings).toEqual([]);
    const notes = [...scope.ctx.notes.values()];
    expect(notes).toMatchObject([{ severity: 'information', ruleId: 'sas-test-1', notChecked: true }]);
    expect(notes[0].message.en).toMatch(/^Constraint sas-test-1 not evaluated: the data it reads does not have the expected type/);
  });

  it('a throwing evaluation is an internal error, never a pass', () => {
    const scope = check(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    expect(scope.sink.findings).toMatchObject([
      { severity: 'error', ruleId: 'sas-test-1', internalError: true, resource: 'Slot/s1', location: 'Slot' },
    ]);
    expect(scope.sink.findings[0].message.en).toContain("reading 'x'");
    expect(scope.sink.findings[0].message.fr).toContain('Erreur interne');
    expect([...scope.ctx.notes.values()]).toEqual([]);
  });

  it('a known unsupported feature stays "not checked" (a reserve), not an error', () => {
    const scope = check(() => {
      throw new Error('memberOf() is not supported without a terminology server');
    });
    expect(scope.sink.findings).toEqual([]);
    expect([...scope.ctx.notes.values()]).toMatchObject([{ severity: 'information', ruleId: 'sas-test-1', notChecked: true }]);
  });

  it('a false result is the invariant failing, a true one passes', () => {
    expect(check(() => [false]).sink.findings).toMatchObject([{ severity: 'error', ruleId: 'sas-test-1' }]);
    expect(check(() => [false]).sink.findings[0].internalError).toBeUndefined();
    expect(check(() => [true]).sink.findings).toEqual([]);
  });
});
