// CLI: `kefu report` and `kefu payroll` — one shape: flags → spec → month → render → one writer.
import { Option, type Command } from 'commander';
import { renderPayroll, renderReport, type Format } from '../../render/index.js';
import { addInputOptions, inputSpec } from '../spec.js';
import { computeFromFiles, reportIssues } from '../month.js';
import { chalkFor, emit, toStdout, useColour } from '../output.js';
import { UsageError, type CliIO } from '../context.js';

const HELP = {
  report: {
    summary: 'ranked KPI report / 绩效排名报表',
    after:
      '\nxlsx: a sheet per group, ranked as in the table; numbers are numbers (ratios as 0.00%), the header row frozen.\n' +
      '\nExample:\n  kefu report --scheme scheme.yaml --period 2026-10 --roster roster.csv --stats stats.csv --facts facts.csv\n',
  },
  payroll: {
    summary: 'bonus sheet for finance / 奖金表',
    after:
      '\nxlsx: one sheet (奖金表), the CSV\'s figures as numbers shown #,##0.00, the header row frozen, the totals row in bold.\n' +
      '\nExample:\n  kefu payroll --scheme scheme.yaml --period 2026-10 --roster roster.csv --stats stats.csv -o 奖金表.xlsx\n',
  },
} as const;

/** The format asked for, else the one the output file's name says, else a table. */
function formatFor(asked: string | undefined, path: string | undefined): Format {
  if (asked) return asked as Format;
  if (path?.toLowerCase().endsWith('.csv')) return 'csv';
  if (path?.toLowerCase().endsWith('.json')) return 'json';
  if (path?.toLowerCase().endsWith('.xlsx')) return 'xlsx';
  return 'table';
}

export function registerOutputCommand(program: Command, which: 'report' | 'payroll', io: CliIO, done: (code: number) => void): void {
  const command = program.command(which).description(HELP[which].summary).addHelpText('after', HELP[which].after);
  addInputOptions(command)
    .addOption(new Option('--format <format>', 'table, csv, json or xlsx (default: from -o, else table)').choices(['table', 'csv', 'json', 'xlsx']))
    .option('-o, --output <file>', 'write to this file (whole or not at all) instead of stdout; .csv, .json or .xlsx sets the format')
    .option('--bom', 'start CSV with a UTF-8 BOM (always when -o names a .csv file)', false)
    .action(async (options: Record<string, unknown>) => {
      const spec = inputSpec(options);
      const path = options.output as string | undefined;
      const format = formatFor(options.format as string | undefined, path);
      // A pipe or a file may take the workbook's bytes; a terminal would show garbage.
      if (format === 'xlsx' && toStdout(path) && io.stdout.isTTY) {
        throw new UsageError(`--format xlsx is a binary file and stdout is a terminal: write it with -o ${which}.xlsx (or redirect: > ${which}.xlsx)`);
      }
      const month = await computeFromFiles(spec, io);
      const code = reportIssues(month, spec, io);
      if (!month.result) return done(code);
      const colour = path === undefined && useColour(spec.color, io);
      const renderOptions = {
        lang: spec.lang,
        chalk: chalkFor(colour),
        colour,
        bom: Boolean(options.bom) || Boolean(path?.toLowerCase().endsWith('.csv')),
      };
      const output =
        which === 'report' ? renderReport(month.result.report, format, renderOptions) : renderPayroll(month.result.payroll, format, renderOptions);
      await emit(output, path, io);
      done(code);
    });
}
