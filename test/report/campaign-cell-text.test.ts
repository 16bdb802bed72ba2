/**
 * Text of a run in a workbook cell (src/report/campaign/cell-text.ts), written and read back with exceljs:
 * formula starts get a leading quote and stay text, control characters are shown (exceljs alone drops
 * them), `_xHHHH_` sequences read back as written (exceljs alone decodes them).
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../src/report/campaign/cell-text.js';

async function roundTrip(values: string[]): Promise<ExcelJS.Cell[]> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('t').addRow(values.map(cellText));
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(Buffer.from(await wb.xlsx.writeBuffer()) as unknown as ExcelJS.Buffer);
  const cells: ExcelJS.Cell[] = [];
  back
    .getWorksheet('t')!
    .getRow(1)
    .eachCell((c) => cells.push(c));
  return cells;
}

describe('cellText through a workbook', () => {
  it('keeps formula starts as text, with a leading quote', async () => {
    const starts = ['=1+1', '+33 1 99', '-2', '@SUM(A1)', '\t=1', 'plain'];
    const cells = await roundTrip(starts);
    expect(cells.map((c) => c.type)).toEqual(starts.map(() => ExcelJS.ValueType.String));
    expect(cells.map((c) => c.value)).toEqual(["'=1+1", "'+33 1 99", "'-2", "'@SUM(A1)", "'\t=1", 'plain']);
  });

  it('shows control characters and keeps escape-like sequences as written', async () => {
    const cells = await roundTrip(['a\u0001b\u202Ec', '_x0041_x0042_ and _x00e9_', 'x'.repeat(40_000)]);
    expect(cells[0].value).toBe('a⟨U+0001⟩b⟨U+202E⟩c');
    expect(cells[1].value).toBe('_x0041_x0042_ and _x00e9_');
    expect(String(cells[2].value)).toHaveLength(30_000);
    expect(String(cells[2].value).endsWith('…')).toBe(true);
  });
});
