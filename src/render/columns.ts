// Render: `kefu columns` — how each file reads, as text for a person looking at why an export does
// not read: format and encoding, sheet, the table kind and platform export matched, the header row
// taken, each header's mapping (with its unit and window), what was ignored, the rows left out. And
// the same in three lines for `--verbose`, from the same layout and words.
import { metricLabel } from '../core/metrics/metrics.js';
import { formatDay } from '../core/num/dates.js';
import type { Lang } from '../core/model/issue-texts.js';
import type { ColumnLayout, Layout } from '../parse/layout.js';
import { columnLetter, displayWidth } from './format.js';

export interface FileRead {
  readonly name: string;
  readonly format?: string;
  readonly encoding?: string;
  readonly sheet?: string;
  readonly sheets?: readonly string[];
  readonly partial?: { readonly rows: number; readonly bytes: number };
}

const WORDS = {
  zh: { format: '格式', sheet: '工作表', of: '共', table: '表', profile: '平台导出', none: '未识别（按通用表头读取）', header: '表头', row: '第', rows: '行', columns: '列', ignored: '忽略', passed: '未采用：同一指标取了', dropped: '舍弃的汇总行', benchmarks: '同行基准行', data: '数据行', missing: '缺少必需的列', name: '文件名中', period: '统计期', rule: '归属规则', unit: { seconds: '秒', minutes: '分钟', yuan: '元', percent: '%' }, window: '口径', points: '百分数（值不带 %，99.71 即 99.71%）', text: '忽略：全是文字', passedShort: '未采用', noHeader: '找不到表头：前 20 行没有一行能对应任何一种表' },
  en: { format: 'format', sheet: 'sheet', of: 'of', table: 'table', profile: 'export', none: 'not recognised (read by the general headers)', header: 'header', row: 'row', rows: '', columns: 'columns', ignored: 'ignored', passed: 'passed over: the column is taken from', dropped: 'summary rows dropped', benchmarks: 'peer rows kept as benchmarks', data: 'data rows', missing: 'required columns missing', name: 'from the file name', period: 'period', rule: 'attribution rule', unit: { seconds: 'seconds', minutes: 'minutes', yuan: 'yuan', percent: '%' }, window: 'note', points: 'percent points (no % sign: 99.71 is 99.71%)', text: 'ignored: words only', passedShort: 'passed over', noHeader: 'no header found: no row among the first 20 maps any kind of table' },
} as const;

const pad = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - displayWidth(text)));

/** What the header says besides its column, read by kefu: `[minutes, note 8-23点]`, or nothing. */
function qualifiers(c: ColumnLayout, lang: Lang): string {
  const w = WORDS[lang];
  const extras = [c.unit ? w.unit[c.unit] : undefined, c.percentPoints ? w.points : undefined, c.note ? `${w.window} ${c.note}` : undefined].filter(Boolean);
  return extras.length > 0 ? ` [${extras.join(', ')}]` : '';
}

const headerLine = (layout: Layout, lang: Lang) => {
  const w = WORDS[lang];
  return lang === 'zh' ? `${w.row} ${layout.headerLines.join('、')} ${w.rows}` : `${w.row} ${layout.headerLines.join(' and ')}`;
};

export function renderColumns(file: FileRead, layout: Layout | undefined, lang: Lang): string {
  const w = WORDS[lang];
  const lines = [file.name];
  const legacy = file.format === 'xls' && /\.xlsx$/i.test(file.name.replace(/#[^#]*$/, '')) ? (lang === 'zh' ? '（旧版二进制 .xls，文件名却是 .xlsx）' : ' (legacy binary .xls, named .xlsx)') : '';
  const how = [file.format ? `${file.format}${legacy}` : undefined, file.encoding].filter(Boolean).join(', ');
  lines.push(`  ${w.format}: ${how}`);
  if (file.partial) {
    const mb = Math.max(1, Math.floor(file.partial.bytes / (1 << 20)));
    lines.push(lang === 'zh' ? `  只读了前 ${file.partial.rows} 行（文件 ${mb} MB）` : `  the first ${file.partial.rows} rows read (a file of ${mb} MB)`);
  }
  if (file.sheet !== undefined) lines.push(`  ${w.sheet}: ${file.sheet}${file.sheets && file.sheets.length > 1 ? ` (${w.of} ${file.sheets.join(', ')})` : ''}`);
  if (!layout) {
    lines.push(`  ${w.noHeader}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`  ${w.table}: ${layout.kind}`);
  lines.push(`  ${w.profile}: ${layout.profile ?? w.none}`);
  lines.push(`  ${w.header}: ${headerLine(layout, lang)}`);
  if (layout.missing.length > 0) lines.push(`  ${w.missing}: ${layout.missing.join(', ')}`);
  lines.push(`  ${w.columns}:`);
  const headerWidth = Math.max(...layout.columns.map((c) => displayWidth(c.header)), 4);
  for (const c of layout.columns) {
    if (c.header === '') continue;
    const at = `    ${pad(columnLetter(c.index), 3)} ${pad(c.header, headerWidth)}  `;
    if (c.passedOverFor !== undefined) lines.push(`${at}(${w.passed} ${columnLetter(c.passedOverFor)})`);
    else if (c.text) lines.push(`${at}(${w.text})`);
    else if (c.column === undefined) lines.push(`${at}(${w.ignored})`);
    else {
      const label = metricLabel(c.column, lang);
      lines.push(`${at}→ ${c.column}${label !== c.column ? ` ${label}` : ''}${qualifiers(c, lang)}`);
    }
  }
  lines.push(`  ${w.data}: ${layout.dataRows}`);
  if (layout.dropped.length > 0) lines.push(`  ${w.dropped}: ${layout.dropped.map((d) => `${d.line} ${d.label}`).join(', ')}`);
  if (layout.benchmarks.length > 0) lines.push(`  ${w.benchmarks}: ${layout.benchmarks.map((d) => `${d.line} ${d.label}`).join(', ')}`);
  const { from, to, rule } = layout.fromName;
  const named = [from !== undefined && to !== undefined ? `${w.period} ${formatDay(from)}..${formatDay(to)}` : undefined, rule ? `${w.rule} ${rule}` : undefined].filter(Boolean);
  if (named.length > 0) lines.push(`  ${w.name}: ${named.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `--verbose`: how a small table was read, in two indented lines under the file's own line — the
 * header row taken (with the table kind and the export matched), then every mapping `header→column`
 * and what was ignored or passed over. The same layout and words as `kefu columns`, compacted.
 */
export function renderColumnsBrief(layout: Layout, lang: Lang): string {
  const w = WORDS[lang];
  const sep = lang === 'zh' ? '；' : '; ';
  const head = [`${w.header}: ${headerLine(layout, lang)}`, `${w.table} ${layout.kind}`, ...(layout.profile ? [`${w.profile} ${layout.profile}`] : [])];
  const named = layout.columns.filter((c) => c.header !== '');
  const mapped = named.filter((c) => c.column !== undefined && c.passedOverFor === undefined).map((c) => `${c.header}→${c.column}${qualifiers(c, lang)}`);
  const ignored = named.filter((c) => c.column === undefined).map((c) => c.header);
  const passed = named
    .filter((c) => c.passedOverFor !== undefined)
    .map((c) => {
      const taken = layout.columns.find((t) => t.index === c.passedOverFor)?.header ?? '';
      return lang === 'zh' ? `${c.header}（取了 ${taken}）` : `${c.header} (${taken} taken)`;
    });
  const parts = [`${w.columns}: ${mapped.join(', ')}`, ...(ignored.length > 0 ? [`${w.ignored}: ${ignored.join(', ')}`] : []), ...(passed.length > 0 ? [`${w.passedShort}: ${passed.join(', ')}`] : [])];
  if (layout.missing.length > 0) parts.push(`${w.missing}: ${layout.missing.join(', ')}`);
  return `  ${head.join(sep)}\n  ${parts.join(sep)}\n`;
}
