// I/O: the entries of a zip file (an xlsx is one), read from disk without loading the whole file: the
// central directory from the file's end, then one entry at a time, whole (a workbook's small parts) or
// streamed through inflate chunk by chunk (a sheet of a million rows). ZIP64 sizes and offsets are read.
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated; anything else cannot be read here. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  /** Where the entry's local header is. */
  readonly offset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipError extends Error {}

/** An open zip file: its entries by name, and what reads them. Close it when done. */
export class ZipFile {
  private constructor(
    private readonly file: FileHandle,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipFile> {
    const file = await openFile(path, 'r');
    try {
      return new ZipFile(file, await readDirectory(file));
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** An entry by its name, ignoring case (writers differ in `xl/sharedStrings.xml` and `xl/SharedStrings.xml`). */
  entry(name: string): ZipEntry | undefined {
    const exact = this.entries.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [key, value] of this.entries) if (key.toLowerCase() === lower) return value;
    return undefined;
  }

  /** An entry's bytes, whole. */
  async read(entry: ZipEntry): Promise<Buffer> {
    const parts: Buffer[] = [];
    await this.stream(entry, (chunk) => {
      parts.push(Buffer.from(chunk));
    });
    return Buffer.concat(parts);
  }

  /** An entry's bytes chunk by chunk, inflated as they are read: `use` sees each chunk before the next is made. */
  async stream(entry: ZipEntry, use: (chunk: Buffer) => void): Promise<void> {
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${entry.name} is compressed by method ${entry.method}, which cannot be read`);
    const header = Buffer.alloc(30);
    await this.file.read(header, 0, 30, entry.offset);
    if (header.readUInt32LE(0) !== LOCAL) throw new ZipError(`${entry.name}: no local header where the directory says`);
    let position = entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const end = position + entry.compressedSize;
    const inflate = entry.method === 8 ? createInflateRaw({ chunkSize: 1 << 16 }) : undefined;
    // `use` may throw (a damaged part, or a reader that has read enough): inflate stops, and so does the read.
    let failure: unknown;
    const done = inflate
      ? new Promise<void>((resolve) => {
          inflate.on('data', (chunk: Buffer) => {
            if (failure !== undefined) return;
            try {
              use(chunk);
            } catch (error) {
              failure = error;
              inflate.destroy();
            }
          });
          inflate.on('error', (error) => {
            failure ??= error;
            resolve();
          });
          inflate.on('end', resolve);
          inflate.on('close', resolve);
        })
      : Promise.resolve();
    const buffer = Buffer.alloc(1 << 20);
    while (position < end && failure === undefined) {
      const { bytesRead } = await this.file.read(buffer, 0, Math.min(buffer.length, end - position), position);
      if (bytesRead === 0) throw new ZipError(`${entry.name} ends before its data does`);
      position += bytesRead;
      const chunk = Buffer.from(buffer.subarray(0, bytesRead));
      if (!inflate) use(chunk);
      // Wait for inflate to take the chunk in, so that no more than a chunk or two is in memory.
      else if (!inflate.write(chunk)) await new Promise<void>((resolve) => {
        inflate.once('drain', resolve);
        inflate.once('close', resolve);
      });
    }
    if (failure === undefined) inflate?.end();
    await done;
    if (failure !== undefined) throw failure;
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

async function readDirectory(file: FileHandle): Promise<Map<string, ZipEntry>> {
  const { size } = await file.stat();
  // The end record is in the last 22 bytes, unless a comment (up to 64 KiB) follows it.
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await file.read(tail, 0, tailLength, size - tailLength);
  let at = -1;
  for (let p = tailLength - 22; p >= 0; p--) if (tail.readUInt32LE(p) === EOCD) {
    at = p;
    break;
  }
  if (at < 0) throw new ZipError('no zip directory at the end of the file (is it cut short?)');
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // ZIP64: the locator just before the end record points at the ZIP64 end record.
    const locator = at - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== EOCD64_LOCATOR) throw new ZipError('a ZIP64 file without its locator');
    const record = Buffer.alloc(56);
    await file.read(record, 0, 56, Number(tail.readBigUInt64LE(locator + 8)));
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }
  if (directoryOffset + directorySize > size) throw new ZipError('the zip directory points past the end of the file (is it cut short?)');
  const directory = Buffer.alloc(directorySize);
  await file.read(directory, 0, directorySize, directoryOffset);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw new ZipError('a damaged zip directory');
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    const utf8 = (directory.readUInt16LE(p + 8) & 0x800) !== 0;
    const name = directory.subarray(p + 46, p + 46 + nameLength).toString(utf8 ? 'utf8' : 'latin1');
    let compressedSize = directory.readUInt32LE(p + 20);
    let entrySize = directory.readUInt32LE(p + 24);
    let offset = directory.readUInt32LE(p + 42);
    // ZIP64 extra field: the 64-bit values, in this order, of those whose 32-bit field is all ones.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
      const id = directory.readUInt16LE(e);
      const length = directory.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (entrySize === 0xffffffff) (entrySize = Number(directory.readBigUInt64LE(q))), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = Number(directory.readBigUInt64LE(q))), (q += 8);
        if (offset === 0xffffffff) offset = Number(directory.readBigUInt64LE(q));
      }
      e += 4 + length;
    }
    entries.set(name, { name, method: directory.readUInt16LE(p + 10), compressedSize, size: entrySize, offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
