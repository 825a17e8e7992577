// CLI: the loader of `kefu trend` — each run folder's report.json, and its payroll.json and
// manifest.json when there, read through io/ and parsed by parse/run-folder.ts into months. A folder
// without report.json is an issue naming it; the other two files may be absent (older folders).
import { join } from 'node:path';
import { issue, type Issue } from '../core/model/issues.js';
import type { RunMonth } from '../core/trend.js';
import { decodeSource, readBytes } from '../io/files.js';
import { parseRunFolder } from '../parse/run-folder.js';
import type { CliIO } from './context.js';

/** A file of the folder as text; undefined when it is not there (`optional`) or cannot be read (an issue). */
async function readText(file: string, optional: boolean, io: CliIO, issues: Issue[]): Promise<{ file: string; text: string } | undefined> {
  const found: Issue[] = [];
  const bytes = await readBytes(file, io, found);
  const text = bytes ? decodeSource(bytes, 'utf8', found) : undefined;
  for (const item of found) if (!(optional && item.code === 'FILE_NOT_FOUND')) issues.push(item);
  return text ? { file, text: text.text } : undefined;
}

export async function loadRunFolders(dirs: readonly string[], io: CliIO): Promise<{ months: RunMonth[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const months: RunMonth[] = [];
  for (const dir of dirs) {
    const found: Issue[] = [];
    const report = await readText(join(dir, 'report.json'), false, io, found);
    // No report.json, no such folder, or a file given for the folder: name it and say what to give.
    const aFile = (item: Issue) => item.code === 'FILE_UNREADABLE' && item.params.reason === 'ENOTDIR';
    issues.push(...found.map((item) => (item.code === 'FILE_NOT_FOUND' || aFile(item) ? issue('TREND_NO_REPORT', aFile(item) ? { file: 1 } : {}, { file: dir }) : item)));
    if (!report) continue;
    const payroll = await readText(join(dir, 'payroll.json'), true, io, issues);
    const manifest = await readText(join(dir, 'manifest.json'), true, io, issues);
    const month = parseRunFolder({ dir, report, ...(payroll ? { payroll } : {}), ...(manifest ? { manifest } : {}) }, issues);
    if (month) months.push(month);
  }
  return { months, issues };
}
