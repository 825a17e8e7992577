// Outputs written safely: only a regular file is replaced (never a symlink or a named pipe), keeping
// its mode, and a new one is readable by its owner only; `run --out DIR` switches its set in as one
// (the other files of DIR stay), and a set or temporary file that a killed run left is put back or
// removed by the next run. A kill test: killed at random moments, DIR holds the old set or the new,
// never a mix, and the next run leaves no temporary file.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const fixture = (p: string) => join(root, 'fixtures', p);
const month = ['--scheme', fixture('2026-10/scheme.yaml'), '--roster', fixture('2026-10/roster.csv'), '--stats', fixture('2026-10/stats-shop-a.csv'), fixture('2026-10/stats-shop-b-gbk.csv'), '--facts', fixture('2026-10/facts.csv'), '--adjustments', fixture('2026-10/adjustments.csv')];
const october = [...month, '--period', '2026-10'];
const SET = ['payroll.csv', 'payroll.json', 'payroll.xlsx', 'report.csv', 'report.html', 'report.json', 'report.xlsx'];

const tmp = () => mkdtempSync(join(tmpdir(), 'kefu-out-'));
/** The pid of a process that has ended: its temporary files are stale. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;
/** The seven outputs' bytes, and the period the manifest beside them records (its paths are relative to the folder, so differ between folders). */
const digest = (dir: string) => ({
  ...Object.fromEntries(SET.map((name) => [name, existsSync(join(dir, name)) ? createHash('sha256').update(readFileSync(join(dir, name))).digest('hex') : ''])),
  manifest: existsSync(join(dir, 'manifest.json')) ? (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { period: string }).period : '',
});

describe('what -o replaces', () => {
  it('never a symbolic link or a named pipe: exit 1, the link and its target untouched', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'victim.txt'), 'do not touch\n');
    symlinkSync(join(dir, 'victim.txt'), join(dir, 'payroll.csv'));
    const linked = await runCli(['payroll', ...october, '-o', join(dir, 'payroll.csv')]);
    expect(linked.code).toBe(1);
    expect(linked.stderr).toContain(`${join(dir, 'payroll.csv')} is a symbolic link: kefu replaces only a regular file`);
    expect(lstatSync(join(dir, 'payroll.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('do not touch\n');
    spawnSync('mkfifo', [join(dir, 'pipe.csv')]);
    const piped = await runCli(['payroll', ...october, '-o', join(dir, 'pipe.csv')]);
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('is a named pipe');
    expect(readdirSync(dir).sort()).toEqual(['payroll.csv', 'pipe.csv', 'victim.txt']);
  });

  it('keeps the mode of the file it replaces, and makes a new one readable by its owner only', async () => {
    const dir = tmp();
    expect((await runCli(['payroll', ...october, '-o', join(dir, 'payroll.csv')])).code).toBe(0);
    expect(lstatSync(join(dir, 'payroll.csv')).mode & 0o077).toBe(0);
    chmodSync(join(dir, 'payroll.csv'), 0o640);
    expect((await runCli(['payroll', ...october, '-o', join(dir, 'payroll.csv')])).code).toBe(0);
    expect(lstatSync(join(dir, 'payroll.csv')).mode & 0o777).toBe(0o640);
  });

  it('removes the temporary files a killed run left beside its output', async () => {
    const dir = tmp();
    const stale = `.payroll.csv.${deadPid()}.0123456789ab.tmp`;
    writeFileSync(join(dir, stale), 'half a sheet');
    expect((await runCli(['payroll', ...october, '-o', join(dir, 'payroll.csv')])).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['payroll.csv']);
  });
});

describe('run --out DIR switches its set in as one', () => {
  it('replaces the seven files and keeps what else the folder holds', async () => {
    const parent = tmp();
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, '备注.txt'), '十月的说明\n');
    mkdirSync(join(out, 'slips'));
    writeFileSync(join(out, 'slips', 'a.md'), 'a\n');
    expect((await runCli(['run', ...october, '--out', out])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...SET, 'manifest.json', 'slips', '备注.txt'].sort());
    expect(readFileSync(join(out, '备注.txt'), 'utf8')).toBe('十月的说明\n');
    expect(readFileSync(join(out, 'slips', 'a.md'), 'utf8')).toBe('a\n');
    // Nothing of the switch is left beside the folder.
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('puts back the set a run killed between the two renames had moved aside, then writes its own', async () => {
    const parent = tmp();
    const aside = join(parent, `.out.${deadPid()}.0123456789ab.old`);
    mkdirSync(aside);
    writeFileSync(join(aside, 'payroll.csv'), 'last month\n');
    writeFileSync(join(aside, '备注.txt'), 'kept\n');
    mkdirSync(join(parent, `.out.${deadPid()}.ba9876543210.new`));
    const out = join(parent, 'out');
    expect((await runCli(['run', ...october, '--out', out])).code).toBe(0);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readFileSync(join(out, '备注.txt'), 'utf8')).toBe('kept\n');
    expect(readFileSync(join(out, 'payroll.csv'), 'utf8')).toContain('K001');
  });

  it('killed at random moments, the folder holds the old set or the new, never a mix', async () => {
    const bin = join(root, 'bin', 'kefu.js');
    const base = join(tmp(), 'ref');
    // The old set (the first half of October) and the new (the whole month), as whole runs give them.
    const half = [...month, '--from', '2026-10-01', '--to', '2026-10-15'];
    spawnSync(process.execPath, [bin, 'run', ...october, '--out', `${base}-new`]);
    const newSet = digest(`${base}-new`);
    const oldSet = (dir: string) => {
      spawnSync(process.execPath, [bin, 'run', ...half, '--out', dir]);
      return digest(dir);
    };
    const old = oldSet(`${base}-old`);
    expect(newSet).not.toEqual(old);
    const seen = { old: 0, new: 0 };
    for (let k = 0; k < 20; k++) {
      const parent = tmp();
      const out = join(parent, 'out');
      oldSet(out);
      const child = spawn(process.execPath, [bin, 'run', ...october, '--out', out, '--force'], { stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 80 + ((k * 97) % 600)));
      child.kill('SIGKILL');
      await exited;
      // A kill between the two renames leaves the old set beside the folder: the next run puts it back.
      const state = existsSync(out) ? digest(out) : undefined;
      if (state) {
        expect([old, newSet], `kill ${k}`).toContainEqual(state);
        seen[JSON.stringify(state) === JSON.stringify(old) ? 'old' : 'new']++;
      }
      spawnSync(process.execPath, [bin, 'run', ...october, '--out', out, '--force']);
      expect(digest(out)).toEqual(newSet);
      expect(readdirSync(parent), `kill ${k}`).toEqual(['out']);
    }
    expect(seen.old + seen.new).toBeGreaterThan(0);
  }, 120_000);
});

describe('folders made for an output', () => {
  it('under a folder that takes none (/proc): exit 1 at once, saying which folder (mkdir -p spun without end there)', async () => {
    if (!existsSync('/proc/self')) return;
    const r = await runCli(['run', ...october, '--lang', 'en', '--out', '/proc/kefu-no-such/out']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot create the folder /proc/kefu-no-such: /proc takes no new folders; nothing was written');
  });

  it('are removed again when the output fails: no empty folders left behind', async () => {
    if (!existsSync('/proc/self')) return;
    const { writeFilesAtomically } = await import('../src/io/write.js');
    const dir = tmp();
    // The first file's folders are made and its temp written; the second cannot be: all goes.
    await expect(writeFilesAtomically([{ path: join(dir, 'a', 'b', 'x.csv'), data: 'x\n' }, { path: '/proc/kefu-no-such/y.csv', data: 'y\n' }])).rejects.toThrow(/nothing was written/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a folder reached through a symbolic link', () => {
  it('is a folder to write in: -o and run --out through a linked folder work (macOS /tmp is one)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    const one = await runCli(['payroll', ...october, '-o', join(dir, 'link', 'p.csv')]);
    expect(one.code).toBe(0);
    expect(existsSync(join(dir, 'real', 'p.csv'))).toBe(true);
    const set = await runCli(['run', ...october, '--out', join(dir, 'link', 'sub', '2026-10')]);
    expect(set.code).toBe(0);
    expect(existsSync(join(dir, 'real', 'sub', '2026-10', 'payroll.csv'))).toBe(true);
  });
});
