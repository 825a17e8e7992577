// CLI: `kefu check` — validate the scheme and every input, print every issue, exit 0 or 1. Writes nothing.
import type { Command } from 'commander';
import { addInputOptions, inputSpec } from '../spec.js';
import { computeFromFiles, reportIssues } from '../month.js';
import { summary } from '../output.js';
import type { CliIO } from '../context.js';

export function registerCheck(program: Command, io: CliIO, done: (code: number) => void): void {
  const command = program
    .command('check')
    .description('validate the scheme and the data, print every issue / 校验方案与数据')
    .addHelpText('after', '\nExit status: 0 no errors, 1 errors found (or warnings, with --strict), 2 wrong usage.\n');
  addInputOptions(command).action(async (options: Record<string, unknown>) => {
    const spec = await inputSpec(options, io);
    const month = await computeFromFiles(spec, io);
    const code = reportIssues(month, spec, io);
    const agents = month.result?.report.agents.length;
    const tail = agents !== undefined ? (spec.lang === 'zh' ? `，${agents} 人` : `, ${agents} agent(s)`) : '';
    io.stderr.write(`${summary(month.issues, spec.lang)}${tail}\n`);
    done(code);
  });
}
