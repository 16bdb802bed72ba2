/**
 * `sas-recette campaign` over real runs of the reference editor (in-process, loopback HTTP): three
 * editors, one with a defect that a later run fixes, one left with it, one whose identification is
 * hostile. The workbook is read back with exceljs: one overview row per editor + software, the defect's
 * rule ids as actions (fixed after the fixing run, open otherwise), the owner / due-date / comment typed
 * into it (written with exceljs here) kept through regenerations, an annotated row kept when its editor's
 * runs are left out; the hostile text is inert in the workbook and in the dashboard.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJdd, SHIPPED_JDD_FILES } from '../../src/jdd/load-jdd.js';
import { startMockServer, type MockServer } from '../../src/mock/server.js';
import { blockingRuleIds, cli, HAVE_PACKAGES, JDD_ARGS, parseRun, tempDir } from '../e2e/support.js';

/** The cases that catch the wrong-status defect (test/e2e/defects.test.ts). */
const CASES = ['PS-4.3-STATUS', 'PS-4.2-BUNDLE'];
const HOSTILE = '=HYPERLINK("http://evil.example/x","clic")<script>alert(1)</script>\u0007';

let clean: MockServer;
let broken: MockServer;
let dir: string;
/** `case rule` of the defect's blocking findings, read from the failing run (never assumed). */
let defect: string[];

async function runInto(out: string, server: MockServer, pv: string): Promise<void> {
  const pvFile = join(dir, `${out}.pv.yaml`);
  writeFileSync(pvFile, pv);
  const r = await cli([
    'run',
    '--base-url',
    server.url,
    ...JDD_ARGS,
    '--only',
    CASES.join(','),
    '--pv-info',
    pvFile,
    '--reporter',
    'json',
    '--format',
    'json',
    '--out',
    join(dir, out),
  ]);
  expect(r.err).not.toMatch(/internal error/);
  if (out === 'a1') defect = CASES.flatMap((c) => blockingRuleIds(parseRun(r.out), c).map((rule) => `${c} ${rule}`)).sort();
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The rows of a sheet as objects keyed by header text. */
function rowsOf(wb: ExcelJS.Workbook, sheet: string): Record<string, ExcelJS.CellValue>[] {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const headers: string[] = [];
  ws.getRow(1).eachCell((c, n) => (headers[n] = String(c.value)));
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const o: Record<string, ExcelJS.CellValue> = {};
    row.eachCell((c, i) => (o[headers[i]] = c.value));
    rows.push(o);
  });
  return rows;
}

/** Types into the Actions sheet as a person would: the cells of `column` on the rows `match` picks. */
async function typeInto(
  file: string,
  sheet: string,
  match: (r: Record<string, ExcelJS.CellValue>) => boolean,
  values: Record<string, ExcelJS.CellValue>,
): Promise<number> {
  const wb = await load(file);
  const ws = wb.getWorksheet(sheet)!;
  const headers: string[] = [];
  ws.getRow(1).eachCell((c, n) => (headers[n] = String(c.value)));
  let typed = 0;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const o: Record<string, ExcelJS.CellValue> = {};
    row.eachCell((c, i) => (o[headers[i]] = c.value));
    if (!match(o)) return;
    for (const [header, value] of Object.entries(values)) row.getCell(headers.indexOf(header)).value = value;
    typed += 1;
  });
  await wb.xlsx.writeFile(file);
  return typed;
}

describe.runIf(HAVE_PACKAGES)('sas-recette campaign', () => {
  beforeAll(async () => {
    const jdd = SHIPPED_JDD_FILES.map((f) => loadJdd(f));
    clean = await startMockServer({ jdd });
    broken = await startMockServer({ jdd, defects: ['wrong-status'] });
    dir = tempDir('campaign');
    await runInto('a1', broken, 'editor: Éditeur A\nsoftware: Agenda A\nsoftwareVersion: "1.0"\npvNumber: PV-A-1\n');
    await runInto('b1', broken, 'editor: Éditeur B\nsoftware: Planning B\nsoftwareVersion: "3.2"\n');
    await runInto('c1', clean, `editor: ${JSON.stringify(HOSTILE)}\nsoftware: Agenda C\nsoftwareVersion: "7"\n`);
    await runInto('a2', clean, 'editor: éditeur a \nsoftware: Agenda A\nsoftwareVersion: "1.1"\npvNumber: PV-A-2\n'); // spelled differently: same editor
  }, 120_000);
  afterAll(async () => {
    await clean?.close();
    await broken?.close();
  });

  it('writes one overview row per editor + software, the defect as actions, open then fixed by a later run; annotations survive regenerations', async () => {
    expect(defect).toContain('PS-4.3-STATUS SAS-WIN-001');
    expect(defect).toContain('PS-4.2-BUNDLE Slot.status');
    const xlsx = join(dir, 'suivi.xlsx');
    const html = join(dir, 'suivi.html');

    // 1. before the fixing run: A and B both open
    let r = await cli(['campaign', join(dir, 'a1'), join(dir, 'b1'), join(dir, 'c1'), '--xlsx', xlsx, '--html', html]);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    let wb = await load(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Synthèse', 'Actions', 'Notes']);
    let actions = rowsOf(wb, 'Actions');
    // A's second run spells its name otherwise ("éditeur a "): the same editor, shown as its latest run spells it
    const isA = (name: ExcelJS.CellValue): boolean => String(name).trim().toLowerCase() === 'éditeur a';
    const ofA = (rows: typeof actions) => rows.filter((a) => isA(a['Éditeur']));
    const pair = (a: Record<string, ExcelJS.CellValue>): string => `${String(a['Cas'])} ${String(a['Règle'])}`;
    expect(ofA(actions).map(pair).sort()).toEqual(defect);
    expect(new Set(actions.map((a) => a['Statut']))).toEqual(new Set(['ouverte']));

    // a person types an owner, a due date and a comment on A's SAS-WIN-001 and a comment on every B row
    const due = new Date(Date.UTC(2027, 0, 15));
    expect(
      await typeInto(xlsx, 'Actions', (a) => a['Éditeur'] === 'Éditeur A' && a['Règle'] === 'SAS-WIN-001', {
        Responsable: 'Alice M.',
        Échéance: due,
        Commentaire: 'relance envoyée',
      }),
    ).toBe(1);
    expect(await typeInto(xlsx, 'Actions', (a) => a['Éditeur'] === 'Éditeur B', { Commentaire: 'rendez-vous le 12' })).toBe(defect.length);
    expect(await typeInto(xlsx, 'Synthèse', (o) => o['Logiciel'] === 'Agenda C', { Commentaire: 'PV signé' })).toBe(1);

    // 2. the fixing run of A added: A's actions fixed, B's open, everything typed still there
    r = await cli(['campaign', dir, '--xlsx', xlsx, '--html', html]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`annotations reprises\u00a0: ${1 + defect.length + 1},`); // A's action, B's actions, C's overview row
    wb = await load(xlsx);
    const overview = rowsOf(wb, 'Synthèse');
    expect(overview.map((o) => o['Logiciel']).sort()).toEqual(['Agenda A', 'Agenda C', 'Planning B']);
    const a = overview.find((o) => o['Logiciel'] === 'Agenda A')!;
    expect(a).toMatchObject({ Version: '1.1', Exécutions: 2, 'N° de PV': 'PV-A-2', 'Actions ouvertes': 0 });
    // the hash the PV shows: its manifest's when the run folder has one, else run.json's (said in the next column)
    const manifest = join(dir, 'a2', 'latest', 'manifest.json');
    const hashed = existsSync(manifest) ? manifest : join(dir, 'a2', 'latest', 'run.json');
    expect(a['Empreinte SHA-256']).toBe(createHash('sha256').update(readFileSync(hashed)).digest('hex'));
    expect(a['Empreinte de']).toBe(existsSync(manifest) ? 'manifest.json (celle du PV)' : 'run.json (pas de manifeste)');
    expect(overview.find((o) => o['Logiciel'] === 'Planning B')).toMatchObject({ Avis: 'Défavorable', 'Actions ouvertes': defect.length });
    expect(overview.find((o) => o['Logiciel'] === 'Agenda C')?.Commentaire).toBe('PV signé');
    actions = rowsOf(wb, 'Actions');
    expect(
      ofA(actions)
        .map((x) => `${pair(x)} ${String(x['Statut'])} ${String(x['Vu dans (exécutions)'])}`)
        .sort(),
    ).toEqual(defect.map((d) => `${d} corrigée 1 / 2`));
    const typed = ofA(actions).find((x) => x['Règle'] === 'SAS-WIN-001')!;
    expect(typed).toMatchObject({ Responsable: 'Alice M.', Commentaire: 'relance envoyée' });
    expect((typed['Échéance'] as Date).toISOString()).toBe(due.toISOString());
    const ofB = actions.filter((x) => x['Éditeur'] === 'Éditeur B');
    expect(ofB.map((x) => [x['Statut'], x['Commentaire']])).toEqual(defect.map(() => ['ouverte', 'rendez-vous le 12']));
    // the open ones first
    expect(actions[0]['Statut']).toBe('ouverte');

    // 3. B's runs left out: its annotated rows are kept, marked, never dropped
    r = await cli(['campaign', join(dir, 'a1'), join(dir, 'a2'), join(dir, 'c1'), '--xlsx', xlsx, '--lang', 'en']);
    expect(r.code).toBe(0);
    wb = await load(xlsx);
    expect(wb.getWorksheet('Synthèse')).toBeUndefined(); // regenerated in English, the French sheets replaced
    actions = rowsOf(wb, 'Actions');
    const keptB = actions.filter((x) => x['Editor'] === 'Éditeur B');
    expect(keptB.map((x) => [x['Status'], x['Comment']])).toEqual(defect.map(() => ['not in the runs read', 'rendez-vous le 12']));
    expect(actions.find((x) => x['Rule id'] === 'SAS-WIN-001' && isA(x['Editor']))).toMatchObject({
      Status: 'fixed',
      Owner: 'Alice M.',
    });
  }, 60_000);

  it('keeps a hostile identification inert: a text cell, never a formula, in the workbook; escaped in the dashboard', async () => {
    // in folders that do not exist yet: made as the files are written
    const xlsx = join(dir, 'new-folder', 'hostile.xlsx');
    const html = join(dir, 'other-new-folder', 'hostile.html');
    const r = await cli(['campaign', join(dir, 'c1'), '--xlsx', xlsx, '--html', html]);
    expect(r.code).toBe(0);
    const wb = await load(xlsx);
    const cell = wb.getWorksheet('Synthèse')!.getCell('A2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(`'=HYPERLINK("http://evil.example/x","clic")<script>alert(1)</script>⟨U+0007⟩`);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;clic&quot;)&lt;script&gt;alert(1)&lt;/script&gt;⟨U+0007⟩');
  });

  it('skips a run.json that is not a run with a note naming it, and refuses to replace a file that is not a campaign workbook', async () => {
    const bad = join(dir, 'bad', 'run1');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'run.json'), '{"hello": 1}');
    cpSync(join(dir, 'c1'), join(dir, 'bad', 'copy-of-c1'), { recursive: true, verbatimSymlinks: true });
    const xlsx = join(dir, 'skip.xlsx');
    let r = await cli(['campaign', join(dir, 'bad'), join(dir, 'c1'), '--xlsx', xlsx], {}, dir);
    expect(r.code).toBe(0);
    expect(r.err).toContain('bad/run1/run.json ignoré');
    expect(r.err).toMatch(/même exécution/); // the copied run folder is read once
    expect(rowsOf(await load(xlsx), 'Synthèse')).toHaveLength(1);

    const other = join(dir, 'budget.xlsx');
    writeFileSync(other, 'not a workbook');
    r = await cli(['campaign', join(dir, 'c1'), '--xlsx', other]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/budget\.xlsx.*n'est pas remplacé/);
    expect(readFileSync(other, 'utf8')).toBe('not a workbook');

    r = await cli(['campaign', join(dir, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nowhere.*introuvable/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
