// CLI: `kefu trend DIR…` — the months that `kefu run --out` wrote, side by side: each metric month by
// month per agent and for the team, its lowest, highest and mean month, the change from the month
// before and a sparkline; with --scheme, marked against the scheme's benchmarks. One shape: flags →
// the run folders (trend-load.ts) → core/trend.ts → render/trend.ts → one writer.
import { Option, type Command } from 'commander';
import { hasErrors, type Issue } from '../../core/model/issues.js';
import type { Lang } from '../../core/model/issue-texts.js';
import { computeTrend } from '../../core/trend.js';
import { renderTrend, type TrendFormat } from '../../render/trend.js';
import { readScheme } from '../load.js';
import { loadRunFolders } from '../trend-load.js';
import { chalkFor, emit, formatFor, parseWidth, printIssues, tableWidth, useColour } from '../output.js';
import { EXIT_DATA, EXIT_OK, type CliIO } from '../context.js';

export function registerTrend(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('trend')
    .description('earlier months side by side: each metric per month, min, max, mean, change and a sparkline / 历史趋势')
    .argument('<dirs...>', 'folders written by kefu run --out, one per month, in any order')
    .option('--scheme <file>', "a scheme whose benchmarks: mark the months below standard (and its labels and derived ratios name the metrics)")
    .option('--agent <id>', 'one agent: agent_id or name')
    .option('--metric <names...>', 'these metrics (names or headers); default: the KPI metrics, the benchmarked ones, the KPI score and the pay total')
    .addOption(new Option('--format <format>', 'table, md, csv or json (default: from -o, else table)').choices(['table', 'md', 'csv', 'json']))
    .option('-o, --output <file>', 'write to this file (whole or not at all) instead of stdout; .md, .csv or .json sets the format')
    .option('--bom', 'start CSV with a UTF-8 BOM (always when -o names a .csv file)', false)
    .option('--width <columns>', "fit the table to this many columns (default: the terminal's, else 120)", parseWidth)
    .addOption(new Option('--lang <lang>', 'language of headers and messages').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--color <when>', 'colour in the table').choices(['auto', 'always', 'never']).default('auto'))
    .addHelpText('after', '\nExample:\n  kefu trend out/2026-08 out/2026-09 out/2026-10 --scheme scheme.yaml\n')
    .action(async (dirs: string[], options: Record<string, unknown>) => {
      const lang = options.lang as Lang;
      const path = options.output as string | undefined;
      const format = formatFor<TrendFormat>(options.format as string | undefined, path, ['md', 'csv', 'json']);
      const issues: Issue[] = [];
      const scheme = options.scheme !== undefined ? await readScheme(options.scheme as string, 'auto', io, issues) : undefined;
      const loaded = await loadRunFolders(dirs, io);
      issues.push(...loaded.issues);
      if (hasErrors(issues)) {
        printIssues(issues, lang, io);
        return done(EXIT_DATA);
      }
      const { trend, issues: found } = computeTrend(loaded.months, {
        ...(scheme ? { scheme } : {}),
        ...(options.agent !== undefined ? { agent: options.agent as string } : {}),
        ...(options.metric !== undefined ? { metrics: options.metric as string[] } : {}),
        earlier: issues,
      });
      printIssues([...issues, ...found], lang, io);
      if (!trend) return done(EXIT_DATA);
      const colour = path === undefined && format === 'table' && useColour(options.color as 'auto' | 'always' | 'never', io);
      const output = renderTrend(trend, format, {
        lang,
        chalk: chalkFor(colour),
        colour,
        bom: Boolean(options.bom) || Boolean(path?.toLowerCase().endsWith('.csv')),
        width: tableWidth(options.width, io),
        byAgent: options.agent !== undefined,
      });
      await emit(output, path, io);
      done(EXIT_OK);
    });
}
