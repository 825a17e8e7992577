// CLI: `kefu compare --scheme current.yaml --scheme proposed.yaml (inputs)` — one read of the month's
// files computed under both schemes (core/compare.ts): per agent KPI, rank and pay under each and the
// change; the team's totals; who gains and loses most. A table, CSV or JSON.
import { Option, type Command } from 'commander';
import { compareMonths } from '../../core/compare.js';
import { renderComparison } from '../../render/compare.js';
import { addInputOptions, inputSpec } from '../spec.js';
import { computeFromFiles, reportIssues } from '../month.js';
import { chalkFor, emit, formatFor, useColour } from '../output.js';
import { UsageError, type CliIO } from '../context.js';

export function registerCompare(program: Command, io: CliIO, done: (code: number) => void): void {
  const command = program
    .command('compare')
    .description('one month under two schemes: KPI, rank and pay per agent under each, and the change / 新旧方案对比')
    .addHelpText('after', '\nExample:\n  kefu compare --scheme 现行方案.yaml --scheme 新方案.yaml --period 2026-10 --roster roster.csv --stats stats.csv --facts facts.csv\n');
  addInputOptions(command, { schemes: 'two' })
    .addOption(new Option('--format <format>', 'table, csv or json (default: from -o, else table)').choices(['table', 'csv', 'json']))
    .option('-o, --output <file>', 'write to this file (whole or not at all) instead of stdout; .csv or .json sets the format')
    .action(async (options: Record<string, unknown>) => {
      const schemes = (options.scheme as string[] | undefined) ?? [];
      if (schemes.length !== 2) {
        throw new UsageError(`compare takes two schemes, the current one and the proposed one: --scheme A.yaml --scheme B.yaml (${schemes.length === 0 ? 'none was given' : `${schemes.length} given`})`);
      }
      const [current, proposed] = schemes as [string, string];
      const spec = await inputSpec({ ...options, scheme: current }, io);
      const month = await computeFromFiles(spec, io, { alsoUnder: [proposed] });
      const code = reportIssues(month, spec, io);
      const other = month.alsoUnder?.[0];
      if (!month.result || !other) return done(code);
      const path = options.output as string | undefined;
      const format = formatFor<'csv' | 'json'>(options.format as string | undefined, path, ['csv', 'json']);
      const colour = path === undefined && useColour(spec.color, io);
      const comparison = compareMonths(month.result, other);
      await emit(renderComparison(comparison, format, { lang: spec.lang, chalk: chalkFor(colour), colour, bom: Boolean(path?.toLowerCase().endsWith('.csv')) }), path, io);
      done(code);
    });
}
