// The error catalogue (hledger's test/errors/): test/errors/<case>/ holds the tiny inputs one issue
// needs, `args` (one argument per line; file paths relative to the case folder), optional `stdin`,
// optional `env` (KEY=VALUE lines set for the run), optional `existing/` (copied to the output path first: an output that is there already, such as
// a folder of another month's payslips, or the starter files in `kefu init DIR`'s folder), `expected.txt` (the exact stderr) and `exit`. A case named after a code (`CSV_MISSING_COLUMN`,
// `VALUE_REQUIRED-adjustment`, `zh-VALUE_BAD_RATE`) must print that code.
//
// UPDATE_ERRORS=1 rewrites expected.txt and exit from what the CLI prints now. Read every changed
// expected.txt before committing (`git diff test/errors`): a message must name the file, line[:col],
// the bad value and the fix, or it is a bug in src/, not a new expectation.
//
// The CLI runs in-process, so instead of chdir (not allowed in worker threads, and global to the
// worker) the case's relative paths are rewritten to absolute ones, and the case folder is taken out
// of stderr again, so expected.txt reads as if kefu had been run inside the folder. `kefu trend`'s
// arguments are run folders, rewritten too: give its other flags' values after `=` (`--agent=K02`).
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUE_TEXTS } from '../src/core/model/issue-texts.js';
import { runCli } from './helpers/cli.js';

const root = join(import.meta.dirname, 'errors');
const update = process.env.UPDATE_ERRORS === '1';
const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

/** Flags whose values are paths; the variadic input flags take every value up to the next flag. */
const SINGLE_PATH_FLAGS = new Set(['--scheme', '-o', '--output', '--out', '--config', '--prior']);
const MANY_PATH_FLAGS = new Set(['--roster', '--stats', '--facts', '--adjustments', '--orders', '--order-lines', '--messages']);
const OUTPUT_FLAGS = new Set(['-o', '--output', '--out']);

interface Prepared {
  readonly args: string[];
  /** Files or folders the command was asked to write (absolute). */
  readonly outputs: string[];
}

function prepareArgs(lines: readonly string[], dir: string): Prepared {
  const absolute = (path: string) => (path === '-' || isAbsolute(path) ? path : join(dir, path));
  const args: string[] = [];
  const outputs: string[] = [];
  let pending: { flag: string; many: boolean; taken: number } | undefined;
  for (const arg of lines) {
    const eq = arg.indexOf('=');
    if (arg.startsWith('-') && arg !== '-') {
      const flag = eq > 0 ? arg.slice(0, eq) : arg;
      pending = undefined;
      if (eq > 0 && (SINGLE_PATH_FLAGS.has(flag) || MANY_PATH_FLAGS.has(flag))) {
        const value = absolute(arg.slice(eq + 1));
        if (OUTPUT_FLAGS.has(flag)) outputs.push(value);
        args.push(`${flag}=${value}`);
        continue;
      }
      if (SINGLE_PATH_FLAGS.has(flag)) pending = { flag, many: false, taken: 0 };
      else if (MANY_PATH_FLAGS.has(flag)) pending = { flag, many: true, taken: 0 };
      args.push(arg);
      continue;
    }
    if (pending && (pending.many || pending.taken === 0)) {
      const value = absolute(arg);
      if (OUTPUT_FLAGS.has(pending.flag)) outputs.push(value);
      pending.taken++;
      args.push(value);
      continue;
    }
    pending = undefined;
    // `kefu init DIR`: the folder right after the command is where it writes.
    if (lines[0] === 'init' && args.length === 1) {
      outputs.push(absolute(arg));
      args.push(absolute(arg));
      continue;
    }
    // A command's own paths (kefu verify DIR, kefu trend DIR…): names of the case folder.
    args.push((lines[0] === 'trend' && args.length > 0) || existsSync(join(dir, arg)) ? absolute(arg) : arg);
  }
  return { args, outputs };
}

/** The files of a case folder, temp files included, to see that a failed run wrote nothing. */
const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The code a case is named after: `zh-VALUE_BAD_RATE` and `VALUE_REQUIRED-adjustment` → the code. */
function codeOf(name: string): string | undefined {
  const code = name.replace(/^zh-/, '').split('-')[0] ?? '';
  return code in ISSUE_TEXTS ? code : undefined;
}

describe('error catalogue', () => {
  for (const name of cases) {
    const dir = join(root, name);
    it(name, async () => {
      const lines = (read(join(dir, 'args')) ?? '').split('\n').filter((line) => line !== '');
      expect(lines.length, `${name}/args is missing or empty`).toBeGreaterThan(0);
      const { args, outputs } = prepareArgs(lines, dir);
      for (const output of outputs) rmSync(output, { recursive: true, force: true });
      // A case about an output that is there already (a folder of another month) has it in `existing/`.
      const existing = join(dir, 'existing');
      const preexisting = existsSync(existing) && outputs[0] !== undefined;
      if (preexisting) cpSync(existing, outputs[0] as string, { recursive: true });
      const before = listing(dir);
      const stdin = read(join(dir, 'stdin'));

      // A case may set environment variables (`env`: KEY=VALUE lines), for the run and for what the
      // process reads itself (TMPDIR, through os.tmpdir()).
      const env = Object.fromEntries((read(join(dir, 'env')) ?? '').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
      Object.assign(process.env, env);
      const result = await runCli(args, { ...(stdin !== undefined ? { stdin } : {}), env }).finally(() => {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      });
      const stderr = result.stderr.split(dir + sep).join('');

      if (update) {
        for (const output of outputs) rmSync(output, { recursive: true, force: true });
        writeFileSync(join(dir, 'expected.txt'), stderr);
        writeFileSync(join(dir, 'exit'), `${result.code}\n`);
        if (existsSync(join(dir, 'expected-stdout.txt'))) writeFileSync(join(dir, 'expected-stdout.txt'), result.stdout);
        return;
      }

      try {
        expect(stderr).toBe(read(join(dir, 'expected.txt')));
        expect(result.code).toBe(Number((read(join(dir, 'exit')) ?? '').trim()));
        const expectedStdout = read(join(dir, 'expected-stdout.txt'));
        if (expectedStdout !== undefined) expect(result.stdout).toBe(expectedStdout);
        if (result.code !== 0) {
          // An error (or --strict warning, or wrong usage) writes nothing: no output file, no temp
          // file beside it, nothing on stdout.
          if (!preexisting) for (const output of outputs) expect(existsSync(output), `${output} must not be written`).toBe(false);
          expect(listing(dir)).toEqual(before);
          expect(result.stdout).toBe('');
        }
        // Never a stack trace, whatever the input.
        expect(stderr).not.toMatch(/^\s+at /m);
      } finally {
        for (const output of outputs) rmSync(output, { recursive: true, force: true });
      }
    });
  }
});

describe('error catalogue coverage', () => {
  it('has a case for every issue code', () => {
    const covered = new Set(cases.map(codeOf).filter((code) => code !== undefined));
    expect(Object.keys(ISSUE_TEXTS).filter((code) => !covered.has(code))).toEqual([]);
  });

  it.each(cases.filter((name) => codeOf(name) !== undefined))('%s prints the code it is named after', (name) => {
    const expected = read(join(root, name, 'expected.txt')) ?? '';
    expect(expected).toContain(`[${codeOf(name)}]`);
  });

  it('checks English everywhere but in the zh- cases', () => {
    for (const name of cases) {
      const lines = (read(join(root, name, 'args')) ?? '').split('\n');
      const english = lines.includes('--lang=en') || lines.some((line, i) => line === '--lang' && lines[i + 1] === 'en');
      expect(english, name).toBe(!name.startsWith('zh-'));
    }
  });

  it('README lists every code', () => {
    const readme = read(join(root, 'README.md')) ?? '';
    expect(Object.keys(ISSUE_TEXTS).filter((code) => !readme.includes(`\`${code}\``))).toEqual([]);
  });
});
