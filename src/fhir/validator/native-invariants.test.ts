import { describe, expect, it } from 'vitest';
import type { Scope } from './context.js';
import { NATIVE_INVARIANTS as N } from './native-invariants.js';

const scope = (root: Record<string, unknown> = {}, contained = false) => ({ root, contained }) as unknown as Scope;
const run = (key: string, value: unknown, ext?: unknown, s = scope()) => N[key](value, ext, s);

describe('native invariants', () => {
  it('ele-1: a value or children other than id', () => {
    expect(run('ele-1', { id: 'a' })).toBe(false);
    expect(run('ele-1', {})).toBe(false);
    expect(run('ele-1', { id: 'a', text: 'x' })).toBe(true);
    expect(run('ele-1', undefined, { extension: [{ url: 'u', valueString: 'v' }] })).toBe(true);
    expect(run('ele-1', undefined, { id: 'x' })).toBe(false);
  });

  it('ext-1: a value or sub-extensions, not both', () => {
    expect(run('ext-1', { url: 'u', valueReference: { reference: 'x' } })).toBe(true);
    expect(run('ext-1', { url: 'u', extension: [{ url: 'a', valueCode: 'b' }] })).toBe(true);
    expect(run('ext-1', { url: 'u' })).toBe(false);
    expect(run('ext-1', { url: 'u', valueString: 'a', extension: [{ url: 'a', valueCode: 'b' }] })).toBe(false);
  });

  it('dom-2..6 on contained resources', () => {
    const role = { contained: [{ resourceType: 'Location', id: 'l' }], location: [{ reference: '#l' }] };
    expect(run('dom-3', role)).toBe(true);
    expect(run('dom-3', { ...role, location: [{ reference: 'Location/l' }] })).toBe(false);
    expect(run('dom-3', { contained: [{ resourceType: 'Location', id: 'l', partOf: { reference: '#' } }] })).toBe(true);
    expect(run('dom-2', { contained: [{ resourceType: 'Location', contained: [] }] })).toBe(false);
    expect(run('dom-4', { contained: [{ meta: { versionId: '1' } }] })).toBe(false);
    expect(run('dom-5', { contained: [{ meta: { security: [] } }] })).toBe(false);
    expect(run('dom-6', { id: 'x' })).toBe(false);
    expect(run('dom-6', { id: 'x' }, undefined, scope({}, true))).toBe(true);
  });

  it('ref-1: local references resolve in the root resource', () => {
    const root = { contained: [{ id: 'l' }] };
    expect(run('ref-1', { reference: '#l' }, undefined, scope(root))).toBe(true);
    expect(run('ref-1', { reference: '#m' }, undefined, scope(root))).toBe(false);
    expect(run('ref-1', { reference: 'Location/m' }, undefined, scope(root))).toBe(true);
  });

  it('bdl-*', () => {
    const e = (fullUrl: string, versionId?: string) => ({
      fullUrl,
      resource: { resourceType: 'Slot', meta: versionId ? { versionId } : {} },
    });
    expect(run('bdl-7', { type: 'searchset', entry: [e('a'), e('a')] })).toBe(false);
    expect(run('bdl-7', { type: 'searchset', entry: [e('a', '1'), e('a', '2')] })).toBe(true);
    expect(run('bdl-7', { type: 'history', entry: [e('a'), e('a')] })).toBe(true);
    expect(run('bdl-1', { type: 'collection', total: 1 })).toBe(false);
    expect(run('bdl-2', { type: 'collection', entry: [{ search: { mode: 'match' } }] })).toBe(false);
    expect(run('bdl-3', { type: 'transaction', entry: [{ resource: {} }] })).toBe(false);
    expect(run('bdl-4', { type: 'searchset', entry: [{ response: { status: '200' } }] })).toBe(false);
    expect(run('bdl-5', { fullUrl: 'x' })).toBe(false);
    expect(run('bdl-8', { fullUrl: 'https://x/Slot/1/_history/2' })).toBe(false);
    expect(run('bdl-9', { type: 'document', identifier: { system: 's' } })).toBe(false);
    expect(run('bdl-10', { type: 'document' })).toBe(false);
    expect(run('bdl-11', { type: 'document', entry: [{ resource: { resourceType: 'Patient' } }] })).toBe(false);
    expect(run('bdl-12', { type: 'message', entry: [{ resource: { resourceType: 'MessageHeader' } }] })).toBe(true);
  });

  it('txt-1 / txt-2: basic xhtml with some content', () => {
    const div = (inner: string, attrs = ' xmlns="http://www.w3.org/1999/xhtml"') => `<div${attrs}>${inner}</div>`;
    expect(run('txt-1', div('<p>Créneau <b>libre</b></p>'))).toBe(true);
    expect(run('txt-1', div('x', ''))).toBe(false);
    expect(run('txt-1', div('<script>alert(1)</script>'))).toBe(false);
    expect(run('txt-1', div('<p onclick="x()">a</p>'))).toBe(false);
    expect(run('txt-1', 'plain text')).toBe(false);
    expect(run('txt-2', div('  <p> </p> '))).toBe(false);
    expect(run('txt-2', div('<img src="x.png"/>'))).toBe(true);
    expect(run('txt-2', div('ok'))).toBe(true);
  });
});
