// Vitest global setup: the tests make their inputs in folders under the OS temp folder. Each test run
// gets a temp folder of its own (TMPDIR, which the test workers and the programs they start inherit),
// removed when the run ends: a run leaves nothing behind, and two runs at once (two clones on one
// machine) never remove each other's folders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const own = mkdtempSync(join(tmpdir(), 'vitest-kefu-run-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = own;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(own, { recursive: true, force: true });
  };
}
