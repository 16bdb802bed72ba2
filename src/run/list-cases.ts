/** `run --list`: the selected cases, each with the JDD data it will use or why it is not applicable. */
import { describeCaseData, formatCaseData } from '../cahier/jdd-refs.js';
import type { Lang } from '../core/findings.js';
import type { CliContext } from '../core/io.js';
import type { PreparedRun } from './prepare.js';

export function listCases(ctx: CliContext, prepared: PreparedRun, lang: Lang): void {
  const rows = prepared.plan.selected.map((c) => [
    c.id,
    c.anyUseCase ? `all (${c.useCase})` : c.useCase,
    c.kind,
    c.severity,
    c.tags.join(','),
    c.title[lang],
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length)));
  prepared.plan.selected.forEach((c, i) => {
    const r = rows[i];
    ctx.io.stdout(
      `${r
        .slice(0, 4)
        .map((v, k) => v.padEnd(widths[k]))
        .join('  ')}  ${r[5]}  ${ctx.color.dim(r[4])}\n`,
    );
    // the JDD data of the case: roles → entries (key + identifier), or why it is not applicable
    const data = describeCaseData(c, prepared.jddFor(c.useCase));
    const line = `    ${formatCaseData(data, lang)}\n`;
    ctx.io.stdout(data.notApplicable ? ctx.color.yellow(line) : ctx.color.dim(line));
  });
  ctx.io.stdout(`\n${prepared.plan.selected.length} / ${prepared.cases.length} test case(s) selected\n`);
}
