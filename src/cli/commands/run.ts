// CLI: `kefu run --out DIR` — the month's seven files (report and bonus sheet as CSV, JSON and xlsx, and report.html),
// written together and atomically, and the ranked report on stdout.
import type { Command } from 'commander';
import { join } from 'node:path';
import { renderPayroll, renderReport } from '../../render/index.js';
import { renderHtml } from '../../render/html.js';
import { writeFolderAtomically } from '../../io/write.js';
import { addInputOptions, inputSpec } from '../spec.js';
import { computeFromFiles, reportIssues } from '../month.js';
import { addTableOptions, chalkFor, tableWidth, useColour } from '../output.js';
import type { CliIO } from '../context.js';

export function registerRun(program: Command, io: CliIO, done: (code: number) => void): void {
  const command = program
    .command('run')
    .description('write the report and the bonus sheet as csv, json and xlsx, and report.html, into a folder / 一键出报表和奖金表')
    .addHelpText('after', '\nExample:\n  kefu run --scheme scheme.yaml --period 2026-10 --roster roster.csv --stats a.csv b.csv --out out/2026-10\n');
  addTableOptions(addInputOptions(command))
    .requiredOption('--out <dir>', 'folder for report.csv/.json/.xlsx/.html and payroll.csv/.json/.xlsx (created if needed)')
    .action(async (options: Record<string, unknown>) => {
      const spec = inputSpec(options);
      const month = await computeFromFiles(spec, io);
      const code = reportIssues(month, spec, io);
      if (!month.result) return done(code);
      const { report, payroll } = month.result;
      const dir = options.out as string;
      const files = {
        plain: { lang: spec.lang, chalk: chalkFor(false), colour: false, bom: true },
      };
      const outputs = [
        { name: 'report.csv', data: renderReport(report, 'csv', files.plain) },
        { name: 'report.json', data: renderReport(report, 'json', files.plain) },
        { name: 'report.xlsx', data: renderReport(report, 'xlsx', files.plain) },
        { name: 'payroll.csv', data: renderPayroll(payroll, 'csv', files.plain) },
        { name: 'payroll.json', data: renderPayroll(payroll, 'json', files.plain) },
        { name: 'payroll.xlsx', data: renderPayroll(payroll, 'xlsx', files.plain) },
        { name: 'report.html', data: renderHtml(report, payroll, spec.lang) },
      ];
      // The folder holds the last run's seven files or this run's, never some of each.
      await writeFolderAtomically(dir, outputs);
      const colour = useColour(spec.color, io);
      io.stdout.write(renderReport(report, 'table', { lang: spec.lang, chalk: chalkFor(colour), colour, bom: false, width: tableWidth(options.width, io), wide: Boolean(options.wide) }));
      const wrote = outputs.map((o) => join(dir, o.name)).join(', ');
      io.stderr.write(spec.lang === 'zh' ? `已写入 ${wrote}\n` : `wrote ${wrote}\n`);
      done(code);
    });
}
