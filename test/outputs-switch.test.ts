// The moment a kill matters most, made to last: the writer is stopped at each of its renames in turn
// (a rename that never returns is a process killed at that point), and the folder is looked at then.
// It must hold the old set or the new, or be caught between its two renames with the old set beside
// it; never a mix. Then the next run puts things right. A writer that renamed the files one by one
// fails here at its second rename.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const stop = { at: -1, calls: 0 };
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return {
    ...fs,
    rename: (from: string, to: string) => (stop.calls++ === stop.at ? new Promise<void>(() => undefined) : fs.rename(from, to)),
  };
});

const { writeFolderAtomically } = await import('../src/io/write.js');

const SET = ['payroll.csv', 'report.csv', 'report.json'];
const contents = (dir: string) => Object.fromEntries(SET.map((n) => [n, existsSync(join(dir, n)) ? readFileSync(join(dir, n), 'utf8') : undefined]));

describe('a folder set stopped at each rename', () => {
  it('is the old set, the new set, or the old set moved aside: never a mix', async () => {
    for (let at = 0; at < 12; at++) {
      const parent = mkdtempSync(join(tmpdir(), 'kefu-switch-'));
      const out = join(parent, 'out');
      mkdirSync(out);
      for (const name of SET) writeFileSync(join(out, name), `old ${name}\n`);
      const old = contents(out);
      stop.at = at;
      stop.calls = 0;
      const write = writeFolderAtomically(out, SET.map((name) => ({ name, data: `new ${name}\n` })));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const aside = readdirSync(parent).filter((e) => e.endsWith('.old'));
      const now = existsSync(out) ? contents(out) : undefined;
      const fresh = Object.fromEntries(SET.map((n) => [n, `new ${n}\n`]));
      if (now === undefined) expect(aside.length, `stopped at rename ${at}`).toBe(1);
      else expect([old, fresh], `stopped at rename ${at}`).toContainEqual(now);
      void write;
    }
  });
});
