// The fast scanner against csv-parse, the reader of record: on generated adversarial CSV (quotes,
// doubled quotes, embedded commas and newlines, CRLF, BOM, empty fields, ragged rows, Chinese text,
// empty lines), fed in chunks of every size, both must yield the same records.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvScanner, fieldText, type ScanProblem } from '../src/parse/scan.js';
import { random } from './helpers/random.js';

const PIECES = ['a', '买家', '客服', ',', '"', '\n', '\r\n', ' ', '你好，请问E80有货吗？', '""', 'x,y', '2026-10-01 08:00:00', '', '¥1,234.56', '😀'];

function adversarialCsv(seed: number): string {
  const next = random(seed);
  const int = (n: number) => Math.floor(next() * n);
  const eol = next() < 0.5 ? '\r\n' : '\n';
  const rows: string[] = [];
  const width = 1 + int(6);
  for (let r = 0; r < 1 + int(40); r++) {
    if (next() < 0.05) {
      rows.push(''); // an empty line
      continue;
    }
    const cells: string[] = [];
    const n = next() < 0.2 ? 1 + int(width + 2) : width; // ragged rows
    for (let c = 0; c < n; c++) {
      let value = '';
      for (let k = int(4); k > 0; k--) value += PIECES[int(PIECES.length)];
      const mustQuote = /[",\r\n]/.test(value) || (value === '' && n === 1);
      cells.push(mustQuote || next() < 0.2 ? `"${value.replace(/"/g, '""')}"` : value);
    }
    rows.push(cells.join(','));
  }
  const bom = next() < 0.3 ? '\uFEFF' : '';
  return bom + rows.join(eol) + (next() < 0.7 ? eol : '');
}

function scan(text: string, chunkSize: number, wanted = Number.POSITIVE_INFINITY) {
  const bytes = Buffer.from(text, 'utf8');
  const records: string[][] = [];
  const lines: number[] = [];
  const problems: [ScanProblem, number][] = [];
  const scanner = new CsvScanner(
    {
      record(buf, starts, ends, quoted, count, line) {
        const fields: string[] = [];
        for (let i = 0; i < Math.min(count, wanted); i++) fields.push(fieldText(buf, starts[i] as number, ends[i] as number, quoted[i] as number));
        records.push(fields);
        lines.push(line);
      },
      problem: (p, line) => problems.push([p, line]),
    },
    wanted,
  );
  for (let at = 0; at < bytes.length; at += chunkSize) scanner.push(bytes.subarray(at, Math.min(bytes.length, at + chunkSize)), at + chunkSize >= bytes.length);
  if (bytes.length === 0) scanner.push(bytes, true);
  return { records, lines, problems };
}

const reference = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });

describe('fast scanner = csv-parse', () => {
  for (let seed = 1; seed <= 300; seed++) {
    it(`adversarial CSV #${seed}`, () => {
      const text = adversarialCsv(seed);
      // csv-parse drops a record that is one empty field (a line with just ""); so does the scanner.
      const expected = reference(text);
      for (const chunk of [1, 2, 3, 7, 64, 1 << 20]) {
        const got = scan(text, chunk);
        expect(got.problems).toEqual([]);
        expect(got.records, `chunk ${chunk}`).toEqual(expected);
      }
    });
  }

  it('reads only the wanted leading fields, skipping the rest of each record', () => {
    const text = 'a,b,"c\n,d",e\r\nf,"g",h\n';
    expect(scan(text, 3, 2).records).toEqual([['a', 'b'], ['f', 'g']]);
    expect(scan(text, 3, 1).lines).toEqual([1, 3]);
  });

  it('counts lines across quoted newlines', () => {
    expect(scan('h\n"a\nb"\nc\n\nd\n', 4).lines).toEqual([1, 2, 4, 6]);
  });

  it.each([
    ['a,"b\nc\n', 'unclosed-quote', 1],
    ['x\n"a"b,c\n', 'invalid-closing-quote', 2],
    ['x\ny\na"b,c\n', 'quote-in-bare-field', 3],
  ] as const)('reports %j as %s on line %d, like csv-parse refuses it', (text, problem, line) => {
    expect(() => reference(text)).toThrow();
    expect(scan(text, 2).problems).toEqual([[problem, line]]);
  });
});
