/**
 * The history file under concurrent writers and crashes: two processes (the real appendRecord,
 * bundled with esbuild for plain node) and two in-process writers each append hundreds of records to
 * the same file at once — every line parses and none is lost; a file whose last line was cut by a
 * crash gets the next record on a line of its own, and nothing already written is ever rewritten.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { ProbeRecord } from '../../src/core/probe-record.js';
import { sampleRecord } from './sample-record.js';
import { appendRecord, checkHistoryFile } from '../../src/watch/history-file.js';
import { tempDir } from '../e2e/support.js';

const PER_WRITER = 300;

const record = sampleRecord;

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n');
}

/** Every writer's records 0…count-1, each exactly once. */
function expectAllRecords(records: ProbeRecord[], writers: string[], count: number): void {
  for (const w of writers) {
    const mine = records.filter((r) => r.baseUrl === `https://${w}.example/fhir`).map((r) => r.durationMs);
    expect(mine.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
  }
}

describe('concurrent writers', () => {
  it('two processes appending hundreds of records each: every line parses, none lost', async () => {
    const dir = tempDir('history-procs');
    const entry = join(dir, 'writer-entry.ts');
    const bundle = join(dir, 'writer.mjs');
    writeFileSync(
      entry,
      `import { appendRecord } from ${JSON.stringify(resolve('src/watch/history-file.ts'))};
import { sampleRecord } from ${JSON.stringify(resolve('test/watch/sample-record.ts'))};
const [file, writer, count] = process.argv.slice(2);
for (let n = 0; n < Number(count); n++) await appendRecord(file, sampleRecord(writer, n));
`,
    );
    await build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
    const history = join(dir, 'history.jsonl');
    const run = (writer: string) =>
      new Promise<number | null>((done) => {
        const child = spawn(process.execPath, [bundle, history, writer, String(PER_WRITER)], { stdio: 'inherit' });
        child.on('exit', (code) => done(code));
      });
    expect(await Promise.all([run('alpha'), run('beta')])).toEqual([0, 0]);
    const all = lines(history);
    expect(all.at(-1)).toBe('');
    const records = all.slice(0, -1).map((l) => JSON.parse(l) as ProbeRecord);
    expect(records).toHaveLength(2 * PER_WRITER);
    expectAllRecords(records, ['alpha', 'beta'], PER_WRITER);
    // the two really wrote at the same time: their lines alternate in the file
    const switches = records.filter((r, i) => i > 0 && r.baseUrl !== records[i - 1].baseUrl).length;
    expect(switches).toBeGreaterThan(1);
  });

  it('two in-process writers at once (real appends through the thread pool): every line parses, none lost', async () => {
    const history = join(tempDir('history-inproc'), 'history.jsonl');
    const writer = async (name: string) => {
      for (let n = 0; n < PER_WRITER; n++) await appendRecord(history, record(name, n));
    };
    await Promise.all([writer('gamma'), writer('delta')]);
    const records = lines(history)
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as ProbeRecord);
    expect(records).toHaveLength(2 * PER_WRITER);
    expectAllRecords(records, ['gamma', 'delta'], PER_WRITER);
  });
});

describe('a crash mid-write', () => {
  it('a line cut by a crash stays as it is, and the next record starts on a line of its own', async () => {
    const history = join(tempDir('history-cut'), 'history.jsonl');
    await appendRecord(history, record('first', 0));
    const whole = JSON.stringify(record('cut', 1));
    appendFileSync(history, whole.slice(0, Math.floor(whole.length / 2))); // the process died mid-write
    const before = readFileSync(history, 'utf8');
    await appendRecord(history, record('after', 2));
    const after = readFileSync(history, 'utf8');
    expect(after.startsWith(before)).toBe(true); // nothing rewritten
    const parsed = lines(history)
      .filter((l) => l !== '')
      .map((l) => {
        try {
          return JSON.parse(l) as ProbeRecord;
        } catch {
          return 'cut';
        }
      });
    expect(parsed.map((r) => (r === 'cut' ? r : r.baseUrl))).toEqual(['https://first.example/fhir', 'cut', 'https://after.example/fhir']);
  });

  it('an existing history, even with a cut last line, is accepted; another file is refused', () => {
    const dir = tempDir('history-check');
    const history = join(dir, 'history.jsonl');
    writeFileSync(history, `${JSON.stringify(record('x', 0))}\n{"v":1,"at":"2026`);
    expect(() => checkHistoryFile(history, 'history.jsonl')).not.toThrow();
    const newer = join(dir, 'newer.jsonl');
    writeFileSync(newer, `${JSON.stringify({ ...record('x', 0), v: 99 })}\n`);
    expect(() => checkHistoryFile(newer, 'newer.jsonl')).toThrow(/format 99/);
    const csv = join(dir, 'other.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    expect(() => checkHistoryFile(csv, 'other.csv')).toThrow(/other\.csv:1: not a sas-recette watch history/);
  });
});
