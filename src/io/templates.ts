// I/O: the starter files `kefu init` writes (scheme.yaml, roster.csv, kefu.yaml), read from the
// package's templates/ folder, which the npm tarball ships beside dist/; and which of init's targets
// are there already. Reads only: the files are written by write.ts, all or none.
import { readFile, lstat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { OutputFile } from './write.js';

/** templates/ at the package's root: two folders up from src/io/ (tests) and from dist/io/ (the build). */
const TEMPLATES = new URL('../../templates/', import.meta.url);

/** What `kefu init` writes, in the order it names them. */
export const STARTER_NAMES = ['scheme.yaml', 'roster.csv', 'kefu.yaml'] as const;

/** The starter files with their contents; a CSV gets the BOM that Excel needs to show Chinese. */
export async function starterFiles(): Promise<{ name: (typeof STARTER_NAMES)[number]; data: string }[]> {
  return Promise.all(
    STARTER_NAMES.map(async (name) => {
      const text = await readFile(fileURLToPath(new URL(name, TEMPLATES)), 'utf8');
      return { name, data: name.endsWith('.csv') && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text };
    }),
  );
}

/** The paths among `files` where something is already (a file, a folder, even a dangling link). */
export async function alreadyThere(files: readonly OutputFile[]): Promise<string[]> {
  const there: string[] = [];
  for (const { path } of files) {
    const found = await lstat(path).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        // A folder on the way that is missing (or is a file) holds nothing yet: the writer says the rest.
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return false;
        throw error;
      },
    );
    if (found) there.push(path);
  }
  return there;
}
