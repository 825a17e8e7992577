// Render: a grid → CSV text that opens cleanly in Excel: RFC 4180 quoting by csv-stringify, CRLF,
// an optional UTF-8 BOM (Excel needs it to show Chinese), and the formula-injection guard. Pure.
import { stringify } from 'csv-stringify/sync';

/** A plain number as the renderers write it: `-12.50`, `35.00%`, `1700000`. (xlsx writes these as numbers.) */
export const NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)%?$/;

/**
 * A cell that a spreadsheet would run as a formula (starting = + - @ tab CR) gets a leading `'`,
 * unless it is a plain number such as `-50.00`, which must stay a number.
 */
export function guardCell(cell: string): string {
  // Control characters (an escape sequence in a name) are no data a spreadsheet shows: left out.
  const clean = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(cell) ? cell.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '') : cell;
  return /^[=+\-@\t\r]/.test(clean) && !NUMBER.test(clean) ? `'${clean}` : clean;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly string[])[], bom: boolean): string {
  // csv-stringify quotes a field holding the whole record delimiter (CRLF) but not a lone CR or LF,
  // which every reader takes for the end of the row: quote those too.
  const body = stringify([headers, ...rows].map((row) => row.map(guardCell)), { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  return (bom ? '\uFEFF' : '') + body;
}
