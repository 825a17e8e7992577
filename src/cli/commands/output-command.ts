// CLI: `kefu report` and `kefu payroll` — one shape: flags → spec → month → render → one writer; and
// `kefu payroll --per-agent -o DIR`, a payslip (工资条) per agent.
import { Option, type Command } from 'commander';
import { renderPayroll, renderReport, type Format } from '../../render/index.js';
import { renderHtml } from '../../render/html.js';
import { addInputOptions, inputSpec } from '../spec.js';
import { computeFromFiles, reportIssues } from '../month.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issue } from '../../core/model/issues.js';
import { formatYuan } from '../../core/num/money.js';
import { writeFolderAtomically } from '../../io/write.js';
import { renderPayslip } from '../../render/explain.js';
import type { InputSpec } from '../spec.js';
import { addTableOptions, chalkFor, emit, formatFor, printIssues, tableWidth, toStdout, useColour } from '../output.js';
import { EXIT_DATA, UsageError, type CliIO } from '../context.js';

const HELP = {
  report: {
    summary: 'ranked KPI report / 绩效排名报表',
    after:
      '\nxlsx: a sheet per group, ranked as in the table; numbers are numbers (ratios as 0.00%), the header row frozen.\n' +
      'html: one page with no network: the ranked tables, KPI scores by factor, pay by part, the team against the benchmarks.\n' +
      '\nExample:\n  kefu report --scheme scheme.yaml --period 2026-10 --roster roster.csv --stats stats.csv --facts facts.csv\n',
  },
  payroll: {
    summary: 'bonus sheet for finance / 奖金表',
    after:
      '\nxlsx: one sheet (奖金表), the CSV\'s figures as numbers shown #,##0.00, the header row frozen, the totals row in bold.\n' +
      '\nExample:\n  kefu payroll --scheme scheme.yaml --period 2026-10 --roster roster.csv --stats stats.csv -o 奖金表.xlsx\n',
  },
} as const;

export function registerOutputCommand(program: Command, which: 'report' | 'payroll', io: CliIO, done: (code: number) => void): void {
  const command = program.command(which).description(HELP[which].summary).addHelpText('after', HELP[which].after);
  addInputOptions(command)
    .addOption(new Option('--format <format>', 'table, csv, json, xlsx or html (default: from -o, else table)').choices(['table', 'csv', 'json', 'xlsx', 'html']))
    .option('-o, --output <file>', 'write to this file (whole or not at all) instead of stdout; .csv, .json or .xlsx sets the format')
    .option('--bom', 'start CSV with a UTF-8 BOM (always when -o names a .csv file)', false);
  if (which === 'report') addTableOptions(command);
  if (which === 'payroll') {
    command
      .option('--per-agent', 'one payslip (工资条) per agent into the folder -o DIR: Markdown and CSV, written all or none', false)
      .option('--force', 'with --per-agent: replace the payslips of another period in DIR', false);
  }
  command.action(async (options: Record<string, unknown>) => {
    const spec = await inputSpec(options, io);
    const path = options.output as string | undefined;
    if (options.perAgent) {
      if (toStdout(path)) throw new UsageError('--per-agent writes one file per agent: name the folder with -o DIR');
      return done(await writePayslips(spec, path as string, Boolean(options.force), io));
    }
    const format = formatFor<Format | 'html'>(options.format as string | undefined, path, ['csv', 'json', 'xlsx', 'html']);
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
      width: tableWidth(options.width, io),
      wide: Boolean(options.wide),
    };
    const output =
      format === 'html' ? renderHtml(month.result.report, month.result.payroll, spec.lang)
      : which === 'report' ? renderReport(month.result.report, format, renderOptions)
      : renderPayroll(month.result.payroll, format, renderOptions);
    await emit(output, path, io);
    done(code);
  });
}

/** The payslips' index in their folder: which month they are, so that another month's are never overwritten by mistake. */
const INDEX = 'payslips.json';

/** A person's name as a file name: what no file system takes, out. */
const safeName = (text: string) => text.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '_';

/** `kefu payroll --per-agent -o DIR`: one payslip per agent, Markdown and CSV, and the index, written all or none. */
async function writePayslips(spec: InputSpec, dir: string, force: boolean, io: CliIO): Promise<number> {
  const month = await computeFromFiles(spec, io);
  const code = reportIssues(month, spec, io);
  if (!month.result) return code;
  const previous = await readFile(join(dir, INDEX), 'utf8').then((text) => JSON.parse(text) as { period?: string }, () => undefined);
  if (previous?.period !== undefined && previous.period !== spec.period.label && !force) {
    printIssues([issue('PAYSLIPS_OTHER_PERIOD', { dir, period: previous.period, now: spec.period.label })], spec.lang, io);
    return EXIT_DATA;
  }
  const files: { name: string; data: string }[] = [];
  const index: { agent_id: string; name: string; total: string; md: string; csv: string }[] = [];
  for (const agent of month.result.payroll.agents) {
    const trace = month.result.traces.get(agent.agentId);
    if (!trace) continue;
    const slip = renderPayslip(trace, { lang: spec.lang, period: spec.period.label });
    const base = `${safeName(agent.agentId)}-${safeName(agent.name)}`;
    files.push({ name: `${base}.md`, data: slip.md }, { name: `${base}.csv`, data: slip.csv });
    index.push({ agent_id: agent.agentId, name: agent.name, total: formatYuan(agent.total), md: `${base}.md`, csv: `${base}.csv` });
  }
  const summary = { period: spec.period.label, scheme: month.result.payroll.scheme, total: formatYuan(month.result.payroll.total), agents: index };
  files.push({ name: INDEX, data: `${JSON.stringify(summary, null, 2)}\n` });
  await writeFolderAtomically(dir, files);
  io.stderr.write(spec.lang === 'zh' ? `已写入 ${index.length} 份工资条到 ${dir}\n` : `wrote ${index.length} payslips into ${dir}\n`);
  return code;
}
