// Vitest global setup: the tests make their inputs in folders under the OS temp folder (kefu-…); when
// the run ends, the ones it made are removed, so a test run leaves nothing behind.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = new Set(readdirSync(tmpdir()));
  const started = Date.now();
  return () => {
    for (const name of readdirSync(tmpdir())) {
      if (!name.startsWith('kefu-') || before.has(name)) continue;
      const path = join(tmpdir(), name);
      if (statSync(path).mtimeMs >= started - 1000) rmSync(path, { recursive: true, force: true });
    }
  };
}
