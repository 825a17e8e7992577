// CLI: the program. main(argv, io) → exit code runs the whole CLI in-process (tests call it with fake
// streams); runFromProcess wires it to the real process. Usage errors exit 2, data errors 1 (SPEC §6);
// an I/O or internal failure prints one line (exit 1), not a stack trace, unless KEFU_DEBUG is set.
import { Command, CommanderError } from 'commander';
import { EXIT_DATA, EXIT_USAGE, InputIssues, UsageError, type CliIO } from './context.js';
import { printIssues } from './output.js';
import { registerOutputCommand } from './commands/output-command.js';
import { registerRun } from './commands/run.js';
import { registerCheck } from './commands/check.js';
import { registerColumns } from './commands/columns.js';
import { OutputError, removePendingTemps } from '../io/write.js';
import { registerExplain } from './commands/explain.js';
import { VERSION } from './version.js';
import { registerVerify } from './commands/verify.js';
import { registerCompare } from './commands/compare.js';
import { registerInit } from './commands/init.js';
import { registerTrend } from './commands/trend.js';

export { VERSION };

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  const done = (value: number) => {
    code = value;
  };
  const program = new Command('kefu')
    .description('KPI report and bonus sheet for e-commerce customer-service teams / 客服绩效与奖金计算')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(run kefu help <command> for its flags)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerOutputCommand(program, 'report', io, done);
  registerOutputCommand(program, 'payroll', io, done);
  registerRun(program, io, done);
  registerCheck(program, io, done);
  registerExplain(program, io, done);
  registerColumns(program, io, done);
  registerVerify(program, io, done);
  registerCompare(program, io, done);
  registerInit(program, io, done);
  registerTrend(program, io, done);
  for (const command of program.commands) command.exitOverride();

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    if (error instanceof UsageError) {
      io.stderr.write(`kefu: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof InputIssues) {
      printIssues(error.issues, error.lang, io);
      return EXIT_DATA;
    }
    if (error instanceof OutputError) {
      io.stderr.write(`kefu: ${error.message}\n`);
      return EXIT_DATA;
    }
    const e = error as NodeJS.ErrnoException;
    const message = e.message ?? String(error);
    io.stderr.write(`kefu: ${e.code && !message.startsWith(e.code) ? `${e.code}: ` : ''}${message}\n`);
    if (io.env.KEFU_DEBUG) io.stderr.write(`${e.stack ?? ''}\n`);
    return EXIT_DATA;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export function runFromProcess(): void {
  // `kefu … | head` closes the pipe early: that is a normal end, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(`kefu: cannot write the output: ${error.message}\n`);
    process.exit(1);
  });
  const io: CliIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    readStdin: () => readAll(process.stdin),
  };
  // A run stopped by Ctrl-C or a kill signal leaves no half-written output behind (a kill -9 cannot
  // be caught: what it leaves, the next run removes).
  process.on('exit', removePendingTemps);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      removePendingTemps();
      process.exit(code);
    });
  }
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
