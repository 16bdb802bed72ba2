/**
 * `sas-recette vsr HISTORY` in-process: the PV VSR written with its figures and the console summary,
 * never over an existing one without --force, English with --lang en, --pv-info, the setup errors
 * (exit 2, no stack trace), and hostile strings of the history escaped in the HTML and the terminal.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../bench/vsr-history.mjs';
import { pvHashes } from '../../src/report/html/index.js';
import { cli, tempDir } from '../e2e/support.js';

const gen = generateHistory();

function historyIn(dir: string, text = gen.text): string {
  const f = join(dir, 'history.jsonl');
  writeFileSync(f, text);
  return f;
}

describe('sas-recette vsr', () => {
  it('writes pv-vsr.html beside the history and prints the period, availability, p95, incidents and the file', async () => {
    const dir = tempDir('vsr-cmd');
    const r = await cli(['vsr', historyIn(dir)], {}, dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Période\u00a0: 06/04/2026 – 04/06/2026 (5760 sondes)');
    expect(r.out).toContain('Disponibilité\u00a0: 99,74\u00a0%');
    expect(r.out).toMatch(/p95\u00a0: 0,\d\d\u00a0s/);
    expect(r.out).toContain('Incidents\u00a0: 3 (1\u00a0j 13\u00a0h 45\u00a0min)');
    expect(r.out).toContain('écrit pv-vsr.html');
    const pv = readFileSync(join(dir, 'pv-vsr.html'), 'utf8');
    expect(pv).toContain('<th scope="row">15/04/2026</th><td class="num">96</td><td class="num">84</td><td class="num">87,50\u00a0%</td>');
    expect(pv).toContain('<code class="id long">SAS-TEL-001</code>');
    expect(pv).toMatch(/<svg class="vsr-chart"[^>]*role="img" aria-labelledby="vsr-availability-title vsr-availability-desc"/);
    expect(pv).toContain('<title id="vsr-latency-title">');
    expect(pv).not.toMatch(/<script/i);
    const { written, computed } = pvHashes(pv);
    expect(written).toMatch(/^[0-9a-f]{64}$/);
    expect(computed).toBe(written);
  });

  it('never replaces a PV VSR without --force (exit 2, the file untouched); --force replaces it', async () => {
    const dir = tempDir('vsr-force');
    const history = historyIn(dir);
    const pvFile = join(dir, 'pv-vsr.html');
    writeFileSync(pvFile, 'signed copy');
    const r = await cli(['vsr', history, '--lang', 'en'], {}, dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`a PV VSR is already there and is not replaced: ${pvFile}`);
    expect(r.err).toContain('add --force');
    expect(readFileSync(pvFile, 'utf8')).toBe('signed copy');
    const forced = await cli(['vsr', history, '--force'], {}, dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(pvFile, 'utf8')).toContain('PV VSR');
  });

  it('--out, --from / --to, --pv-info and --lang en', async () => {
    const dir = tempDir('vsr-options');
    const info = join(dir, 'pv.yaml');
    writeFileSync(info, 'editor: Éditeur Exemple\nsoftware: Agenda+\nsoftwareVersion: "4.2"\npvNumber: VSR-2026-007\n');
    const out = join(dir, 'out');
    const r = await cli(
      ['vsr', historyIn(dir), '--out', out, '--from', '2026-04-15', '--to', '2026-04-16', '--pv-info', info, '--lang', 'en'],
      {},
      dir,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Period: 2026-04-15 – 2026-04-16 (192 probes)');
    expect(r.out).toContain('Availability: 93.75%');
    expect(r.out).toContain('Incidents: 1 (3\u00a0h 00\u00a0min)');
    const pv = readFileSync(join(out, 'pv-vsr.html'), 'utf8');
    expect(pv).toContain('<html lang="en">');
    expect(pv).toContain('SAS regular-service verification report (PV VSR)');
    expect(pv).toContain('<strong>VSR-2026-007</strong>');
    expect(pv).toContain('Éditeur Exemple');
    expect(pv).toContain('For the editor (Éditeur Exemple)');
  });

  it('setup and usage problems exit 2 with a message, no stack trace', async () => {
    const dir = tempDir('vsr-errors');
    const missing = await cli(['vsr', 'none.jsonl'], {}, dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('historique VSR illisible\u00a0: none.jsonl (ENOENT)');
    expect(missing.err).not.toMatch(/\n\s+at /);
    const history = historyIn(dir);
    const bad = await cli(['vsr', history, '--from', 'yesterday', '--lang', 'en'], {}, dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--from yesterday: a day (2026-04-06, Paris time) or an instant with its offset');
    const both = await cli(['vsr', history, '--out', dir, '--html', join(dir, 'x.html'), '--lang', 'en'], {}, dir);
    expect(both.code).toBe(2);
    expect(both.err).toContain('--out and --html cannot be used together');
    const outside = await cli(['vsr', history, '--from', '2030-01-01', '--lang', 'en'], {}, dir);
    expect(outside.code).toBe(2);
    expect(outside.err).toContain('no probe in the requested period (2030-01-01 → …)');
    expect(existsSync(join(dir, 'pv-vsr.html'))).toBe(false);
  });

  it('escapes hostile strings of the history in the HTML and on the terminal', async () => {
    const dir = tempDir('vsr-hostile');
    const hostile = generateHistory({
      days: 2,
      baseUrl: 'https://x.example/<script>alert(1)</script>\u001b[31m',
      events: {
        outages: [],
        slowDays: [],
        rules: [{ fromDay: 1, from: '10:00', toDay: 1, to: '11:00', rule: '<img src=x onerror=alert(2)>' }],
      },
    });
    const records = hostile.records.map((r) =>
      r.evidence ? { ...r, evidence: { ...r.evidence, path: 'e/"><svg onload=alert(3)>.json' }, tool: '1.4.0<b>bold</b>' } : r,
    );
    const history = historyIn(dir, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = await cli(['vsr', history], {}, dir);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('\\u001b[31m');
    const pv = readFileSync(join(dir, 'pv-vsr.html'), 'utf8');
    for (const raw of ['<script>alert(1)', '<img src=x', '<svg onload', '<b>bold</b>']) expect(pv).not.toContain(raw);
    expect(pv).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pv).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(pv).toContain('e/&quot;&gt;&lt;svg onload=alert(3)&gt;.json');
    expect(pv).toContain('1.4.0&lt;b&gt;bold&lt;/b&gt;');
  });
});
