import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GUARDED_SIGNALS, guardProcessExit, type ProcessLike } from './lifecycle.js';

/** A process stand-in: real EventEmitter, kill() recorded instead of sent. */
function fakeProcess(): ProcessLike & EventEmitter & { killed: Array<[number, string | undefined]> } {
  const emitter = new EventEmitter() as EventEmitter & {
    pid: number;
    kill: ProcessLike['kill'];
    killed: Array<[number, string | undefined]>;
  };
  emitter.pid = 4242;
  emitter.killed = [];
  emitter.kill = (pid: number, signal?: string) => emitter.killed.push([pid, signal]);
  return emitter;
}

describe('guardProcessExit', () => {
  it('registers for exit and every guarded signal, and unregisters all of them', () => {
    const proc = fakeProcess();
    const unregister = guardProcessExit(() => undefined, proc);
    for (const e of ['exit', ...GUARDED_SIGNALS]) expect(proc.listenerCount(e)).toBe(1);
    unregister();
    unregister(); // idempotent
    for (const e of ['exit', ...GUARDED_SIGNALS]) expect(proc.listenerCount(e)).toBe(0);
  });

  it('kills the service on exit', () => {
    const proc = fakeProcess();
    let kills = 0;
    guardProcessExit(() => kills++, proc);
    proc.emit('exit', 1);
    expect(kills).toBe(1);
  });

  it.each(GUARDED_SIGNALS)('on %s alone: kills, unregisters, raises the signal again', (signal) => {
    const proc = fakeProcess();
    let kills = 0;
    guardProcessExit(() => kills++, proc);
    proc.emit(signal);
    expect(kills).toBe(1);
    expect(proc.killed).toEqual([[4242, signal]]);
    expect(proc.listenerCount('exit')).toBe(0);
    expect(proc.listenerCount(signal)).toBe(0);
  });

  it('leaves ending the process to other SIGINT listeners when there are some', () => {
    const proc = fakeProcess();
    let theirs = 0;
    proc.on('SIGINT', () => theirs++);
    let kills = 0;
    guardProcessExit(() => kills++, proc);
    proc.emit('SIGINT');
    expect(kills).toBe(1);
    expect(theirs).toBe(1);
    expect(proc.killed).toEqual([]);
  });

  it('re-raises even when killing throws', () => {
    const proc = fakeProcess();
    guardProcessExit(() => {
      throw new Error('already gone');
    }, proc);
    expect(() => proc.emit('SIGTERM')).toThrow('already gone');
    expect(proc.killed).toEqual([[4242, 'SIGTERM']]);
  });

  it('does nothing after unregistering', () => {
    const proc = fakeProcess();
    let kills = 0;
    guardProcessExit(() => kills++, proc)();
    proc.emit('exit', 0);
    expect(kills).toBe(0);
  });
});
