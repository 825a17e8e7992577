// xlsx output: the workbook holds the CSV's figures as numbers (read back with SheetJS, the reader
// kefu itself uses for inputs), the header row is frozen, money shows as #,##0.00, columns are as
// wide as their Chinese text, and the same month gives the same bytes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import type { CliIO } from '../src/cli/context.js';
import { monthPeriod } from '../src/core/num/dates.js';
import { LINE_KINDS, type PayColumn, type Payroll, type PayrollAgent } from '../src/core/model/model.js';
import { chalkFor } from '../src/cli/output.js';
import { renderPayroll, type Format } from '../src/render/index.js';
import { payrollGrid } from '../src/render/payroll.js';
import { guardCell, toCsv } from '../src/render/csv.js';
import { sheetCell } from '../src/render/xlsx.js';
import { crc32, zip } from '../src/render/zip.js';
import { random } from './helpers/random.js';
import { runCli } from './helpers/cli.js';

const XLSX = createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');

const repo = join(import.meta.dirname, '..');
const month = join(repo, 'fixtures', '2026-10');
const inputs = [
  '--scheme', join(month, 'scheme.yaml'), '--period', '2026-10', '--roster', join(month, 'roster.csv'),
  '--stats', join(month, 'stats-shop-a.csv'), join(month, 'stats-shop-b-gbk.csv'),
  '--facts', join(month, 'facts.csv'), '--adjustments', join(month, 'adjustments.csv'),
];

/** The files of a ZIP, read from its central directory by hand (not by the code under test), CRCs checked. */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const end = bytes.length - 22;
  expect(bytes.readUInt32LE(end)).toBe(0x06054b50);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    expect(bytes.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const stored = bytes.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(stored) : Buffer.from(stored);
    expect(crc32(data), name).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return files;
}

/** A CSV as the file holds it: its UTF-8 bytes (a lone surrogate becomes U+FFFD), parsed back. */
function csvCells(text: string): string[][] {
  return parse(Buffer.from(text, 'utf8').toString('utf8'), { bom: true, relax_column_count: true });
}

/** The text of a numeric CSV cell, as the double a spreadsheet holds: `35.00%` → 0.35 (decimal shift, then one parse). */
function expectedNumber(text: string): number {
  if (!text.endsWith('%')) return Number(text);
  const [whole = '', fraction = ''] = text.slice(0, -1).replace(/^([+-]?)/, '').split('.');
  const sign = text.startsWith('-') ? '-' : '';
  const digits = whole.padStart(3, '0');
  return Number(`${sign}${digits.slice(0, -2)}.${digits.slice(-2)}${fraction}`);
}

const isNumber = (text: string) => /^[+-]?(\d+(\.\d+)?|\.\d+)%?$/.test(text);

/**
 * Every cell of a sheet read back against the text of the grid the CSV holds: blank where it is
 * blank; a number where it has one in a numeric column, equal to it, and shown as the CSV shows it
 * (thousands separators aside); the same text otherwise. (SheetJS reads a CRLF inside a cell as LF,
 * the line break of a spreadsheet cell; the file holds the CR.)
 */
function expectSameCells(sheet: import('@e965/xlsx').WorkSheet, csv: readonly (readonly string[])[], numeric: (column: number) => boolean, where = ''): void {
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1:A1');
  expect(range.e.r + 1, `${where} rows`).toBe(csv.length);
  csv.forEach((row, r) => {
    row.forEach((text, c) => {
      const cell = sheet[XLSX.utils.encode_cell({ r, c })] as import('@e965/xlsx').CellObject | undefined;
      const at = `${where} ${XLSX.utils.encode_cell({ r, c })} ${JSON.stringify(text)}`;
      if (text === '') return expect(cell, at).toBeUndefined();
      expect(cell, at).toBeDefined();
      if (r > 0 && numeric(c) && isNumber(text)) {
        expect(cell?.t, at).toBe('n');
        expect(cell?.v, at).toBe(expectedNumber(text));
        expect(cell?.w?.replace(/,/g, ''), at).toBe(text.replace(/^\+/, ''));
      } else {
        expect(cell?.t, at).toBe('s');
        expect(cell?.v, at).toBe(text.replace(/\r\n/g, '\n'));
      }
    });
  });
}

// Strings that have broken spreadsheets: markup, quotes, control characters, Excel's own escapes,
// formula look-alikes, a lone surrogate, an emoji.
const PIECES = ['王晓燕', '售前', '双十一预热加班补助', 'Zhang Wei', '&', '<b>', '"', "'", ' ', '\t', '\n', '\r\n', '\r', '\u0001', '\u0000', '\u001f', '\u000b', '\uffff', '_x0041_', '_x005F_', '=SUM(A1)', '-', '+1', '@', '001', '1.5', '50%', '😀', '\ud800', '（元）'];

function text(next: () => number, allowEmpty = false): string {
  const length = Math.floor(next() * 4) + (allowEmpty ? 0 : 1);
  let out = '';
  for (let i = 0; i < length; i++) out += PIECES[Math.floor(next() * PIECES.length)] as string;
  return out;
}

/** An amount in fen: zero, small, negative, or up to 10^11 yuan. */
function amount(next: () => number): bigint {
  const shape = next();
  if (shape < 0.15) return 0n;
  const magnitude = shape < 0.5 ? BigInt(Math.floor(next() * 1_000_000)) : BigInt(Math.floor(next() * 1e13));
  return next() < 0.25 ? -magnitude : magnitude;
}

function randomPayroll(seed: number): Payroll {
  const next = random(seed);
  const columns: PayColumn[] = Array.from({ length: Math.floor(next() * 6) }, (_, i) => ({
    kind: LINE_KINDS[Math.floor(next() * LINE_KINDS.length)] ?? 'bonus',
    name: `${text(next)}${i}`, // distinct names
  }));
  const agents: PayrollAgent[] = Array.from({ length: Math.floor(next() * 8) }, () => {
    const lines = columns.flatMap((column) => (next() < 0.3 ? [] : [{ kind: column.kind, name: column.name, amount: amount(next), formula: { kind: 'no_data' as const, metric: 'x' } }]));
    return { agentId: text(next), name: text(next, true), group: text(next, true), lines, total: lines.reduce((sum, line) => sum + line.amount, 0n) };
  });
  const columnTotals = columns.map((column) =>
    agents.reduce((sum, agent) => sum + agent.lines.filter((l) => l.kind === column.kind && l.name === column.name).reduce((s, l) => s + l.amount, 0n), 0n),
  );
  return {
    period: monthPeriod('2026-10') as NonNullable<ReturnType<typeof monthPeriod>>,
    scheme: 't',
    columns,
    agents,
    columnTotals,
    total: agents.reduce((sum, agent) => sum + agent.total, 0n),
  };
}

const plain = { chalk: chalkFor(false), colour: false, bom: false };
const render = (payroll: Payroll, format: Format, lang: 'zh' | 'en' = 'zh') => renderPayroll(payroll, format, { ...plain, lang });

describe('the bonus sheet as xlsx', () => {
  it('reads back as the CSV, cell by cell, for 300 random sheets', () => {
    // The CSV is the grid (formula guard applied), and the workbook is the same grid: numbers as numbers.
    for (let seed = 1; seed <= 300; seed++) {
      const payroll = randomPayroll(seed);
      const lang = seed % 2 === 0 ? 'zh' : 'en';
      // The grid both files are made from, as UTF-8 holds it (a lone surrogate is U+FFFD).
      const grid = payrollGrid(payroll, lang, 'csv');
      const cells = [grid.headers, ...grid.rows, grid.totals].map((row) => row.map((cell) => Buffer.from(cell, 'utf8').toString('utf8')));
      expect(csvCells(render(payroll, 'csv', lang) as string), `seed ${seed}`).toEqual(cells.map((row) => row.map(guardCell)));
      const book = XLSX.read(render(payroll, 'xlsx', lang), { type: 'buffer', cellNF: true });
      expect(book.SheetNames).toEqual([lang === 'zh' ? '奖金表' : 'Payroll']);
      expectSameCells(book.Sheets[book.SheetNames[0] as string] as import('@e965/xlsx').WorkSheet, cells, (c) => c >= 3, `seed ${seed}`);
    }
  });

  it('a lone CR or LF in a cell is quoted in the CSV (csv-stringify quotes only a whole CRLF; this property found it)', () => {
    expect(toCsv(['a', 'b', 'c'], [['x\ry', 'x\ny', 'x\r\ny']], false)).toBe('a,b,c\r\n"x\ry","x\ny","x\r\ny"\r\n');
  });

  it('writes amounts from their decimal text, never through a float', () => {
    expect(sheetCell('1336.90', true)).toEqual({ kind: 'number', value: '1336.90', format: '#,##0.00', shown: '1,336.90' });
    expect(sheetCell('-50.00', true)).toMatchObject({ value: '-50.00', format: '#,##0.00' });
    expect(sheetCell('100000000000.01', true)).toMatchObject({ value: '100000000000.01', shown: '100,000,000,000.01' });
    expect(sheetCell('110.04%', true)).toEqual({ kind: 'number', value: '1.1004', format: '0.00%', shown: '110.04%' });
    expect(sheetCell('3.5%', true)).toMatchObject({ value: '0.035', format: '0.0%' });
    expect(sheetCell('-0.00', true)).toMatchObject({ value: '0.00' });
    expect(sheetCell('1.2', true)).toMatchObject({ value: '1.2', format: '#,##0.0' });
    expect(sheetCell('1700000', true)).toMatchObject({ value: '1700000', format: '#,##0' });
    expect(sheetCell('001', false)).toEqual({ kind: 'text', text: '001' }); // an agent id keeps its zeros
    expect(sheetCell('—', true)).toEqual({ kind: 'text', text: '—' });
    expect(sheetCell('', true)).toBeUndefined();
  });
});

describe('CRC-32 and the ZIP container', () => {
  it.each([
    ['', 0x00000000],
    ['a', 0xe8b7be43],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('crc32(%j) = %s', (input, expected) => expect(crc32(Buffer.from(input))).toBe(expected));

  it('packs stored and deflated entries that read back', () => {
    const big = Buffer.from('奖金表,'.repeat(1000));
    const files = unzip(zip([{ name: 'a.txt', data: Buffer.from('x') }, { name: 'dir/b.txt', data: big }, { name: 'empty', data: Buffer.alloc(0) }]));
    expect([...files.keys()]).toEqual(['a.txt', 'dir/b.txt', 'empty']);
    expect(files.get('dir/b.txt')?.equals(big)).toBe(true);
    expect(files.get('a.txt')?.toString()).toBe('x');
  });
});

/** main() with stdout captured as bytes, as a pipe or a terminal. */
async function runBytes(args: readonly string[], isTTY: boolean): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const chunks: Buffer[] = [];
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (chunk: string | Uint8Array) => chunks.push(Buffer.from(chunk)), isTTY },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: {},
    readStdin: async () => new Uint8Array(),
  };
  const code = await main(args, io);
  return { code, stdout: Buffer.concat(chunks), stderr };
}

describe('kefu payroll --format xlsx on the sample month', () => {
  it('holds the CSV’s figures, a frozen header, #,##0.00 money and columns wide enough for Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-xlsx-'));
    const file = join(dir, '奖金表.xlsx');
    const written = await runCli(['payroll', ...inputs, '--format', 'xlsx', '-o', file]);
    expect(written.code).toBe(0);
    const csv = await runCli(['payroll', ...inputs, '--format', 'csv']);
    const rows = csvCells(csv.stdout);
    expect(rows).toHaveLength(32); // header, 30 agents, totals

    const bytes = readFileSync(file);
    const book = XLSX.read(bytes, { type: 'buffer', cellNF: true });
    const sheet = book.Sheets['奖金表'] as import('@e965/xlsx').WorkSheet;
    expectSameCells(sheet, rows, (c) => c >= 3);
    expect(sheet.E2).toMatchObject({ t: 'n', v: 1336.9, z: '#,##0.00', w: '1,336.90' }); // K001 销售提成
    // The grand total, a value: the sheet's 140,330.78 before the team lines, + 组长提成 6,266.12 + 团队PK赛 1,000.00 + 服务奖金池 2,000.00.
    expect(sheet.R32).toMatchObject({ t: 'n', v: 149596.9, w: '149,596.90' });

    const parts = unzip(bytes);
    expect([...parts.keys()]).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);
    const xml = parts.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    // Every amount's style is one whose format is built-in 4, #,##0.00; the header's is bold.
    const styles = parts.get('xl/styles.xml')?.toString('utf8') ?? '';
    const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf ([^>]*)\/>/g)].map((m) => m[1] as string);
    for (const [, style] of xml.matchAll(/<c r="[D-R]\d+" s="(\d+)"><v>/g)) expect(xfs[Number(style)]).toContain('numFmtId="4"');
    const headerStyle = /<c r="A1" s="(\d+)"/.exec(xml)?.[1];
    expect(xfs[Number(headerStyle)]).toContain('fontId="1"');
    expect(styles).toMatch(/<font><b\/>/);
    // Widths: a Chinese character counts two, plus padding.
    const widths = new Map([...xml.matchAll(/<col min="(\d+)" max="\d+" width="(\d+)" customWidth="1"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]));
    expect(widths.size).toBe(18);
    const header = rows[0] as string[];
    const longest = (c: number) => Math.max(...rows.map((row) => [...(row[c] ?? '')].reduce((w, ch) => w + (/[\u2e80-\ua4cf\uff00-\uff60]/.test(ch) ? 2 : 1), 0)));
    expect(header[15]).toBe('双十一预热加班补助');
    expect(widths.get(16)).toBeGreaterThanOrEqual(18);
    for (let c = 0; c < header.length; c++) expect(widths.get(c + 1), header[c]).toBeGreaterThanOrEqual(Math.min(50, longest(c)));
  });

  it('gives the same bytes on every run, from payroll and from run --out alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-xlsx-same-'));
    await runCli(['payroll', ...inputs, '-o', join(dir, 'a.xlsx')]);
    await runCli(['payroll', ...inputs, '-o', join(dir, 'b.xlsx')]);
    expect(readFileSync(join(dir, 'a.xlsx')).equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
    const first = await runCli(['run', ...inputs, '--out', join(dir, 'one')]);
    const second = await runCli(['run', ...inputs, '--out', join(dir, 'two')]);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    for (const name of ['payroll.xlsx', 'report.xlsx']) expect(readFileSync(join(dir, 'one', name)).equals(readFileSync(join(dir, 'two', name))), name).toBe(true);
    expect(readFileSync(join(dir, 'one', 'payroll.xlsx')).equals(readFileSync(join(dir, 'a.xlsx')))).toBe(true);
  });

  it('report.xlsx has a sheet per group with the CSV’s figures, ratios as percentages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-xlsx-report-'));
    const file = join(dir, 'report.xlsx');
    expect((await runCli(['report', ...inputs, '-o', file])).code).toBe(0);
    const rows = csvCells((await runCli(['report', ...inputs, '--format', 'csv'])).stdout);
    const header = rows[0] as string[];
    const book = XLSX.read(readFileSync(file), { type: 'buffer', cellNF: true });
    expect(book.SheetNames).toEqual(['售前', '售后']);
    for (const group of book.SheetNames) {
      const sheet = book.Sheets[group] as import('@e965/xlsx').WorkSheet;
      const columns = (XLSX.utils.sheet_to_json(sheet, { header: 1 })[0] as string[]).map((name) => header.indexOf(name));
      expect(columns).not.toContain(-1);
      const expected = [columns.map((c) => header[c] as string), ...rows.filter((row) => row[3] === group).map((row) => columns.map((c) => row[c] as string))];
      const textColumns = ['工号', '姓名', '岗位', '备注'];
      expectSameCells(sheet, expected, (c) => !textColumns.includes(header[columns[c] as number] as string), group);
    }
    const k023 = book.Sheets['售前']?.G2;
    expect(k023).toMatchObject({ t: 'n', v: 1.1004, z: '0.00%', w: '110.04%' }); // sales_attainment of the first 售前
  });
});

describe('where xlsx may go', () => {
  it('-o FILE.xlsx picks xlsx from the name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-xlsx-name-'));
    expect((await runCli(['payroll', ...inputs, '-o', join(dir, 'p.xlsx')])).code).toBe(0);
    expect(readFileSync(join(dir, 'p.xlsx')).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
  });

  it('is refused on a terminal (exit 2, before reading anything), and written whole to a pipe', async () => {
    const tty = await runBytes(['payroll', ...inputs, '--format', 'xlsx'], true);
    expect(tty.code).toBe(2);
    expect(tty.stdout.length).toBe(0);
    expect(tty.stderr).toMatch(/^kefu: --format xlsx .*stdout is a terminal.*-o payroll\.xlsx/);
    const piped = await runBytes(['payroll', ...inputs, '--format', 'xlsx'], false);
    expect(piped.code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'kefu-xlsx-pipe-'));
    await runCli(['payroll', ...inputs, '-o', join(dir, 'p.xlsx')]);
    expect(piped.stdout.equals(readFileSync(join(dir, 'p.xlsx')))).toBe(true);
  });

  it('the installed command writes the same bytes to a pipe', async () => {
    const child = spawn(process.execPath, [join(repo, 'bin', 'kefu.js'), 'payroll', ...inputs, '--format', 'xlsx'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'kefu-xlsx-bin-'));
    await runCli(['payroll', ...inputs, '-o', join(dir, 'p.xlsx')]);
    expect(Buffer.concat(chunks).equals(readFileSync(join(dir, 'p.xlsx')))).toBe(true);
  });
});
