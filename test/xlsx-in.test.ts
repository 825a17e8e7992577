// The big tables (chat log, order lines) as workbooks: streamed sheet by sheet, read as the CSV they
// would have been. The raw sample month saved by LibreOffice Calc as xlsx gives the report and the
// sheet of its CSV files to the byte; Chinese text survives every cut between chunks; the header is
// found below title rows; cells read as the whole-book reader reads them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sheetHead, streamWorkbook } from '../src/cli/workbook-stream.js';
import type { Issue } from '../src/core/model/issues.js';
import { readCellFormats, SharedStringsReader, SheetRowsReader } from '../src/parse/sheet-xml.js';
import { runCli } from './helpers/cli.js';

const raw = join(import.meta.dirname, '..', 'fixtures', '2026-10-raw');
const month = ['--scheme', join(raw, 'scheme.yaml'), '--period', '2026-10', '--roster', join(raw, '..', '2026-10', 'roster.csv'), '--facts', join(raw, 'facts.csv')];
const XLSX = createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'kefu-xlsx-in-'));
}

/** Feed `bytes` to `push` cut every `size` bytes, decoded as a streamed entry is (a character cut between chunks is carried over). */
function feed(bytes: Buffer, size: number, push: (piece: string) => void): void {
  const decoder = new StringDecoder('utf8');
  for (let at = 0; at < bytes.length; at += size) push(decoder.write(bytes.subarray(at, at + size)));
  push(decoder.end());
}

describe('the raw month from xlsx', () => {
  it('gives the CSV files’ report and sheet to the byte (LibreOffice’s xlsx: shared strings, date cells, numbers)', async () => {
    for (const command of ['report', 'payroll']) {
      const csv = await runCli([command, ...month, '--messages', join(raw, 'messages.csv'), '--orders', join(raw, 'orders.csv'), '--format', 'csv']);
      const xlsx = await runCli([command, ...month, '--messages', join(raw, 'messages.xlsx'), '--orders', join(raw, 'orders.xlsx'), '--format', 'csv']);
      expect(csv.code, csv.stderr).toBe(0);
      expect(xlsx.code, xlsx.stderr).toBe(0);
      expect(xlsx.stdout).toBe(csv.stdout);
    }
  });

  it('places an issue at the sheet’s row: the temp worker’s first message is on row 8991', async () => {
    // messages.csv has it on line 9153: 162 messages before it hold a line break in 内容. In the
    // sheet each message is one row, so it is row 8991 (its 8990th message, under the header).
    const result = await runCli(['report', ...month, '--messages', join(raw, 'messages.xlsx'), '--orders', join(raw, 'orders.xlsx')]);
    expect(result.stderr).toContain('messages.xlsx:8991: 警告: 账号 "AO史密斯官方旗舰店:临时工" 不在花名册中');
  });
});

describe('a sheet streamed in pieces', () => {
  // Strings that straddle cuts: three-byte characters, a four-byte one (𠮷), entities and escapes.
  const strings = ['安装的时候要准备什么', '收到货后联系我们预约，师傅会在24小时内联系您', '𠮷野家 & "E80"型号 <热水器>', '换行_x000D_后', 'plain'];
  const sst = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="x" count="5" uniqueCount="5">${strings
      .map((s, i) => (i === 1 ? `<si><r><t>收到货后联系我们预约，</t></r><r><rPr/><t>师傅会在24小时内联系您</t></r><rPh><t>しふ</t></rPh></si>` : `<si><t xml:space="preserve">${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</t></si>`))
      .join('')}</sst>`,
  );
  const styles = `<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="10"/><xf numFmtId="4"/></cellXfs></styleSheet>`;
  const sheet = Buffer.from(
    `<worksheet><dimension ref="A1:F4"/><sheetData>` +
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>` +
      // Row 2 blank (left out by the writer); row 3 has a gap at B, a date, a percentage, money, a boolean, an inline string.
      `<row r="3"><c r="A3" s="1"><v>46296.5</v></c><c r="C3" s="2"><v>0.125</v></c><c r="D3" s="3"><v>1336.9</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="inlineStr"><is><t>内联 &amp; 文字</t></is></c></row>` +
      // Row 4: a formula with its cached value, one without, an escaped control character, a shared string at the end.
      `<row r="4"><c r="A4"><f>1+1</f><v>2</v></c><c r="B4"><f>SUM(A1:A3)</f></c><c r="C4" t="s"><v>3</v></c><c r="D4" t="str"><f>A1</f><v>公式文字</v></c><c r="E4" t="s"><v>4</v></c></row>` +
      `<row r="5"/></sheetData><rowBreaks count="1"><brk id="4"/></rowBreaks></worksheet>`,
  );
  // Worked from the XML above: serial 46296.5 is 2026-10-01 12:00 (46296 days after 1899-12-30);
  // 0.125 in 0.00% is 12.5%; 1336.9 in #,##0.00 reads plainly; `_x000D_` is a carriage return.
  const expected = [
    { line: 1, cells: strings.slice(0, 3) },
    { line: 3, cells: ['2026-10-01 12:00:00', '', '12.5%', '1336.9', 'true', '内联 & 文字'] },
    { line: 4, cells: ['2', '', '换行\r后', '公式文字', 'plain'] },
    { line: 5, cells: [] },
  ];

  function read(size: number) {
    const shared = new SharedStringsReader();
    feed(sst, size, (piece) => shared.push(piece));
    const rows: { line: number; cells: string[] }[] = [];
    const missing: string[] = [];
    const reader = new SheetRowsReader({ strings: shared.strings, formats: readCellFormats(styles), date1904: false }, (line, cells) => rows.push({ line, cells }), (line, column, formula) => missing.push(`${line}:${column} ${formula}`));
    feed(sheet, size, (piece) => reader.push(piece));
    return { rows, missing, strings: shared.strings };
  }

  it('reads the same rows whatever the size of the pieces, every character whole', () => {
    for (const size of [1, 2, 3, 5, 7, 11, 64, 1 << 16]) {
      const { rows, missing, strings: read_ } = read(size);
      expect(read_, `pieces of ${size}`).toEqual(strings.map((s) => s.replace('_x000D_', '\r')));
      expect(rows, `pieces of ${size}`).toEqual(expected);
      expect(missing).toEqual(['4:2 =SUM(A1:A3)']);
    }
  });

  it('reads a writer’s x: prefix and cells without references', () => {
    const rows: string[][] = [];
    const reader = new SheetRowsReader({ strings: [], formats: [], date1904: false }, (_, cells) => rows.push(cells), () => undefined);
    reader.push('<x:worksheet><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c><x:v>0.30000000000000004</x:v></x:c></x:row><x:row><x:c/><x:c><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>');
    // 0.30000000000000004 to Excel's 15 digits is 0.3.
    expect(rows).toEqual([['甲', '0.3'], ['', '7']]);
  });

  it('streams a big xlsx through inflate: 40,000 rows of Chinese text, each row back as written', async () => {
    const dir = tmp();
    const phrase = '收到货后联系我们预约师傅会在二十四小时内联系您𠮷';
    const rows: string[][] = [['时间', '买家', '内容']];
    for (let i = 0; i < 40_000; i++) rows.push([`2026-10-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`, `买家${i}`, phrase.slice(i % 20) + String(i)]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), '聊天记录');
    const file = join(dir, 'chat.xlsx');
    writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer);
    const chunks: Buffer[] = [];
    const issues: Issue[] = [];
    const read = await streamWorkbook(file, file, 'xlsx', undefined, (chunk) => chunks.push(Buffer.from(chunk)), issues);
    expect(issues).toEqual([]);
    expect(read).toEqual({ sheet: '聊天记录', sheets: ['聊天记录'] });
    // More than one chunk went to the reader, and the shared strings (over 1 MB) were inflated in many pieces.
    expect(chunks.length).toBeGreaterThan(2);
    expect(parse(Buffer.concat(chunks))).toEqual(rows);
  });
});

describe('kefu columns on a big table', () => {
  it('reads the first rows of an xlsx sheet and stops: rows 1–5 of the chat log, as the whole sheet has them', async () => {
    const issues: Issue[] = [];
    const head = await sheetHead(join(raw, 'messages.xlsx'), 'messages.xlsx', undefined, 5, issues);
    expect(issues).toEqual([]);
    expect(head?.rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    // The first lines of messages.csv, the date cells read back as text.
    expect(head?.rows[0]?.cells).toEqual(['时间', '店铺', '客服账号', '买家', '发送方', '内容']);
    expect(head?.rows[1]?.cells.slice(0, 5)).toEqual(['2026-09-30 10:18:20', 'AO史密斯热水器专卖店', 'AO史密斯热水器专卖店:悦悦', '秋天的风6806', '买家']);
  });

  it('says a big CSV was read in part, and how it reads', async () => {
    const dir = tmp();
    const line = '2026-10-01 10:00:00,店,店:王,买家甲,买家,您好，这款热水器有货吗？请问安装要多久\n';
    writeFileSync(join(dir, 'big.csv'), `时间,店铺,客服账号,买家,发送方,内容\n${line.repeat(Math.ceil((9 << 20) / Buffer.byteLength(line)))}`);
    const result = await runCli(['columns', join(dir, 'big.csv'), '--lang', 'en']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/the first \d+ rows read \(a file of 9 MB\)/);
    expect(result.stdout).toContain('table: messages');
  });
});

describe('big tables: where the header is, and what cannot be read', () => {
  const orders = ['订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额', '="9001",店A,tb_1,2026-10-02 10:00:00,2026-10-02 10:05:00,100.00'];

  it('finds the header below title rows in an order report, and numbers its lines as the file does', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plain.csv'), `${orders.join('\n')}\n`);
    // Line 6 has no order id; line 7 is order 9001 again, written plainly, with another buyer.
    writeFileSync(join(dir, 'titled.csv'), `已卖出的宝贝 订单报表\n导出时间：2026-11-01\n\n${orders.join('\n')}\n,店A,tb_2,2026-10-03 10:00:00,,50\n9001,店A,tb_9,2026-10-02 10:00:00,2026-10-02 10:05:00,1.00\n`);
    const run = (file: string) => runCli(['report', ...month, '--orders', join(dir, file), '--messages', join(raw, 'messages.csv'), '--format', 'csv']);
    const plain = await run('plain.csv');
    const titled = await run('titled.csv');
    expect(plain.code, plain.stderr).toBe(0);
    // The errors name the file's own lines: 6 (column 1, the order id) and 7, whose `9001` is the
    // order of line 5's `="9001"` (Excel's text formula read as its text), so its buyer conflicts.
    expect(titled.code).toBe(1);
    expect(titled.stderr).toMatch(/titled\.csv:6:1: 错误: 订单编号 为空/);
    expect(titled.stderr).toMatch(/titled\.csv:7: 错误: 订单 "9001" 的各行 buyer 不一致：此行 "tb_9"，.*titled\.csv:5 是 "tb_1"/);
  });

  it('says which sheets there are when --sheet names none of them, and that a cut-short xlsx cannot be read', async () => {
    const wrong = await runCli(['report', ...month, '--messages', join(raw, 'messages.xlsx'), '--sheet', '订单', '--orders', join(raw, 'orders.csv')]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('[SHEET_NOT_FOUND]');
    expect(wrong.stderr).toContain('messages');
    const dir = tmp();
    const { readFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'cut.xlsx'), readFileSync(join(raw, 'orders.xlsx')).subarray(0, 100_000));
    const cut = await runCli(['report', ...month, '--orders', join(dir, 'cut.xlsx'), '--messages', join(raw, 'messages.csv')]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain('cut.xlsx: 错误:');
    expect(cut.stderr).toContain('[XLSX_UNREADABLE]');
  });
});
