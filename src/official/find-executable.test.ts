import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findExecutable } from './find-executable.js';

const dir = mkdtempSync(path.join(tmpdir(), 'find-exe-'));
const a = path.join(dir, 'a');
const b = path.join(dir, 'b');
mkdirSync(a);
mkdirSync(b);
writeFileSync(path.join(a, 'java'), 'not executable');
writeFileSync(path.join(b, 'java'), '#!/bin/sh\n');
chmodSync(path.join(b, 'java'), 0o755);
mkdirSync(path.join(dir, 'c', 'java'), { recursive: true }); // a folder named java

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('findExecutable', () => {
  it('finds the first executable on PATH, skipping non-executable files and folders', () => {
    const PATH = [path.join(dir, 'c'), a, b].join(path.delimiter);
    expect(findExecutable('java', { PATH })).toBe(path.join(b, 'java'));
  });

  it('returns undefined when PATH has no java', () => {
    expect(findExecutable('java', { PATH: a })).toBeUndefined();
    expect(findExecutable('java', {})).toBeUndefined();
  });

  it('checks a path as given, relative to cwd', () => {
    expect(findExecutable(path.join(b, 'java'), {})).toBe(path.join(b, 'java'));
    expect(findExecutable('./b/java', {}, dir)).toBe(path.join(b, 'java'));
    expect(findExecutable(path.join(a, 'java'), { PATH: b })).toBeUndefined();
  });
});
