// The plain-CSV reader (parse/grid.ts plainCsvRows) against csv-parse, which it stands in for on the
// common file: on every text it either gives csv-parse's rows and lines exactly, or declines (and
// csv-parse reads the file). Generated texts are made of the pieces that matter: commas, quotes,
// doubled quotes, CR, LF, CRLF, a BOM, empty records and fields, CJK text, and now and then a stray quote or line end.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { plainCsvRows } from '../../src/parse/grid.js';
import { random } from '../helpers/random.js';

/** csv-parse's rows with the line each starts on, as gridFromCsv read them before plainCsvRows. */
function csvParseRows(text: string): { line: number; cells: string[] }[] | 'error' {
  try {
    const records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: 1 << 20 }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0), cells: record }));
  } catch {
    return 'error';
  }
}

/** Fields as files hold them, bare or quoted; and the odd pieces that make a text csv-parse's alone. */
const FIELDS = ['a', '王晓燕', '12.5', '', ' ', '""', '"x"', '"a,b"', '"say ""hi"""', '"¥1,234.00"', '\uFEFF工号'];
const RARE = ['"', '\r', '"\n"', 'b"c', '"d"e', '\n', '\r\n'];

/** A text of 1–8 records of 0–5 fields, LF or CRLF, a rare piece among about one field in 25. */
function generated(next: () => number): string {
  const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const end = next() < 0.5 ? '\r\n' : '\n';
  const records = Array.from({ length: 1 + Math.floor(next() * 8) }, () => Array.from({ length: Math.floor(next() * 6) }, () => (next() < 0.04 ? pick(RARE) : pick(FIELDS))).join(','));
  return (next() < 0.1 ? '\uFEFF' : '') + records.join(end) + (next() < 0.5 ? end : '');
}

describe('plain CSV rows', () => {
  it('are csv-parse\'s rows and lines, or declined, on 20,000 generated texts', () => {
    const next = random(7);
    let read = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = generated(next);
      const fast = plainCsvRows(text);
      if (fast === undefined) continue;
      read++;
      expect(fast, JSON.stringify(text)).toEqual(csvParseRows(text));
    }
    // Most texts are read by the plain reader (not all declined, which would pass trivially).
    expect(read).toBeGreaterThan(8_000);
  });

  it('read every CSV fixture as csv-parse does', () => {
    const root = join(import.meta.dirname, '..', '..', 'fixtures');
    const files = readdirSync(root, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.csv') && !f.name.includes('gbk'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(join(f.parentPath, f.name), 'utf8');
      const fast = plainCsvRows(text);
      if (fast !== undefined) expect(fast, f.name).toEqual(csvParseRows(text));
    }
  });

  it('decline a quoted line break, a stray quote, a bare CR and mixed line ends', () => {
    // Worked by hand: each is something csv-parse reads (or refuses) in its own way.
    expect(plainCsvRows('a,"x\ny"\n')).toBeUndefined();
    expect(plainCsvRows('a,b"c\n')).toBeUndefined();
    expect(plainCsvRows('a,"b"c\n')).toBeUndefined();
    expect(plainCsvRows('a,"b\n')).toBeUndefined();
    expect(plainCsvRows('a\rb\n')).toBeUndefined();
    expect(plainCsvRows('a\r\nb\nc\r\n')).toBeUndefined();
    // And reads: a BOM, a quoted comma and quote, an empty line skipped (its number kept), no final line end.
    expect(plainCsvRows('\uFEFF工号,"姓,名"\r\n\r\nK001,"say ""hi"""')).toEqual([
      { line: 1, cells: ['工号', '姓,名'] },
      { line: 3, cells: ['K001', 'say "hi"'] },
    ]);
  });
});
