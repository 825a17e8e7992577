// CLI: `kefu report` and `kefu payroll` — one shape: flags → spec → month → render → one writer.
import { Option, type Command } from 'commander';
import { renderPayroll, renderReport, type Format } from '../../render/index.js';
import { addInputOptions, inputSpec } from '../spec.js';
import { computeFromFiles, reportIssues } from '../month.js';
import { chalkFor, emit, useColour } from '../output.js';
import type { CliIO } from '../context.js';

const HELP = {
  report: {
    summary: 'ranked KPI report / 绩效排名报表',
    after: '\nExample:\n  kefu report --scheme scheme.yaml --period 2026-10 --roster roster.csv --stats stats.csv --facts facts.csv\n',
  },
  payroll: {
    summary: 'bonus sheet for finance / 奖金表',
    after: '\nExample:\n  kefu payroll --scheme scheme.yaml --period 2026-10 --roster roster.csv --stats stats.csv -o 奖金表.csv\n',
  },
} as const;

/** The format asked for, else the one the output file's name says, else a table. */
function formatFor(asked: string | undefined, path: string | undefined): Format {
  if (asked) return asked as Format;
  if (path?.toLowerCase().endsWith('.csv')) return 'csv';
  if (path?.toLowerCase().endsWith('.json')) return 'json';
  return 'table';
}

export function registerOutputCommand(program: Command, which: 'report' | 'payroll', io: CliIO, done: (code: number) => void): void {
  const command = program.command(which).description(HELP[which].summary).addHelpText('after', HELP[which].after);
  addInputOptions(command)
    .addOption(new Option('--format <format>', 'table, csv or json (default: from -o, else table)').choices(['table', 'csv', 'json']))
    .option('-o, --output <file>', 'write to this file (whole or not at all) instead of stdout')
    .option('--bom', 'start CSV with a UTF-8 BOM (always when -o names a .csv file)', false)
    .action(async (options: Record<string, unknown>) => {
      const spec = inputSpec(options);
      const month = await computeFromFiles(spec, io);
      const code = reportIssues(month, spec, io);
      if (!month.result) return done(code);
      const path = options.output as string | undefined;
      const colour = path === undefined && useColour(spec.color, io);
      const renderOptions = {
        lang: spec.lang,
        chalk: chalkFor(colour),
        colour,
        bom: Boolean(options.bom) || Boolean(path?.toLowerCase().endsWith('.csv')),
      };
      const format = formatFor(options.format as string | undefined, path);
      const text =
        which === 'report' ? renderReport(month.result.report, format, renderOptions) : renderPayroll(month.result.payroll, format, renderOptions);
      await emit(text, path, io);
      done(code);
    });
}
