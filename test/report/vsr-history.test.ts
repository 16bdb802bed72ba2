/**
 * Reading a VSR watch history (src/report/vsr/read-history.ts) from real files: a last line cut by a
 * crash mid-write loses no complete record, an invalid middle line is skipped with its line number,
 * out-of-order records are sorted, a record of a newer format, an empty, missing or record-less file
 * are SetupErrors naming the file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../bench/vsr-history.mjs';
import { SetupError } from '../../src/core/errors.js';
import { readHistory } from '../../src/report/vsr/read-history.js';
import { tempDir } from '../e2e/support.js';

const dir = tempDir('vsr-read');
const DAY = generateHistory({ days: 1 }); // 96 probes, the first Paris day of the default start

function file(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

async function setupError(promise: Promise<unknown>): Promise<SetupError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SetupError);
  return err as SetupError;
}

describe('readHistory', () => {
  it('reads every record of a whole file, sorted, with the file’s SHA-256', async () => {
    const h = await readHistory(file('whole.jsonl', DAY.text));
    expect(h.probes).toHaveLength(96);
    expect(h.skipped).toBe(0);
    expect(h.lines).toBe(96);
    expect(h.probes[0].at).toBe(DAY.records[0].at);
    expect(h.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a last line cut mid-record is ignored with a note; no complete record is lost', async () => {
    const cut = DAY.text.slice(0, DAY.text.length - 40); // the last record loses its end and its newline
    const h = await readHistory(file('cut.jsonl', cut), 'cut.jsonl');
    expect(h.probes).toHaveLength(95);
    expect(h.probes.map((p) => p.at)).toEqual(DAY.records.slice(0, 95).map((r) => r.at));
    expect(h.skipped).toBe(1);
    expect(h.notes).toEqual([{ line: 96, message: expect.objectContaining({ en: 'last line incomplete (write interrupted?) ignored' }) }]);
  });

  it('a complete last record without its newline is kept', async () => {
    const h = await readHistory(file('no-newline.jsonl', DAY.text.trimEnd()));
    expect(h.probes).toHaveLength(96);
    expect(h.skipped).toBe(0);
  });

  it('an invalid line in the middle is skipped with its line number, the others kept', async () => {
    const lines = DAY.text.split('\n');
    lines[9] = '{"v":1,"at":"2026-04-06T02:';
    lines[19] = JSON.stringify({ ...DAY.records[19], available: 'yes' });
    const h = await readHistory(file('middle.jsonl', lines.join('\n')));
    expect(h.probes).toHaveLength(94);
    expect(h.notes.map((n) => [n.line, n.message.en])).toEqual([
      [10, 'line skipped: invalid JSON'],
      [20, 'line skipped: field "available": a boolean is expected'],
    ]);
    expect(h.probes.some((p) => p.at === DAY.records[9].at || p.at === DAY.records[19].at)).toBe(false);
    expect(h.probes.some((p) => p.at === DAY.records[10].at)).toBe(true);
  });

  it('records written out of order are sorted by instant (offsets taken into account)', async () => {
    const [a, b, c] = DAY.records;
    const bInUtc = { ...b, at: new Date(Date.parse(b.at)).toISOString() };
    const text = [c, bInUtc, a].map((r) => JSON.stringify(r)).join('\n') + '\n';
    const h = await readHistory(file('order.jsonl', text));
    expect(h.probes.map((p) => p.ms)).toEqual([a, b, c].map((r) => Date.parse(r.at)));
    expect(h.probes.map((p) => p.day)).toEqual(['2026-04-06', '2026-04-06', '2026-04-06']);
  });

  it('a record of a newer format stops the reading with the line and both versions', async () => {
    const lines = DAY.text.split('\n');
    lines[4] = JSON.stringify({ ...DAY.records[4], v: 2 });
    const err = await setupError(readHistory(file('v2.jsonl', lines.join('\n')), 'v2.jsonl'));
    expect(err.problem.en).toBe('v2.jsonl:5: record in format v2, this version of sas-recette reads format v1');
    expect(err.hint?.fr).toContain('mettre à jour sas-recette');
  });

  it('a missing, an empty and a record-less file are SetupErrors naming the file', async () => {
    expect((await setupError(readHistory(join(dir, 'none.jsonl'), 'none.jsonl'))).problem.fr).toBe(
      'historique VSR illisible\u00a0: none.jsonl (ENOENT)',
    );
    expect((await setupError(readHistory(file('empty.jsonl', ''), 'empty.jsonl'))).problem.en).toBe(
      'VSR history without any probe: empty.jsonl (empty file)',
    );
    const junk = await setupError(readHistory(file('junk.jsonl', 'hello\n[]\n'), 'junk.jsonl'));
    expect(junk.problem.en).toBe('VSR history without any probe: junk.jsonl (no valid record)');
    expect(junk.hint?.en).toBe('first line rejected, 1: line skipped: invalid JSON');
    expect((await setupError(readHistory(dir, 'dir'))).problem.en).toBe('cannot read the VSR history: dir (EISDIR)');
  });

  it('keeps only the latencies of answered requests, and the outcomes of the others', async () => {
    const gen = generateHistory({
      days: 1,
      events: { outages: [{ day: 1, from: '00:00', minutes: 15, outcome: 'timeout' }], slowDays: [], rules: [] },
    });
    const h = await readHistory(file('outage.jsonl', gen.text));
    const [first, second] = h.probes;
    expect(first).toMatchObject({
      available: false,
      failed: true,
      latencies: [],
      unanswered: 3,
      outcomes: ['timeout', 'timeout', 'timeout'],
    });
    expect(second.latencies).toEqual(gen.records[1].checks.map((c) => c.latencyMs));
    expect(second.failed).toBe(false);
  });
});
