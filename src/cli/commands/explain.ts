// CLI: `kefu explain AGENT` — every figure of one agent, from the inputs to the total, from the same
// computation as report and payroll (core/explain.ts): a terminal table, Markdown, or JSON.
import { Option, type Command } from 'commander';
import { findAgent } from '../../core/explain.js';
import { issue } from '../../core/model/issues.js';
import { formatDay } from '../../core/num/dates.js';
import { RAW_ROWS_SHOWN, renderExplain, type ExplainFormat } from '../../render/explain.js';
import { addInputOptions, inputSpec } from '../spec.js';
import { computeFromFiles, reportIssues } from '../month.js';
import { chalkFor, emit, formatFor, printIssues, useColour } from '../output.js';
import { EXIT_DATA, type CliIO } from '../context.js';

const day = (d: number | undefined) => (d === undefined ? '' : formatDay(d));

export function registerExplain(program: Command, io: CliIO, done: (code: number) => void): void {
  const command = program
    .command('explain')
    .description("every figure of one agent, from the input rows to the total / 个人绩效与工资明细")
    .argument('<agent>', 'agent_id, name or account (工号、姓名或客服账号)')
    .addHelpText('after', '\nExample:\n  kefu explain K001 --scheme scheme.yaml --period 2026-10 --roster roster.csv --stats stats.csv --facts facts.csv\n');
  addInputOptions(command)
    .addOption(new Option('--format <format>', 'table, md or json (default: from -o, else table)').choices(['table', 'md', 'json']))
    .option('--all', `list every raw row behind the counts (chat logs and order reports), not the first ${RAW_ROWS_SHOWN} of each`)
    .option('-o, --output <file>', 'write to this file (whole or not at all) instead of stdout; .md or .json sets the format')
    .action(async (agent: string, options: Record<string, unknown>) => {
      const spec = await inputSpec(options, io);
      const path = options.output as string | undefined;
      const format = formatFor<ExplainFormat>(options.format as string | undefined, path, ['md', 'json']);
      const month = await computeFromFiles(spec, io, { explain: agent });
      const code = reportIssues(month, spec, io);
      if (!month.result) return done(code);
      const found = findAgent(agent, month.result.traces, month.roster);
      if (found.kind !== 'agent') {
        const problem =
          found.kind === 'unknown'
            ? issue('EXPLAIN_UNKNOWN_AGENT', { value: agent, nearest: found.nearest.join(', ') })
            : found.kind === 'ambiguous'
              ? issue('AMBIGUOUS_NAME', { value: agent, ids: found.ids.join(', ') })
              : issue('EXPLAIN_NOT_IN_REPORT', { id: found.entry.agentId, name: found.entry.name, period: spec.period.label, start: day(found.entry.startDate), end: day(found.entry.endDate) }, found.entry.source);
        printIssues([problem], spec.lang, io);
        return done(EXIT_DATA);
      }
      const colour = path === undefined && format === 'table' && useColour(spec.color, io);
      await emit(renderExplain(found.trace, format, { lang: spec.lang, period: spec.period.label, chalk: chalkFor(colour), colour, ...(options.all ? {} : { rows: RAW_ROWS_SHOWN }) }), path, io);
      done(code);
    });
}
