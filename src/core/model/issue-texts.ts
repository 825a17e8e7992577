// Core: the catalogue of every issue kefu reports: its code, severity and message in Chinese (the
// default, for the managers who read it) and English. Each message quotes the bad value and says the
// fix. test/errors/ holds one tiny input per code. Pure data and string templates.

export type Lang = 'zh' | 'en';
type P = Readonly<Record<string, string | number | undefined>>;
interface Entry {
  readonly severity: 'error' | 'warning';
  readonly zh: (p: P) => string;
  readonly en: (p: P) => string;
}

const q = (v: unknown) => JSON.stringify(String(v ?? ''));
const hintZh = (s: unknown) => (s ? `，是否想写 ${q(s)}？` : '');
const hintEn = (s: unknown) => (s ? `; did you mean ${q(s)}?` : '');
/** An input's role (a flag's name) as a manager reads it. */
const roleZh = (role: unknown) => ({ scheme: '方案', config: '项目文件', roster: '花名册', stats: '绩效报表', facts: '考核数据', adjustments: '手工调整', messages: '聊天记录', orders: '订单报表', orderLines: '宝贝报表' })[String(role)] ?? String(role);
const unitZh = (unit: unknown) => ({ seconds: '秒', minutes: '分钟', yuan: '元', percent: '%' })[String(unit)] ?? String(unit);

export const ISSUE_TEXTS = {
  // --- files -----------------------------------------------------------------------------------
  FILE_NOT_FOUND: {
    severity: 'error',
    zh: () => '文件不存在：请检查路径',
    en: () => 'file not found: check the path',
  },
  FILE_UNREADABLE: {
    severity: 'error',
    zh: (p) => `无法读取文件（${p.reason}）`,
    en: (p) => `cannot read the file (${p.reason})`,
  },
  FILE_EMPTY: {
    severity: 'error',
    zh: () => '文件是空的：应至少有一行表头',
    en: () => 'the file is empty: expected a header row at least',
  },
  SCHEME_EMPTY: {
    severity: 'error',
    zh: () => '文件是空的：方案至少需要 groups',
    en: () => 'the file is empty: a scheme needs at least groups',
  },
  FILE_PERIOD_MISMATCH: {
    severity: 'warning',
    zh: (p) =>
      `文件名中的统计期 ${p.from} 至 ${p.to}${p.overlap === 'none' ? ' 与' : p.overlap === 'part' ? ' 只覆盖' : ' 超出了'}本期 ${p.first} 至 ${p.last}${p.overlap === 'none' ? ' 没有重叠' : p.overlap === 'part' ? ' 的一部分' : '，含有本期以外的日子'}：请导出本期的数据；若文件内容确是本期的，请改正文件名`,
    en: (p) =>
      `the file name says ${p.from} to ${p.to}, which ${p.overlap === 'none' ? 'does not overlap' : p.overlap === 'part' ? 'covers only part of' : 'runs past'} the period ${p.first} to ${p.last}: export the period's data, or rename the file if the data is the period's and only the name is wrong`,
  },
  NO_DATA_ROWS: {
    severity: 'warning',
    zh: () => '只有表头，没有数据行：本次报表中此文件没有数据',
    en: () => 'header only, no data rows: this file contributes no data to the report',
  },
  // --- workbooks ----------------------------------------------------------------------------------
  XLSX_ENCRYPTED: {
    severity: 'error',
    zh: () => '这是加密（设了打开密码）的 Excel 文件，无法读取：在 Excel/WPS 中打开，取消密码（文件 → 信息 → 保护工作簿），另存为 .xlsx 后再试',
    en: () => 'this is a password-protected (encrypted) Excel file and cannot be read: open it in Excel/WPS, remove the password (File → Info → Protect Workbook), save as .xlsx and try again',
  },
  XLS_UNREADABLE: {
    severity: 'error',
    zh: (p) => `这是旧版 .xls 文件（可能被命名为 .xlsx），无法读取（${p.reason}）：在 Excel/WPS 中打开，另存为 .xlsx 或 CSV 后再试`,
    en: (p) => `this is a legacy .xls file (perhaps named .xlsx) and cannot be read (${p.reason}): open it in Excel/WPS, save as .xlsx or CSV and try again`,
  },
  XLSX_UNREADABLE: {
    severity: 'error',
    zh: (p) => `无法作为 Excel 工作簿读取（${p.reason}）：文件可能已损坏或下载不完整，请重新导出`,
    en: (p) => `cannot read this as an Excel workbook (${p.reason}): the file may be damaged or cut short; export it again`,
  },
  SHEET_NOT_FOUND: {
    severity: 'error',
    zh: (p) => `工作簿中没有名为 ${q(p.sheet)} 的工作表；现有工作表：${p.sheets}（用 --sheet 名称 或 文件.xlsx#名称 选择）`,
    en: (p) => `the workbook has no sheet named ${q(p.sheet)}; its sheets: ${p.sheets} (pick one with --sheet NAME or file.xlsx#NAME)`,
  },
  FORMULA_NO_VALUE: {
    severity: 'warning',
    zh: (p) => `公式单元格 ${p.formula} 没有保存计算结果，按空值处理：在 Excel 中打开并保存一次（会写入结果），或把此列复制为数值`,
    en: (p) => `the formula cell ${p.formula} has no saved result and is read as blank: open and save the file once in Excel (which stores the results), or paste the column as values`,
  },
  HEADER_NOT_FOUND: {
    severity: 'error',
    zh: (p) => `在前 ${p.rows} 行中找不到表头。要找的列：${p.wanted}；看到的前几行：${p.seen}。请确认选对了文件和工作表，或在方案的 columns: 中给表头起别名`,
    en: (p) => `no header found in the first ${p.rows} rows. Columns looked for: ${p.wanted}; first rows seen: ${p.seen}. Check the file and sheet, or alias the headers in the scheme's columns:`,
  },
  // --- CSV ---------------------------------------------------------------------------------------
  CSV_MALFORMED: {
    severity: 'error',
    zh: (p) => `CSV 格式错误：${p.reason_zh}（检查引号是否成对）`,
    en: (p) => `malformed CSV: ${p.reason_en} (check that quotes are paired)`,
  },
  CSV_MISSING_COLUMN: {
    severity: 'error',
    zh: (p) => `缺少必需的列 ${q(p.column)}（可用表头：${p.aliases}）；找到的表头：${p.found}`,
    en: (p) => `missing required column ${q(p.column)} (accepted headers: ${p.aliases}); headers found: ${p.found}`,
  },
  CSV_DUPLICATE_COLUMN: {
    severity: 'error',
    zh: (p) => `两列都表示 ${q(p.column)}：${p.headers}；请删除其中一列`,
    en: (p) => `two columns both mean ${q(p.column)}: ${p.headers}; remove one of them`,
  },
  HEADER_UNIT_MISMATCH: {
    severity: 'error',
    zh: (p) => `表头 ${q(p.header)} 注明的单位（${unitZh(p.unit)}）不可能是 ${q(p.column)} 的单位：检查这一列是否被映射错了（方案的 columns: 别名），或改正表头`,
    en: (p) => `the header ${q(p.header)} states a unit (${p.unit}) that ${q(p.column)} cannot have: check whether the column is mapped wrongly (the scheme's columns: aliases), or correct the header`,
  },
  HEADER_NEAR_KNOWN: {
    severity: 'warning',
    zh: (p) => `表头 ${q(p.header)} 不是已知的列，已忽略；是否应为 ${q(p.known)}？请改正表头，或在方案 columns: 中指明`,
    en: (p) => `header ${q(p.header)} is no known column and is ignored: did you mean ${q(p.known)}? correct the header, or name it under the scheme's columns:`,
  },
  CSV_FIELD_COUNT: {
    severity: 'error',
    zh: (p) => `此行有 ${p.got} 个字段，表头有 ${p.expected} 个：检查多余或缺少的逗号`,
    en: (p) => `this row has ${p.got} fields but the header has ${p.expected}: check for a stray or missing comma`,
  },
  // --- values ------------------------------------------------------------------------------------
  VALUE_BAD_AMOUNT: {
    severity: 'error',
    zh: (p) =>
      p.found === 'date'
        ? `${p.column} 应为金额，却是日期 ${q(p.value)}：此单元格多半被设成了日期格式（在 Excel/WPS 中把这一列设为“数值”格式即可看到原数），或各列错了位；请改正后重新保存`
        : `${p.column} 的金额 ${q(p.value)} 无法识别：应写作 1234.56、1,234.56、¥1,234.56 或 1234.56元`,
    en: (p) =>
      p.found === 'date'
        ? `${q(p.value)} in ${p.column} is a date where an amount was expected: the cell is probably formatted as a date (set the column's format to Number in Excel/WPS to see the amount), or the columns are shifted; correct it and save again`
        : `cannot read ${q(p.value)} in ${p.column} as an amount: write 1234.56, 1,234.56, ¥1,234.56 or 1234.56元`,
  },
  VALUE_TOO_LARGE: {
    severity: 'error',
    zh: (p) => `${p.column} 的金额 ${q(p.value)} 超出可精确计算的范围（约 90 万亿元）：请检查此单元格`,
    en: (p) => `${q(p.value)} in ${p.column} is past what can be computed exactly (about 90 trillion yuan): check the cell`,
  },
  VALUE_BAD_NUMBER: {
    severity: 'error',
    zh: (p) => `${p.column} 的数值 ${q(p.value)} 无法识别：应写作 12、12.5 或 1,234`,
    en: (p) => `cannot read ${q(p.value)} in ${p.column} as a number: write 12, 12.5 or 1,234`,
  },
  VALUE_BAD_COUNT: {
    severity: 'error',
    zh: (p) => `${p.column} 应为不超过 10 亿的非负整数，却是 ${q(p.value)}`,
    en: (p) => `${p.column} must be a whole number of people or items (at most a billion), not ${q(p.value)}`,
  },
  RATE_POINTS_MIXED: {
    severity: 'warning',
    zh: (p) => `${p.column} 按百分数读取（第 ${p.bigLine} 行的 ${p.big} 不带 %、大于 1），所以此处的 ${q(p.value)} 读作 ${p.value}%：若它本是小数（${p.value} 即 ${p.value}×100%），说明第 ${p.bigLine} 行写错了；请把此列统一写成百分数或统一写成小数`,
    en: (p) => `${p.column} is read in percent points (${p.big} on line ${p.bigLine} has no % and is above 1), so ${q(p.value)} here reads as ${p.value}%: if it is a fraction, line ${p.bigLine} is the mistake; write the whole column one way`,
  },
  VALUE_BAD_RATE: {
    severity: 'error',
    zh: (p) =>
      p.points === 'header'
        ? `${p.column} 的比率 ${q(p.value)} 超过 100：表头注明此列是百分数，而比率不会超过 100%；请改正此单元格`
        : p.points === 'values'
          ? `${p.column} 的比率 ${q(p.value)} 超过 100：此列的值都不带 %、又有大于 1 的（如 99.71 即 99.71%），按百分数读取，而比率不会超过 100%；请改正此单元格`
          : `${p.column} 的比率 ${q(p.value)} 无法识别：写百分数请带 %（如 ${p.value}%），写小数请不大于 1（如 0.2345）`,
    en: (p) =>
      p.points === 'header'
        ? `${q(p.value)} in ${p.column} is above 100: the header says the column is in percent, and no rate is above 100%; correct the cell`
        : p.points === 'values'
          ? `${q(p.value)} in ${p.column} is above 100: the column is read in percent points (no value has a % sign and some are above 1, as 99.71 for 99.71%), and no rate is above 100%; correct the cell`
          : `cannot read ${q(p.value)} in ${p.column} as a rate: a percentage needs its % sign (${p.value}%), a fraction is at most 1 (0.2345)`,
  },
  VALUE_BAD_DURATION: {
    severity: 'error',
    zh: (p) => `${p.column} 的时长 ${q(p.value)} 无法识别：应写作 27.77、12秒、2分30秒、1小时2分3秒 或 00:02:30`,
    en: (p) => `cannot read ${q(p.value)} in ${p.column} as a duration: write 27.77, 12秒, 2分30秒, 1小时2分3秒 or 00:02:30`,
  },
  VALUE_BAD_DATE: {
    severity: 'error',
    zh: (p) => `${p.column} 的日期 ${q(p.value)} 无法识别：应写作 2026-10-01、2026/10/1、2026年10月1日、20261001 或 2026.10.01`,
    en: (p) => `cannot read ${q(p.value)} in ${p.column} as a date: write 2026-10-01, 2026/10/1, 2026年10月1日, 20261001 or 2026.10.01`,
  },
  VALUE_REQUIRED: {
    severity: 'error',
    zh: (p) => `${p.column} 为空：此列必须填写`,
    en: (p) => `${p.column} is empty: this column must be filled in`,
  },
  VALUE_UNSETTLED: {
    severity: 'warning',
    zh: (p) => `${p.column} 为“延迟统计”（平台尚未结算），按缺失处理`,
    en: (p) => `${p.column} is 延迟统计 (not yet settled by the platform): treated as missing`,
  },
  MORE_ISSUES: {
    severity: 'error',
    zh: (p) => `此文件还有 ${p.count} 处 ${p.code}（未逐条列出）`,
    en: (p) => `${p.count} more ${p.code} in this file (not listed one by one)`,
  },
  MORE_WARNINGS: {
    severity: 'warning',
    zh: (p) => `此文件还有 ${p.count} 处 ${p.code}（未逐条列出）`,
    en: (p) => `${p.count} more ${p.code} in this file (not listed one by one)`,
  },
  VALUE_BAD_TIME: {
    severity: 'error',
    zh: (p) => `${p.column} 的时间 ${q(p.value)} 无法识别：应写作 2026-10-01 08:30:15、2026/10/1 8:30 或 2026年10月1日 08:30`,
    en: (p) => `cannot read ${q(p.value)} in ${p.column} as a time: write 2026-10-01 08:30:15, 2026/10/1 8:30 or 2026年10月1日 08:30`,
  },
  VALUE_BAD_SENDER: {
    severity: 'error',
    zh: (p) => `${p.column} 的 ${q(p.value)} 不是已知的发送方：买家（买家/顾客/客户）、客服（客服/卖家/商家/人工）或机器人（机器人/自动回复/店小蜜）`,
    en: (p) => `${q(p.value)} in ${p.column} is not a known sender: buyer (买家/顾客/buyer), agent (客服/卖家/agent) or robot (机器人/自动回复/店小蜜/robot)`,
  },
  VALUE_BAD_BUNDLE: {
    severity: 'warning',
    zh: (p) => `${p.column} 的 ${q(p.value)} 无法识别，按“未注明”处理（仍按方案的 bundles 商家编码判断）：应写 是/否、true/false、yes/no、1/0 或 套餐`,
    en: (p) => `${q(p.value)} in ${p.column} is not a known 套餐 value and is read as not stated (the scheme's bundles patterns still apply): write 是/否, true/false, yes/no, 1/0 or 套餐`,
  },
  FILE_BAD_BYTES: {
    severity: 'error',
    zh: (p) => `此处有不是 UTF-8 的字节（显示为 �）：${q(p.value)}；文件其余部分是 UTF-8：请改正这个单元格，或把文件重新另存为 UTF-8`,
    en: (p) => `bytes here are not UTF-8 (shown as �): ${q(p.value)}; the rest of the file is UTF-8: fix this cell, or save the file again as UTF-8`,
  },
  SPILL_FAILED: {
    severity: 'error',
    zh: (p) => `无法在临时目录 ${p.dir} 中暂存聊天记录（${p.reason === 'ENOSPC' ? '磁盘已满' : p.reason === 'ENOENT' ? '目录不存在' : p.reason === 'EACCES' || p.reason === 'EPERM' || p.reason === 'EROFS' ? '无写入权限' : p.reason}；已暂存 ${p.written}）：请腾出空间，或用环境变量 TMPDIR 指定空间更大的目录；输入文件没有问题`,
    en: (p) => `cannot set the chat log's messages aside in the temporary folder ${p.dir} (${p.reason === 'ENOSPC' ? 'the disk is full' : p.reason === 'ENOENT' ? 'no such folder' : p.reason === 'EACCES' || p.reason === 'EPERM' || p.reason === 'EROFS' ? 'no permission to write there' : p.reason}; ${p.written} written): free space there, or point TMPDIR at a folder with more room; the input file is fine`,
  },
  FILE_TOO_BIG: {
    severity: 'error',
    zh: (p) => `文件超过 ${p.limit}，不像是花名册、绩效报表、考核数据或方案：请检查路径（聊天记录和订单用 --messages、--orders 读，没有这个上限）`,
    en: (p) => `the file is over ${p.limit}, which no roster, stats export, facts file or scheme is: check the path (chat logs and orders, read with --messages and --orders, have no such limit)`,
  },
  FILE_MIXED_ENCODING: {
    severity: 'error',
    zh: (p) =>
      p.forced
        ? '此行不是有效的 UTF-8（已指定 --encoding utf8）：请用 --encoding gbk 或 auto，或把文件另存为 UTF-8'
        : '此行不是有效的 UTF-8，而前面的行含有 UTF-8 文字：文件混用了编码或有损坏的字节，无法可靠读取；请检查此行，或把整个文件另存为同一种编码（UTF-8，或 GBK 并加 --encoding gbk）',
    en: (p) =>
      p.forced
        ? 'this line is not valid UTF-8 (--encoding utf8 was given): use --encoding gbk or auto, or save the file as UTF-8'
        : 'this line is not valid UTF-8, while the lines before it hold UTF-8 text: the file mixes encodings or has damaged bytes and cannot be read reliably; check this line, or save the whole file in one encoding (UTF-8, or GBK with --encoding gbk)',
  },
  ORDER_BAD_AMOUNT: {
    severity: 'error',
    zh: (p) => `订单 ${q(p.order)} 的${p.what}：${p.detail}`,
    en: (p) => `order ${q(p.order)}: ${p.what_en}: ${p.detail_en}`,
  },
  ORDER_DUPLICATE: {
    severity: 'error',
    zh: (p) => `订单 ${q(p.order)} 在订单报表中出现了两次（第一次在 ${p.other}）：订单报表每个订单一行；检查是否把两份重叠的导出拼在了一起`,
    en: (p) => `order ${q(p.order)} appears twice in the order report (first at ${p.other}): the order report has one row per order; check for two overlapping exports put together`,
  },
  ORDER_NOT_IN_REPORT: {
    severity: 'error',
    zh: (p) => `宝贝报表中的订单 ${q(p.order)} 不在订单报表（${p.files}）中：两份文件要用同一时间范围、同一筛选条件导出`,
    en: (p) => `order ${q(p.order)} of the order-lines report is not in the order report (${p.files}): export both files over the same dates with the same filters`,
  },
  ORDER_WITHOUT_LINES: {
    severity: 'error',
    zh: (p) => `订单 ${q(p.order)} 在宝贝报表中没有任何商品行：它的销售额无法计入；两份文件要用同一时间范围、同一筛选条件导出`,
    en: (p) => `order ${q(p.order)} has no line in the order-lines report, so its sales would be lost: export both files over the same dates with the same filters`,
  },
  ORDER_CONFLICT: {
    severity: 'error',
    zh: (p) => `订单 ${q(p.order)} 的各行 ${p.column} 不一致${p.value ? `：此行 ${q(p.value)}，${p.otherLine} 是 ${q(p.other)}` : `（与 ${p.otherLine} 不同）`}：同一订单的各行应有相同的买家和时间`,
    en: (p) => `the lines of order ${q(p.order)} disagree on ${p.column}${p.value ? `: ${q(p.value)} here, ${q(p.other)} at ${p.otherLine}` : ` (not as at ${p.otherLine})`}; one order has one buyer and one set of times`,
  },
  ORDERS_OUTSIDE_PERIOD: {
    severity: 'warning',
    zh: (p) => `订单的时间范围 ${p.from} 至 ${p.to} 没有覆盖本期 ${p.period}：是否导出错了月份？`,
    en: (p) => `the orders run from ${p.from} to ${p.to}, which misses the period ${p.period}: was the wrong month exported?`,
  },
  RAW_AND_STATS: {
    severity: 'warning',
    zh: (p) => `${p.count} 人既有聊天/订单明细又有平台报表数据：以明细计算为准（${p.agents}）`,
    en: (p) => `${p.count} agent(s) have both raw chats/orders and a platform export row: the raw data wins (${p.agents})`,
  },
  // --- roster ------------------------------------------------------------------------------------
  ROSTER_DUPLICATE_ID: {
    severity: 'error',
    zh: (p) => `工号 ${q(p.id)} 重复（第 ${p.otherLine} 行已有）：每人一行`,
    en: (p) => `agent_id ${q(p.id)} appears twice (also on line ${p.otherLine}): one row per person`,
  },
  ROSTER_DUPLICATE_ACCOUNT: {
    severity: 'error',
    zh: (p) => `客服账号 ${q(p.account)} 同时属于 ${p.id} 和 ${p.otherId}（第 ${p.otherLine} 行）：一个账号只能对应一人`,
    en: (p) => `account ${q(p.account)} belongs to both ${p.id} and ${p.otherId} (line ${p.otherLine}): an account maps to one person`,
  },
  ROSTER_UNKNOWN_GROUP: {
    severity: 'error',
    zh: (p) => `岗位 ${q(p.group)} 在方案的 groups 中没有规则（已有：${p.groups}）${hintZh(p.suggestion)}`,
    en: (p) => `group ${q(p.group)} has no rules under the scheme's groups (it has: ${p.groups})${hintEn(p.suggestion)}`,
  },
  ROSTER_UNKNOWN_LEVEL: {
    severity: 'error',
    zh: (p) => `职级 ${q(p.level)} 不在方案的 levels 中（已有：${p.levels}）${hintZh(p.suggestion)}`,
    en: (p) => `level ${q(p.level)} is not in the scheme's levels (it has: ${p.levels})${hintEn(p.suggestion)}`,
  },
  ROSTER_NO_BASE: {
    severity: 'error',
    zh: (p) => `方案的底薪取自花名册（base: roster），但 ${p.id} 的底薪为空：请填写底薪列`,
    en: (p) => `the scheme takes base pay from the roster (base: roster) but ${p.id} has no base_salary: fill it in`,
  },
  ROSTER_BAD_DATES: {
    severity: 'error',
    zh: (p) => `${p.id} 的离职日期 ${p.end} 早于入职日期 ${p.start}`,
    en: (p) => `${p.id} leaves on ${p.end}, before starting on ${p.start}`,
  },
  UNKNOWN_ACCOUNT: {
    severity: 'warning',
    zh: (p) =>
      `账号 ${q(p.account)} 不在花名册中：其数据只计入店铺，不计入任何人${p.consultations !== undefined ? `（${p.consultations} 次咨询，落实销售额 ${p.sales} 元，计入静默销售额）` : ''}${hintZh(p.suggestion)}`,
    en: (p) =>
      `account ${q(p.account)} is not in the roster: its numbers count for the shop, for no person${p.consultations !== undefined ? ` (${p.consultations} consultations; ${p.sales} of sales credited to it count as silent sales)` : ''}${hintEn(p.suggestion)}`,
  },
  UNKNOWN_AGENT: {
    severity: 'error',
    zh: (p) => `${p.key} ${q(p.value)} 不在花名册中${hintZh(p.suggestion)}`,
    en: (p) => `${p.key} ${q(p.value)} is not in the roster${hintEn(p.suggestion)}`,
  },
  PAYSLIPS_OTHER_PERIOD: {
    severity: 'error',
    zh: (p) => `${p.dir} 中已有 ${p.period} 的工资条，本次是 ${p.now}：换一个文件夹，或加 --force 覆盖`,
    en: (p) => `${p.dir} holds the payslips of ${p.period}, and this is ${p.now}: use another folder, or --force to replace them`,
  },
  INIT_FILE_EXISTS: {
    severity: 'error',
    zh: () => '已经存在：kefu init 不覆盖已有的文件，这次三个文件都没有写；把它移走或改名，或换一个文件夹再运行 kefu init',
    en: () => 'already there: kefu init never overwrites a file, and wrote none of its three; move or rename it, or run kefu init in another folder',
  },
  EXPLAIN_UNKNOWN_AGENT: {
    severity: 'error',
    zh: (p) => `花名册中没有工号、姓名或客服账号为 ${q(p.value)} 的人${p.nearest ? `；最接近的：${p.nearest}` : ''}`,
    en: (p) => `nobody in the roster has the agent_id, name or account ${q(p.value)}${p.nearest ? `; nearest: ${p.nearest}` : ''}`,
  },
  EXPLAIN_NOT_IN_REPORT: {
    severity: 'error',
    zh: (p) => `${p.id} ${p.name} 不在 ${p.period} 的报表中：此期间不在职（入职日期 ${p.start || '—'}，离职日期 ${p.end || '—'}）`,
    en: (p) => `${p.id} ${p.name} is not in the report of ${p.period}: not employed in the period (start ${p.start || '—'}, end ${p.end || '—'})`,
  },
  AMBIGUOUS_NAME: {
    severity: 'error',
    zh: (p) => `姓名 ${q(p.value)} 对应花名册中多人（${p.ids}）：请改用工号`,
    en: (p) => `name ${q(p.value)} matches several people in the roster (${p.ids}): key this row by agent_id`,
  },
  // --- stats, facts, adjustments -----------------------------------------------------------------
  STATS_PARTIAL: {
    severity: 'warning',
    zh: (p) => `${p.id} 的 ${p.metric} 只有部分行有值（此行为空）：只加有值的行会得出错误的比率，该指标按缺失处理；请补全`,
    en: (p) => `${p.id} has ${p.metric} on some rows but not this one: a sum of some rows would make a false ratio, so it is left missing; fill it in`,
  },
  STATS_IMPOSSIBLE: {
    severity: 'error',
    zh: (p) => `${p.column} 的 ${p.value} ${p.reason_zh}：此行不计入；请核对导出文件`,
    en: (p) => `${p.column} ${p.value} ${p.reason_en}: the row is left out; check the export`,
  },
  STATS_CANNOT_COMBINE: {
    severity: 'warning',
    zh: (p) => `${p.id} 有多行数据，此行缺少合并 ${p.metric} 所需的 ${p.weight}：该指标按缺失处理`,
    en: (p) => `${p.id} has several rows and this one lacks ${p.weight}, which combining ${p.metric} needs: the metric is left missing`,
  },
  FACT_TEXT_COLUMN: {
    severity: 'warning',
    zh: (p) => `${q(p.column)} 列全是文字、没有数值：不作为考核指标（如是备注可忽略此提示）`,
    en: (p) => `column ${q(p.column)} holds words, no numbers: it is not a metric (if it is a note, nothing to do)`,
  },
  FACT_DUPLICATE: {
    severity: 'error',
    zh: (p) => `${p.id} 的 ${q(p.metric)} 出现两次（另见 ${p.other}）：请只保留一个值`,
    en: (p) => `${p.id} has ${q(p.metric)} twice (also at ${p.other}): keep one value`,
  },
  ADJUSTMENT_NO_REASON: {
    severity: 'error',
    zh: (p) => `${p.id} 的调整 ${p.amount} 元没有原因：每一笔手工调整都要写明原因`,
    en: (p) => `the adjustment of ${p.amount} for ${p.id} has no reason: every manual line needs one`,
  },
  FACT_TOO_LARGE: {
    severity: 'error',
    zh: (p) => `${p.column} 的 ${q(p.value)} 超过 1 万亿，不是一个月的数字：请检查此单元格（单位、位数）`,
    en: (p) => `${q(p.value)} in ${p.column} is past 10^12, no month's figure: check the cell (its unit, its digits)`,
  },
  FACT_NEGATIVE: {
    severity: 'error',
    zh: (p) => `${p.id} 的 ${p.metric} 为 ${p.value}：补贴或扣款按它计算，不能小于 0（负数会把扣款变成发钱）；请改正此行`,
    en: (p) => `${p.id}'s ${p.metric} is ${p.value}: an allowance or deduction is paid per it, and it is never below zero (a negative count turns a deduction into pay); fix the row`,
  },
  ADJUSTMENT_DUPLICATE: {
    severity: 'warning',
    zh: (p) => `${p.id} 的调整 ${q(p.item)} ${p.amount} 与 ${p.other} 完全相同（同一人、项目、金额、原因）：两行都会计入；若是重复粘贴，请删去一行`,
    en: (p) => `${p.id}'s adjustment ${q(p.item)} ${p.amount} is the same as ${p.other} (person, item, amount and reason): both count; if the row was pasted twice, delete one`,
  },
  REFUNDS_COLUMN_MISSING: {
    severity: 'warning',
    zh: (p) => `没有 成功退款金额 列（也没有 去退款销售额 列），而方案用到净销售额：${p.count} 人的退款按 0 计，客服净销售额 = 客服销售额；请导出带退款的报表，或在 --facts 中给出 成功退款金额`,
    en: (p) => `no 成功退款金额 (refunds) column, nor a net sales column, and the scheme uses net sales: ${p.count} agent(s) get no refunds (cs_sales_net = cs_sales); export the report with its refunds, or give 成功退款金额 in --facts`,
  },
  PAY_NEGATIVE: {
    severity: 'warning',
    zh: (p) => `${p.id} ${p.name} 的工资合计为负数（${p.total}）：扣款超过了其余各项；请核对扣款和调整`,
    en: (p) => `${p.id} ${p.name}'s pay totals below zero (${p.total}): the deductions exceed everything else; check the deductions and adjustments`,
  },
  ADJUSTMENT_NOT_EMPLOYED: {
    severity: 'error',
    zh: (p) => `${q(p.value)} 在本期（${p.period}）不在职，但有一笔 ${p.amount} 元的调整：请放到其在职月份的工资表，或更正花名册的入职/离职日期`,
    en: (p) => `${q(p.value)} was not employed in ${p.period} but has an adjustment of ${p.amount}: put it on a month they were employed, or correct the roster's dates`,
  },
  STATS_DUPLICATE_ROW: {
    severity: 'error',
    zh: (p) => `账号 ${q(p.account)} 的这一行与 ${p.other} 重复（同一账号、同一日期）：同一份导出给了两次？`,
    en: (p) => `account ${q(p.account)} has this row twice (same account and date, also at ${p.other}): was one export given twice?`,
  },
  ADJUSTMENT_BAD_AMOUNT: {
    severity: 'error',
    zh: (p) => (p.large ? `调整金额 ${q(p.value)} 超过 1 万亿元，不是一个月的数字：请检查此单元格` : `调整金额 ${q(p.value)} 不是整分：金额最多两位小数`),
    en: (p) => (p.large ? `adjustment ${q(p.value)} is past 10^12 yuan, no month's figure: check the cell` : `adjustment ${q(p.value)} is not a whole number of fen: at most two decimals`),
  },
  // --- project file (kefu.yaml) ------------------------------------------------------------------
  CONFIG_INVALID: {
    severity: 'error',
    zh: (p) => `项目文件的 ${p.key}：${p.reason_zh}`,
    en: (p) => `${p.key} in the project file: ${p.reason_en}`,
  },
  CONFIG_UNKNOWN_KEY: {
    severity: 'error',
    zh: (p) => `项目文件中未知的键 ${q(p.key)}${hintZh(p.suggestion)}（可用的键：${p.known}）`,
    en: (p) => `unknown key ${q(p.key)} in the project file${hintEn(p.suggestion)} (the keys: ${p.known})`,
  },
  CONFIG_NO_MATCH: {
    severity: 'error',
    zh: (p) => `${p.key} 的 ${q(p.pattern)} 没有匹配到任何文件：本月的文件放好了吗？（路径相对于项目文件所在的文件夹）`,
    en: (p) => `${p.key}: ${q(p.pattern)} matches no file: are this month's files in place? (paths are relative to the project file's folder)`,
  },
  PERIOD_MONTH_MISSING: {
    severity: 'warning',
    zh: (p) => `${p.period} 中这些月份没有 ${p.key} 文件：${p.months}：这些月的数据不在本期结果里`,
    en: (p) => `${p.period}: no ${p.key} files for ${p.months}: those months' figures are not in the period's`,
  },
  COMPARE_COLUMNS_DIFFER: {
    severity: 'error',
    zh: (p) => `${p.scheme} 的 columns:（表头别名）与第一个方案不同：对比时两个方案读同一份数据，请让两个方案的 columns: 一致`,
    en: (p) => `${p.scheme} has other columns: (header aliases) than the first scheme: compare reads the files once for both; give both schemes the same columns:`,
  },
  // --- a month's folder (run --out, verify, --prior) ---------------------------------------------------
  OUTPUT_EXISTS: {
    severity: 'error',
    zh: (p) => `${p.dir} 里已有 ${p.period} 的输出，与本次算出的不同：确认要替换，请加 --force；什么都没有写`,
    en: (p) => `${p.dir} already holds the outputs of ${p.period}, and this run's differ: to replace them, add --force; nothing was written`,
  },
  OUTPUT_FINAL: {
    severity: 'error',
    zh: (p) => `${p.dir} 是已定稿（--final，已发放）的 ${p.period}：kefu 不再改写它，--force 也不行；迟到的退款请在下个月用 --prior ${p.dir} 计入`,
    en: (p) => `${p.dir} is the final (paid) ${p.period}: kefu never writes it again, not even with --force; carry late refunds into next month with --prior ${p.dir}`,
  },
  MANIFEST_MISSING: {
    severity: 'error',
    zh: (p) => `${p.dir} 里没有 manifest.json${p.unreadable ? '（或它不是 kefu 写的）' : ''}：请给出 kefu run --out 写出的文件夹`,
    en: (p) => `${p.dir} has no ${p.unreadable ? 'readable ' : ''}manifest.json: give a folder written by kefu run --out`,
  },
  VERIFY_INPUT_MISSING: {
    severity: 'error',
    zh: (p) => `${roleZh(p.role)}文件已不在原处（manifest 记录为 ${p.recorded}）：把它放回，或在原处恢复后再核对`,
    en: (p) => `the ${p.role} file is no longer there (the manifest has ${p.recorded}): put it back to verify the month`,
  },
  VERIFY_INPUT_CHANGED: {
    severity: 'error',
    zh: (p) => `${roleZh(p.role)}文件在出表后被改动过（sha256 由 ${p.was} 变为 ${p.now}）：已不是当时的数据，无法核对`,
    en: (p) => `the ${p.role} file changed since the month was run (sha256 ${p.was}, now ${p.now}): these are not the data the month was made of`,
  },
  VERIFY_INPUT_STDIN: {
    severity: 'error',
    zh: (p) => `${roleZh(p.role)}当时从标准输入读入，无法再读一次：出表时请给出文件路径`,
    en: (p) => `the ${p.role} was read from standard input and cannot be read again: give inputs as files to make a month verifiable`,
  },
  VERIFY_OUTPUT_DIFFERS: {
    severity: 'error',
    zh: (p) => (p.edited === 2 ? `${p.name} 已不在文件夹里：这个月无法完整核对` : `${p.name} 与重新计算的结果不同${p.edited ? '（文件在出表后被改动过）' : '（版本不同，或输入在读取时变了）'}`),
    en: (p) => (p.edited === 2 ? `${p.name} is no longer in the folder: the month cannot be proven whole` : `${p.name} differs from the month computed again${p.edited ? ' (the file was changed after the run)' : ' (another version, or an input changed while it was read)'}`),
  },
  PRIOR_NOT_EARLIER: {
    severity: 'error',
    zh: (p) => `--prior ${p.dir} 是 ${p.period}，不早于本期 ${p.now}：请给出上一个（已发放的）月份的文件夹`,
    en: (p) => `--prior ${p.dir} is ${p.period}, not before this period ${p.now}: give the folder of an earlier (paid) month`,
  },
  PRIOR_NOT_PREVIOUS: {
    severity: 'error',
    zh: (p) => `--prior ${p.dir} 是 ${p.period}，不是 ${p.now} 的上一期：迟到的变动只计入下一期一次（再计入一次会重复发放）；请给出上一期的文件夹`,
    en: (p) => `--prior ${p.dir} is ${p.period}, not the period just before ${p.now}: late changes are carried once, into the next period (carrying them again would pay them twice); give the previous period's folder`,
  },
  PRIOR_NOT_EMPLOYED: {
    severity: 'warning',
    zh: (p) => `${p.value} 本期（${p.period}）不在职，上期追溯的 ${p.amount} 元不在本期奖金表里：请另行结算`,
    en: (p) => `${p.value} is not employed in ${p.period}: the ${p.amount} carried from the previous period is not on this sheet; settle it apart`,
  },
  PRIOR_NOT_FINAL: {
    severity: 'warning',
    zh: (p) => `${p.dir}（${p.period}）没有用 --final 定稿：差额仍按它的奖金表计算，请确认那张表已经发放`,
    en: (p) => `${p.dir} (${p.period}) is not marked final: the differences are still taken from its sheet; make sure that sheet was paid`,
  },
  PRIOR_SCHEME_CHANGED: {
    severity: 'error',
    zh: (p) => `${p.period} 的方案文件在发放后被改过：追溯只重算数据的变化，请把当时的方案放回原处（改方案请从新的月份开始）`,
    en: (p) => `the scheme of ${p.period} changed after it was paid: a recomputation carries changes of the data only; put the scheme as it was back in place (a new scheme starts with a new month)`,
  },
  PRIOR_SHEET_CHANGED: {
    severity: 'error',
    zh: (p) => `${p.period} 已发放的奖金表不见了，或与 manifest 记录的不同：无法知道当时实发多少`,
    en: (p) => `the paid sheet of ${p.period} is missing or differs from what its manifest records: what was paid cannot be known`,
  },
  PRIOR_RECOMPUTE_FAILED: {
    severity: 'error',
    zh: (p) => `用现在的数据重算 ${p.period} 时出错（见下）：改正这些文件后再运行`,
    en: (p) => `recomputing ${p.period} with the data as it is now failed (below): fix those files and run again`,
  },
  PRIOR_NO_CREDITS: {
    severity: 'warning',
    zh: (p) => `${p.period} 的文件夹里没有（或改动过）credits.json：追溯调整只写金额，不列出变动的订单`,
    en: (p) => `the folder of ${p.period} has no (or a changed) credits.json: the carried lines give the amounts but cannot name the orders that changed`,
  },
  PRIOR_AGENTS_DIFFER: {
    severity: 'warning',
    zh: (p) => `${p.period} 重算后与已发放的奖金表人员不同，这些人没有追溯调整：${p.ids}（花名册变了？）`,
    en: (p) => `recomputed, ${p.period} has other agents than its paid sheet; no late change is carried for: ${p.ids} (did the roster change?)`,
  },
  VERIFY_OTHER_VERSION: {
    severity: 'warning',
    zh: (p) => `这个月由 kefu ${p.was} 算出，现在是 ${p.now}：结果不同时，可能是版本所致`,
    en: (p) => `the month was made by kefu ${p.was}, this is ${p.now}: a difference may come from the version`,
  },
  // --- scheme ------------------------------------------------------------------------------------
  SCHEME_YAML_SYNTAX: {
    severity: 'error',
    zh: (p) => `YAML 语法错误：${p.reason}${p.full_width ? '（这里有全角冒号“：”，YAML 要用半角“:”加空格）' : ''}`,
    en: (p) => `YAML syntax error: ${p.reason}${p.full_width ? ' (there is a full-width colon "：" here: YAML needs a half-width ":" and a space)' : ''}`,
  },
  SCHEME_INVALID: {
    severity: 'error',
    zh: (p) => `${p.path}：${p.reason_zh}`,
    en: (p) => `${p.path}: ${p.reason_en}`,
  },
  SCHEME_UNKNOWN_KEY: {
    severity: 'error',
    zh: (p) => `未知的键 ${q(p.key)}（在 ${p.path}）${hintZh(p.suggestion)}`,
    en: (p) => `unknown key ${q(p.key)} in ${p.path}${hintEn(p.suggestion)}`,
  },
  SCHEME_UNKNOWN_METRIC: {
    severity: 'error',
    zh: (p) => `未知指标 ${q(p.metric)}：既不是内置指标、derived 中的指标，也不是 facts 文件的列${hintZh(p.suggestion)}`,
    en: (p) => `unknown metric ${q(p.metric)}: not a built-in metric, not under derived, not a column of a facts file${hintEn(p.suggestion)}`,
  },
  SCHEME_WEIGHTS: {
    severity: 'error',
    zh: (p) => `岗位 ${q(p.group)} 的 kpi 权重合计 ${p.total}，应为 100`,
    en: (p) => `the kpi weights of group ${q(p.group)} total ${p.total}; they must total 100`,
  },
  SCHEME_BANDS_ORDER: {
    severity: 'error',
    zh: (p) => `分档顺序错误：${p.detail_zh}`,
    en: (p) => `bands out of order: ${p.detail_en}`,
  },
  SCHEME_LAST_BAND: {
    severity: 'error',
    zh: (p) => `${p.detail_zh}`,
    en: (p) => `${p.detail_en}`,
  },
  SCHEME_BAD_VALUE: {
    severity: 'error',
    zh: (p) => `${q(p.value)} 无法使用：${p.reason_zh}`,
    en: (p) => `${q(p.value)} cannot be used: ${p.reason_en}`,
  },
  // --- kefu trend ---------------------------------------------------------------------------------
  TREND_NO_REPORT: {
    severity: 'error',
    zh: (p) => `${p.file ? '这是文件，不是文件夹' : '此文件夹中没有 report.json（或没有这个文件夹）'}：请给出 kefu run --out 写出的文件夹，如 out/2026-10`,
    en: (p) => `${p.file ? 'a file, not a folder' : 'no report.json in this folder (or no such folder)'}: give folders that kefu run --out wrote, such as out/2026-10`,
  },
  TREND_BAD_REPORT: {
    severity: 'error',
    zh: (p) => `不是 kefu 写出的${p.kind === 'payroll' ? '工资表' : '报表'}（${p.reason}）：请给出 kefu run --out 写出、未经改动的文件夹`,
    en: (p) => `not a kefu ${p.kind === 'payroll' ? 'bonus sheet' : 'report'} (${p.reason}): give folders that kefu run --out wrote, unchanged`,
  },
  TREND_BAD_MANIFEST: {
    severity: 'warning',
    zh: (p) => `无法读取（${p.reason}）：改按 report.json 中的方案名判断该月用的是哪个方案`,
    en: (p) => `cannot be read (${p.reason}): which scheme the month used is told by the scheme's name in report.json instead`,
  },
  TREND_SAME_PERIOD: {
    severity: 'error',
    zh: (p) => (p.period === p.other ? `${p.first} 与 ${p.second} 都是 ${p.period} 的结果` : `${p.second}（${p.other}）与 ${p.first}（${p.period}）的统计期重叠`) + '：每个统计期只给一个文件夹',
    en: (p) => (p.period === p.other ? `${p.first} and ${p.second} are both ${p.period}` : `${p.second} (${p.other}) overlaps ${p.first} (${p.period})`) + ': give one folder per period',
  },
  TREND_SCHEMES_DIFFER: {
    severity: 'warning',
    zh: (p) =>
      `各月用的方案不同（${p.schemes}）：` +
      [p.own_zh ? `${p.own_zh} 由方案定义，只显示与最后一个月同方案（${p.scheme}）的月份（${p.months}），不跨方案比较` : '', p.absent_zh ? `并非每月都有、只显示有的月份：${p.absent_zh}` : ''].filter(Boolean).join('；') +
      '。如要逐月比较，请用同一方案重跑这些月份（kefu run --scheme …）',
    en: (p) =>
      `the months were computed under different schemes (${p.schemes}): ` +
      [p.own_en ? `${p.own_en} depend on the scheme: shown for the months of ${p.scheme} (${p.months}) only, never compared across schemes` : '', p.absent_en ? `not in every month, shown where they are: ${p.absent_en}` : ''].filter(Boolean).join('; ') +
      '. To compare every month, run them again under one scheme (kefu run --scheme …)',
  },
  TREND_UNKNOWN_AGENT: {
    severity: 'error',
    zh: (p) => (p.ids ? `有多人名为 ${q(p.value)}（${p.ids}）：请改用工号` : `没有哪个月有工号或姓名为 ${q(p.value)} 的人${p.nearest ? `；最接近的：${p.nearest}` : ''}`),
    en: (p) => (p.ids ? `several agents are named ${q(p.value)} (${p.ids}): give the agent_id` : `no month has an agent with the agent_id or name ${q(p.value)}${p.nearest ? `; nearest: ${p.nearest}` : ''}`),
  },
  TREND_UNKNOWN_METRIC: {
    severity: 'error',
    zh: (p) => `没有哪个月有指标 ${q(p.metric)}${hintZh(p.suggestion)}（这些月份有：${p.available}）`,
    en: (p) => `no month has the metric ${q(p.metric)}${hintEn(p.suggestion)} (the months have: ${p.available})`,
  },
  // --- scoring and pay ---------------------------------------------------------------------------
  FACT_UNKNOWN_TEAM: {
    severity: 'error',
    zh: (p) => `考核数据按${p.by === 'team' ? '团队' : '岗位'} ${q(p.value)} 给出，但本月没有人属于它${hintZh(p.suggestion)}`,
    en: (p) => `a facts row for ${p.by} ${q(p.value)}, which nobody this month belongs to${hintEn(p.suggestion)}`,
  },
  PROMOTION_HISTORY_SHORT: {
    severity: 'warning',
    zh: (p) => `晋升条件 ${p.metric}（连续 ${p.months} 个月）缺少这些月份的结果：${p.missing}：用 --history 给出这些月份 kefu run 的文件夹；本月不列晋升候选`,
    en: (p) => `the promotion condition on ${p.metric} (${p.months} months running) lacks the months ${p.missing}: give their kefu run folders with --history; no candidates are listed this month`,
  },
  PROMOTION_OTHER_SCHEME: {
    severity: 'warning',
    zh: (p) => `晋升条件 ${p.metric} 无法评估：${p.months} 的结果是另一个方案算的，该指标的含义可能不同；本月不列晋升候选`,
    en: (p) => `the promotion condition on ${p.metric} cannot be evaluated: the months ${p.months} were computed under another scheme, where it may mean something else; no candidates are listed this month`,
  },
  FLAG_WITHIN_UNKNOWN: {
    severity: 'warning',
    zh: (p) => `岗位 ${p.group} 的 flag_bottom 只在编制 ${q(p.within)} 中标记末位，但本期没有人是这个编制（有：${p.kinds}）${hintZh(p.suggestion)}`,
    en: (p) => `flag_bottom of group ${p.group} marks the bottom among employment ${q(p.within)}, which nobody this period has (there are: ${p.kinds})${hintEn(p.suggestion)}`,
  },
  LEADER_UNKNOWN: {
    severity: 'error',
    zh: (p) => `${p.id} 的组长工号 ${q(p.leader)} 不在花名册里（团队 ${p.team}）：改成组长的工号，或把组长加进花名册`,
    en: (p) => `${p.id}'s leader ${q(p.leader)} is not on the roster (team ${p.team}): write the leader's agent_id, or add the leader to the roster`,
  },
  LEADER_NOT_EMPLOYED: {
    severity: 'warning',
    zh: (p) => `团队 ${p.team} 的组长 ${p.leader} 本期不在职：本期没有组长提成；请更新花名册的组长工号`,
    en: (p) => `team ${p.team}'s leader ${p.leader} is not employed this period: no override is paid; update the roster's leader column`,
  },
  LEADER_CONFLICT: {
    severity: 'error',
    zh: (p) => `团队 ${p.team} 有两个组长：${p.id} 写的是 ${p.leader}，其他人写的是 ${p.other}：一个团队只有一个组长`,
    en: (p) => `team ${p.team} has two leaders: ${p.id} names ${p.leader}, others name ${p.other}: a team has one leader`,
  },
  LEADER_TWO_TEAMS: {
    severity: 'error',
    zh: (p) => `${p.leader} 同时是团队 ${p.other} 和 ${p.team} 的组长：组长提成按一个团队算，请把两个团队合并或换一位组长`,
    en: (p) => `${p.leader} leads both team ${p.other} and team ${p.team}: an override is on one team; merge the teams or name another leader`,
  },
  POOL_WEIGHTS_ZERO: {
    severity: 'warning',
    zh: (p) => `奖金池 ${q(p.pool)}（${p.scope}）按 ${p.split_by} 分配，但参与的人都是 0：改为平均分配`,
    en: (p) => `pool ${q(p.pool)} (${p.scope}) is split by ${p.split_by}, and everyone sharing it has 0: shared equally instead`,
  },
  POOL_UNPAID: {
    severity: 'warning',
    zh: (p) => `奖金池 ${q(p.pool)}（${p.scope}）${p.amount} 没有人可分（都被否决或低于 min_score）：本月不发`,
    en: (p) => `pool ${q(p.pool)} (${p.scope}) of ${p.amount} has nobody to share it (all vetoed or below min_score): not paid this month`,
  },
  CONTEST_NO_WINNER: {
    severity: 'warning',
    zh: (p) => `PK 赛 ${q(p.contest)}（${p.pair}）双方都没有 ${p.metric} 的数据（或都被一票否决）：无人得奖`,
    en: (p) => `contest ${q(p.contest)} (${p.pair}): no side has a value of ${p.metric} (or every side is vetoed): nobody wins`,
  },
  GATE_NO_VALUE: {
    severity: 'warning',
    zh: (p) => `${p.count} 人没有 ${p.metric} 的数据，${p.group}/${p.commission} 的门槛无法达到，本项不发：${p.agents}`,
    en: (p) => `${p.count} agent(s) have no value of ${p.metric}: the gate of ${p.group}/${p.commission} is not met and it is not paid: ${p.agents}`,
  },
  CONTEST_UNKNOWN_AGENT: {
    severity: 'error',
    zh: (p) => `PK 赛 ${q(p.contest)} 的 ${p.ids} 不是本月岗位 ${p.group} 的人：检查工号（或此人不在职）`,
    en: (p) => `contest ${q(p.contest)} names ${p.ids}, not an agent of group ${p.group} this month: check the agent_id (or they are not employed)`,
  },
  CONTEST_UNKNOWN_TEAM: {
    severity: 'error',
    zh: (p) => `PK 赛 ${q(p.contest)} 的团队 ${p.teams} 在岗位 ${p.group} 里没有人：团队名要和花名册的“团队”列一致`,
    en: (p) => `contest ${q(p.contest)} names team ${p.teams}, which nobody in group ${p.group} belongs to: write the roster's team names`,
  },
  METRIC_MISSING: {
    severity: 'warning',
    zh: (p) => `${p.count} 人没有 ${p.group}/${p.metric_zh} 的数据，该项按 0 分计：${p.agents}`,
    en: (p) => `${p.count} agent(s) have no value for ${p.group}/${p.metric_en}, scored 0 points: ${p.agents}`,
  },
  PER_UNIT_NEEDS_ORDERS: {
    severity: 'warning',
    zh: (p) => `按件提成 ${q(p.name)} 需要订单明细（--orders，含商家编码、数量），客服绩效报表和聊天记录都没有这些数据：本次记为 0`,
    en: (p) => `per-unit commission ${q(p.name)} needs the order report (--orders, with SKU and quantity), which neither a per-agent export nor a chat log carries: 0 this run`,
  },
  ORDERS_NO_SKU: {
    severity: 'error',
    zh: (p) => `${p.group} 按商家编码计件提成（per_unit），但订单报表没有商家编码（列缺失或全为空）：请导出带商家编码的订单报表，或在方案 columns: 中指明该列`,
    en: (p) => `${p.group} is paid per unit by SKU (per_unit), but the order report has no SKU (商家编码: no such column, or all empty): export the report with its SKU column, or name it under the scheme's columns:`,
  },
  RAW_WITHOUT_ORDERS: {
    severity: 'warning',
    zh: () => '有聊天记录但没有订单明细（--orders）：无法区分售前与售后咨询，每次咨询都算作询单；转化率和销售额等指标缺失',
    en: () => 'chat logs without an order report (--orders): after-sales cannot be told from inquiries, so every consultation counts as an inquiry; conversion and sales metrics are missing',
  },
  AMOUNTS_TOO_LARGE: {
    severity: 'error',
    zh: (p) => `本期订单实付金额合计 ${p.total} 元，超出可精确计算的范围（约 90 万亿元）：请检查金额列`,
    en: (p) => `the period's orders add up to ${p.total}, past what can be computed exactly (about 90 trillion yuan): check the amount column`,
  },
  NO_STATS: {
    severity: 'warning',
    zh: () => '没有任何客服数据（--stats 无数据行）：报表中所有业绩指标均为缺失',
    en: () => 'no performance data at all (no --stats rows): every metric in the report is missing',
  },
  NOT_EMPLOYED: {
    severity: 'warning',
    zh: (p) => `${p.id} 在本期（${p.period}）不在职，但仍有数据：不参与报表和工资表`,
    en: (p) => `${p.id} was not employed in ${p.period} but has data: left out of the report and the sheet`,
  },
} satisfies Record<string, Entry>;

export type IssueCode = keyof typeof ISSUE_TEXTS;
