// I/O: writing outputs safely. A file appears whole or not at all (a temporary file beside it, then a
// rename); a set of files in a folder (`kefu run --out DIR`) is switched in as one, so the folder holds
// the last run's set or this one's, never a mix. Temporary names are random and opened exclusively
// (O_CREAT|O_EXCL: never through a symlink planted there); only a regular file is ever replaced (never
// a symlink, a FIFO or a device), and keeps its mode; a new file is readable by its owner only (0600,
// narrowed further by the umask). Temporary files of this process are removed on every exit path that
// can be caught, and those a killed process left behind are removed by the next run.
import { randomBytes } from 'node:crypto';
import { constants, cpSync, rmSync, type Stats } from 'node:fs';
import { link, lstat, stat, mkdir, open, readdir, readFile, rename, rm, rmdir, symlink, readlink, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export interface OutputFile {
  readonly path: string;
  readonly data: string | Uint8Array;
}

/** A new output's mode before the umask: its owner reads and writes it, nobody else (salaries). */
const PRIVATE = 0o600;

/** An output that cannot be written, said in terms of the output (not of an input, not as ENOENT from mkdir). */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** What a failed file-system call means for the output at `path`. */
function outputError(error: unknown, path: string): OutputError {
  if (error instanceof OutputError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' ? 'the disk is full'
    : code === 'EACCES' || code === 'EPERM' ? `no permission to write in ${dirname(path)}`
    : code === 'EROFS' ? `${dirname(path)} is on a read-only file system`
    : code === 'ENOTDIR' ? `a part of ${dirname(path)} is a file, not a folder`
    : code === 'EDQUOT' ? 'the disk quota is used up'
    : code === 'ENOENT' ? `${dirname(path)} takes no new files or folders`
    : (error as Error).message;
  return new OutputError(path, `cannot write ${path}: ${why}; nothing was written`, code);
}

/**
 * The folders leading to `dir` that are missing, made one by one (mkdir's own `recursive` spins
 * without end under /proc on Node 20); returns those it made, outermost first, for undoing.
 */
async function makeFolders(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    // stat, not lstat: a folder reached through a symbolic link (/tmp on macOS) is a folder.
    const stats = await stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stats) {
      if (!stats.isDirectory()) throw new OutputError(dir, `cannot write in ${dir}: ${at} is a file, not a folder; nothing was written`, 'ENOTDIR');
      break;
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  const made: string[] = [];
  for (const folder of missing) {
    try {
      await mkdir(folder);
      made.push(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue; // made meanwhile by someone else: it is there, as wanted
      await removeFolders(made);
      throw code === 'ENOENT' ? new OutputError(dir, `cannot create the folder ${folder}: ${dirname(folder)} takes no new folders; nothing was written`, code) : outputError(error, join(folder, '.'));
    }
  }
  return made;
}

/** Remove folders made for an output that was not written (innermost first; only if still empty). */
async function removeFolders(made: readonly string[]): Promise<void> {
  for (const folder of [...made].reverse()) await rmdir(folder).catch(() => undefined);
}

// --- temporary names ---------------------------------------------------------------------------------

/** Temporary paths this process has made and not yet renamed or removed. */
const pending = new Set<string>();

/** `.payroll.csv.<pid>.<random>.tmp` beside the target: unguessable, and naming the process that made it. */
const tempName = (path: string, kind: 'tmp' | 'new' | 'old') => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.${kind}`);
const TEMP = /^\.(.+)\.(\d+)\.[0-9a-f]{12}\.(tmp|new|old)$/;

const alive = (pid: number) => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Remove what this process left half-done: called on the way out (SIGINT, SIGTERM, an uncaught error). */
export function removePendingTemps(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
  pending.clear();
}

/**
 * The temporary files and folders that a process which is no longer running left beside `target`:
 * removed, except a folder's previous set caught between its two renames, which is put back first.
 */
async function clearStale(target: string): Promise<void> {
  const dir = dirname(target);
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    const m = TEMP.exec(entry);
    if (!m || m[1] !== basename(target) || alive(Number(m[2]))) continue;
    const path = join(dir, entry);
    if (m[3] === 'old' && !(await exists(target))) await rename(path, target).catch(() => undefined);
    else await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

const exists = (path: string) => lstat(path).then(() => true, () => false);

/** What is at `path` (nothing, or its stats); anything but a regular file is refused as a target. */
async function replaceable(path: string): Promise<Stats | undefined> {
  const found = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw outputError(error, path);
  });
  if (found && !found.isFile()) {
    const what = found.isSymbolicLink() ? 'a symbolic link' : found.isDirectory() ? 'a folder' : found.isFIFO() ? 'a named pipe' : found.isCharacterDevice() || found.isBlockDevice() ? 'a device' : 'not a regular file';
    throw new OutputError(path, `${path} is ${what}: kefu replaces only a regular file (write to standard output with -o -); nothing was written`, 'EEXIST');
  }
  return found;
}

/** Write `data` to a new temporary file beside `path`, exclusively, with `path`'s mode or the private one. */
async function writeTemp(path: string, data: string | Uint8Array, mode: number | undefined): Promise<string> {
  const temp = tempName(path, 'tmp');
  pending.add(temp);
  const file = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, PRIVATE);
  try {
    // The mode of the file replaced, exactly (the umask narrows only a new file's).
    if (mode !== undefined) await file.chmod(mode);
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  return temp;
}

// --- a paid month ----------------------------------------------------------------------------------------

/** A folder `kefu run --final` marked as paid (its manifest.json says "final": true): nothing is written in it, by any command. */
async function refuseFinal(folder: string, target: string): Promise<void> {
  const text = await readFile(join(folder, 'manifest.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return;
  let final = false;
  try {
    final = (JSON.parse(text) as { final?: unknown }).final === true;
  } catch {
    return;
  }
  if (final) throw new OutputError(target, `${folder} is a final (paid) month's folder: kefu writes nothing in it; write ${basename(target)} elsewhere; nothing was written`, 'EFINAL');
}

// --- files -----------------------------------------------------------------------------------------------

/**
 * Write several files so that each appears whole or not at all: every file goes to a temporary file
 * beside its target first, and only when all are written are they renamed into place. Nothing is
 * renamed if any target cannot be replaced or any write fails.
 */
export async function writeFilesAtomically(files: readonly OutputFile[]): Promise<void> {
  for (const file of files) await refuseFinal(dirname(file.path), file.path);
  const modes = new Map<string, number | undefined>();
  for (const file of files) modes.set(file.path, (await replaceable(file.path))?.mode);
  const temps: { temp: string; path: string }[] = [];
  const made: string[] = [];
  let current = files[0]?.path ?? '';
  try {
    for (const file of files) {
      current = file.path;
      made.push(...(await makeFolders(dirname(file.path))));
      await clearStale(file.path);
      const mode = modes.get(file.path);
      temps.push({ temp: await writeTemp(file.path, file.data, mode === undefined ? undefined : mode & 0o7777), path: file.path });
    }
    for (const { temp, path } of temps) {
      current = path;
      await rename(temp, path);
      pending.delete(temp);
    }
  } catch (error) {
    for (const { temp } of temps) {
      await unlink(temp).catch(() => undefined);
      pending.delete(temp);
    }
    await removeFolders(made);
    throw outputError(error, current);
  }
}

// --- a folder's set of files -----------------------------------------------------------------------------

/**
 * Write `files` (names within `dir`) as one set: a new folder beside `dir` gets this set and every
 * other entry of `dir` (hard links of its files, copies of its folders), then takes `dir`'s place.
 * Killed before the switch, `dir` keeps the last set; killed between the switch's two renames, the
 * previous folder waits beside it and the next run puts it back before anything else.
 */
export async function writeFolderAtomically(dir: string, files: readonly { name: string; data: string | Uint8Array }[]): Promise<void> {
  await refuseFinal(dir, dir);
  const made = await makeFolders(dirname(dir)).catch((error) => {
    throw outputError(error, dir);
  });
  await clearStale(dir);
  const before = await lstat(dir).catch(() => undefined);
  if (before && !before.isDirectory()) throw new OutputError(dir, `${dir} is ${before.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}: --out names a folder kefu may replace; nothing was written`, 'ENOTDIR');
  const fresh = tempName(dir, 'new');
  pending.add(fresh);
  let old: string | undefined;
  try {
    await mkdir(fresh, { mode: before ? before.mode & 0o7777 : 0o777 });
    const ours = new Set(files.map((f) => f.name));
    const modes = new Map<string, number>();
    if (before) {
      for (const entry of await readdir(dir)) {
        const from = join(dir, entry);
        const to = join(fresh, entry);
        const stats = await lstat(from);
        if (ours.has(entry)) {
          if (!stats.isFile()) throw new OutputError(from, `${from} is not a regular file: kefu replaces only regular files; nothing was written`, 'EEXIST');
          modes.set(entry, stats.mode & 0o7777);
          continue;
        }
        // What else the folder holds stays: its files linked (no copy of their bytes), folders copied.
        if (stats.isSymbolicLink()) await symlink(await readlink(from), to);
        else if (stats.isDirectory()) cpSync(from, to, { recursive: true, verbatimSymlinks: true });
        else await link(from, to);
      }
    }
    for (const file of files) {
      const temp = await writeTemp(join(fresh, file.name), file.data, modes.get(file.name));
      await rename(temp, join(fresh, file.name));
      pending.delete(temp);
    }
    if (before) {
      old = tempName(dir, 'old');
      await rename(dir, old);
      pending.add(old);
    }
    await rename(fresh, dir);
    pending.delete(fresh);
  } catch (error) {
    if (old !== undefined && !(await exists(dir))) await rename(old, dir).catch(() => undefined);
    await rm(fresh, { recursive: true, force: true }).catch(() => undefined);
    pending.delete(fresh);
    if (old !== undefined) pending.delete(old);
    await removeFolders(made);
    throw outputError(error, dir);
  }
  // The previous set, now replaced: gone (a failure here leaves a stale folder the next run removes).
  if (old !== undefined) {
    await rm(old, { recursive: true, force: true }).catch(() => undefined);
    pending.delete(old);
  }
}
