// I/O: the only code that touches the file system or standard input. Reads a path (or `-`) into
// bytes and decodes them: UTF-8 (BOM stripped) unless the bytes are not valid UTF-8, then GB18030
// (a superset of GBK), or as forced by --encoding. Writes files whole or not at all.
import { open as openFile, readFile, writeFile, rename, mkdir, unlink, stat } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { issue, type Issue } from '../core/issues.js';

export type Encoding = 'auto' | 'utf8' | 'gbk';

export interface TextSource {
  readonly name: string;
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-8 (BOM)' | 'gb18030';
}

export function decode(bytes: Uint8Array, encoding: Encoding = 'auto'): Pick<TextSource, 'text' | 'encoding'> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === 'gbk') return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  try {
    // fatal: GBK bytes read as UTF-8 would otherwise silently turn into U+FFFD.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: bom ? 'utf-8 (BOM)' : 'utf-8' };
  } catch (error) {
    if (encoding === 'utf8') throw error;
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export interface Reader {
  readStdin(): Promise<Uint8Array>;
}

/**
 * Stream a big input (the chat log, the orders) chunk by chunk into `sink`, so its size never sits in
 * memory. The encoding is decided on the first chunk (UTF-8 unless its bytes are not UTF-8, then
 * GB18030) or forced. Returns false, with the issue, when the file cannot be read.
 */
export async function streamSource(
  path: string,
  encoding: Encoding,
  reader: Reader,
  open: (name: string, encoding: 'utf-8' | 'gb18030', size: number | undefined) => (chunk: Uint8Array, last: boolean) => void,
  issues: Issue[],
): Promise<{ name: string; encoding: 'utf-8' | 'gb18030' } | undefined> {
  const name = path === '-' ? '<stdin>' : path;
  let sink: ((chunk: Uint8Array, last: boolean) => void) | undefined;
  let chosen: 'utf-8' | 'gb18030' = 'utf-8';
  let size: number | undefined;
  const feed = (chunk: Uint8Array) => {
    if (!sink) {
      chosen = encoding === 'gbk' ? 'gb18030' : encoding === 'utf8' || looksUtf8(chunk) ? 'utf-8' : 'gb18030';
      sink = open(name, chosen, size);
    }
    sink(chunk, false);
  };
  try {
    if (path === '-') feed(await reader.readStdin());
    else {
      // One buffer, filled again and again: the sink is done with a chunk before the next read.
      const file = await openFile(path, 'r');
      try {
        size = (await file.stat()).size;
        const buffer = Buffer.alloc(1 << 20);
        for (;;) {
          const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
          if (bytesRead === 0) break;
          feed(buffer.subarray(0, bytesRead));
        }
      } finally {
        await file.close();
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') issues.push(issue('FILE_NOT_FOUND', {}, { file: name }));
    else issues.push(issue('FILE_UNREADABLE', { reason: code ?? String(error) }, { file: name }));
    return undefined;
  }
  if (!sink) sink = open(name, chosen, size);
  sink(new Uint8Array(0), true);
  return { name, encoding: chosen };
}

/** The sizes of files in bytes (0 for stdin or a file that cannot be read: its reader says why). */
export async function fileSizes(paths: readonly string[]): Promise<number[]> {
  return Promise.all(paths.map((path) => (path === '-' ? Promise.resolve(0) : stat(path).then((s) => s.size, () => 0))));
}

/** Whether a first chunk is UTF-8 (a character cut off at the chunk's end does not count against it). */
function looksUtf8(chunk: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(chunk, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Read and decode one input; a missing or unreadable file is an issue, not an exception. */
export async function readSource(path: string, encoding: Encoding, reader: Reader, issues: Issue[]): Promise<TextSource | undefined> {
  const name = path === '-' ? '<stdin>' : path;
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? await reader.readStdin() : await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') issues.push(issue('FILE_NOT_FOUND', {}, { file: name }));
    else issues.push(issue('FILE_UNREADABLE', { reason: code ?? String(error) }, { file: name }));
    return undefined;
  }
  try {
    return { name, ...decode(bytes, encoding) };
  } catch {
    issues.push(issue('FILE_UNREADABLE', { reason: 'not valid UTF-8 (try --encoding gbk)' }, { file: name }));
    return undefined;
  }
}

/**
 * Write several files so that each appears whole or not at all: every file goes to a temporary name
 * beside its target first, and only when all are written are they renamed into place.
 */
export async function writeFilesAtomically(files: readonly { path: string; data: string | Uint8Array }[]): Promise<void> {
  // A target that cannot be replaced (a folder in the way) is found before anything is renamed.
  for (const file of files) {
    const existing = await stat(file.path).catch(() => undefined);
    if (existing?.isDirectory()) throw Object.assign(new Error(`${file.path} is a folder: nothing was written`), { code: 'EISDIR' });
  }
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = join(dirname(file.path), `.${basename(file.path)}.${process.pid}.tmp`);
      temps.push({ temp, path: file.path });
      await writeFile(temp, file.data);
    }
    for (const { temp, path } of temps) await rename(temp, path);
  } catch (error) {
    await Promise.all(temps.map(({ temp }) => unlink(temp).catch(() => undefined)));
    throw error;
  }
}
