// Golden cases at the CLI boundary: test/golden/<case>/ holds `args` (one argument per line, paths
// relative to the repository), optional `stdin`, and the expected `stdout`, `stderr` and `exit`.
// UPDATE_GOLDEN=1 rewrites the expectations; review the change with `git diff` before committing.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const root = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '');

describe('golden CLI cases', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    it(name, async () => {
      const args = read(join(dir, 'args')).split('\n').filter((line) => line !== '');
      const stdinPath = join(dir, 'stdin');
      const result = await runCli(args, existsSync(stdinPath) ? { stdin: readFileSync(stdinPath) } : {});
      if (update) {
        writeFileSync(join(dir, 'stdout'), result.stdout);
        writeFileSync(join(dir, 'stderr'), result.stderr);
        writeFileSync(join(dir, 'exit'), `${result.code}\n`);
        return;
      }
      expect(result.stderr).toBe(read(join(dir, 'stderr')));
      expect(result.stdout).toBe(read(join(dir, 'stdout')));
      expect(result.code).toBe(Number(read(join(dir, 'exit'))));
    });
  }
});
