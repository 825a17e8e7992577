#!/usr/bin/env node
// Writes the sample month fixtures/2026-10/ (AO史密斯 客服 team, October 2026).
//
// Deterministic: every random number comes from a PRNG seeded by a fixed string, so each run
// writes the same bytes. No dependencies, no clock, no Math.random.
//
//   node scripts/make-fixtures.mjs
//
// Files: roster.csv, stats-shop-a.csv (UTF-8 + BOM, CRLF), stats-shop-b-gbk.csv (GBK, LF),
// facts.csv, adjustments.csv, README.md. The scheme file is written by hand, not here.

import { fnv1a, mulberry32 } from './random.mjs';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', '2026-10');

// ---------------------------------------------------------------------------------------------
// PRNG: one independent stream per key (FNV-1a of the key seeds mulberry32), so editing one
// person does not shift everyone else's numbers.

function rng(key) {
  const next = mulberry32(fnv1a('kefu-2026-10/' + key));
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (arr) => arr[Math.floor(next() * arr.length)],
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting helpers (integers only: fen, hundredths of a second, hundredths of a percent).

const A = 'AO史密斯官方旗舰店';
const B = 'AO史密斯热水器专卖店';

const groupThousands = (s) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** integer count, thousands comma when >= 1000 */
const fmtCount = (n) => groupThousands(String(n));

/** value in hundredths -> "123.45" (optionally with thousands commas) */
function fmtHundredths(h, commas = false) {
  if (!Number.isInteger(h) || h < 0) throw new Error(`bad hundredths ${h}`);
  const int = String(Math.floor(h / 100));
  const frac = String(h % 100).padStart(2, '0');
  return `${commas ? groupThousands(int) : int}.${frac}`;
}

/** fen -> export money: shop A "¥123,456.78", shop B "123456.78"; null -> "-" */
function fmtMoney(fen, style) {
  if (fen === null) return '-';
  return style === 'yen' ? '¥' + fmtHundredths(fen, true) : fmtHundredths(fen, false);
}

/** hundredths of a percent -> "23.45%" */
const fmtPct = (bp) => fmtHundredths(bp) + '%';

/**
 * Printed conversion (hundredths of a percent) of paid / inq, rounded half up. Both numbers in
 * the same (integer) unit. Returns null when the exact value sits on a .5 tie, so that the
 * caller can avoid ties and any rounding mode agrees with the printed value.
 */
function convBp(paid, inq) {
  if (inq === 0) return 0;
  const num = paid * 20000;
  const den = 2 * inq;
  if (num % den === inq) return null; // exact tie
  return Math.floor((num + inq) / den);
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
const csv = (rows, eol) => rows.map((r) => r.map(csvCell).join(',')).join(eol) + eol;

// ---------------------------------------------------------------------------------------------
// GBK encoder: reverse map of TextDecoder('gb18030') over every 2-byte sequence.

function makeGbkEncoder() {
  const dec = new TextDecoder('gb18030');
  const map = new Map();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const s = dec.decode(new Uint8Array([lead, trail]));
      const cps = [...s];
      if (cps.length !== 1 || s === '\ufffd') continue;
      const cp = s.codePointAt(0);
      if (!map.has(cp)) map.set(cp, (lead << 8) | trail); // first (lowest) sequence wins
    }
  }
  return (str) => {
    const out = [];
    for (const ch of str) {
      const cp = ch.codePointAt(0);
      if (cp < 0x80) {
        out.push(cp);
        continue;
      }
      const code = map.get(cp);
      if (code === undefined) throw new Error(`not encodable in GBK: ${ch} (U+${cp.toString(16)})`);
      out.push(code >> 8, code & 0xff);
    }
    return Uint8Array.from(out);
  };
}

// ---------------------------------------------------------------------------------------------
// The team. acc: [shop, 子账号, share of the person's inquiries].
// Story (see README): K007 on sick leave all month (no stats row), K023 red card, K025 leaves
// 2026-10-20, K030 joins 2026-10-15, K003/K004 part-time trainers.

const people = [
  // 售前一组 (core, 旗舰店)
  { id: 'K001', name: '王晓燕', group: '售前', team: '售前一组', emp: '正式', level: '组长', acc: [[A, '晓燕', 1]] },
  { id: 'K002', name: '陈静', group: '售前', team: '售前二组', emp: '正式', level: '组长', acc: [[A, '静静', 0.7], [B, '静静', 0.3]] },
  { id: 'K003', name: '李娜', group: '售前', team: '售前一组', emp: '正式', level: '高级', acc: [[A, '娜娜', 1]] },
  { id: 'K004', name: '张伟', group: '售前', team: '售前一组', emp: '正式', level: '储备组长', acc: [[A, '阿伟', 1]] },
  { id: 'K005', name: '刘洋', group: '售前', team: '售前一组', emp: '正式', level: '高级', acc: [[A, '洋洋', 0.6], [B, '洋洋', 0.4]] },
  { id: 'K006', name: '杨帆', group: '售前', team: '售前一组', emp: '正式', level: '中级', acc: [[A, '帆帆', 1]] },
  { id: 'K007', name: '赵敏', group: '售前', team: '售前二组', emp: '正式', level: '中级', acc: [[A, '敏敏', 1]], noStats: true },
  { id: 'K008', name: '黄磊', group: '售前', team: '售前二组', emp: '正式', level: '高级', acc: [[A, '磊磊', 1]] },
  { id: 'K009', name: '周婷', group: '售前', team: '售前二组', emp: '正式', level: '中级', acc: [[B, '婷婷', 1]] },
  { id: 'K010', name: '吴昊', group: '售前', team: '售前二组', emp: '正式', level: '初级', acc: [[B, '昊昊', 1]] },
  { id: 'K011', name: '徐丽', group: '售前', team: '售前一组', emp: '实习', level: '初级', acc: [[A, '小丽', 1]], base: 2000 },
  { id: 'K012', name: '孙悦', group: '售前', team: '售前二组', emp: '实习', level: '初级', acc: [[B, '悦悦', 1]], base: 2000 },
  // 售后组 (core)
  { id: 'K013', name: '胡佳怡', group: '售后', team: '售后组', emp: '正式', level: '组长', acc: [[A, '佳怡', 0.55], [B, '佳怡', 0.45]] },
  { id: 'K014', name: '朱琳', group: '售后', team: '售后组', emp: '正式', level: '高级', acc: [[A, '琳琳', 1]] },
  { id: 'K015', name: '高翔', group: '售后', team: '售后组', emp: '正式', level: '中级', acc: [[A, '翔翔', 1]] },
  { id: 'K016', name: '林雪', group: '售后', team: '售后组', emp: '正式', level: '中级', acc: [[B, '雪儿', 1]] },
  { id: 'K017', name: '何欣', group: '售后', team: '售后组', emp: '正式', level: '初级', acc: [[A, '欣欣', 1], [B, '欣欣', 0]] },
  { id: 'K018', name: '郭芳', group: '售后', team: '售后组', emp: '正式', level: '中级', acc: [[B, '芳芳', 1]] },
  { id: 'K019', name: '罗琦', group: '售后', team: '售后组', emp: '正式', level: '高级', acc: [[A, '琦琦', 1]] },
  // 外包安徽组 (outsourced, mostly 专卖店)
  { id: 'K020', name: '郑凯', group: '售前', team: '外包安徽组', emp: '外包', level: '组长', acc: [[B, '阿凯', 1]] },
  { id: 'K021', name: '谢雨婷', group: '售前', team: '外包安徽组', emp: '外包', level: '中级', acc: [[B, '小雨', 0.65], [A, '小雨', 0.35]] },
  { id: 'K022', name: '王喆', group: '售前', team: '外包安徽组', emp: '外包', level: '中级', acc: [[B, '喆喆', 1]] },
  { id: 'K023', name: '唐瑶', group: '售前', team: '外包安徽组', emp: '外包', level: '高级', acc: [[B, '瑶瑶', 1]],
    inq: [1080, 1150], conv: [3440, 3490], fr: [900, 1100] },
  { id: 'K024', name: '冯晨', group: '售前', team: '外包安徽组', emp: '外包', level: '初级', acc: [[B, '晨晨', 1]] },
  { id: 'K025', name: '于洋', group: '售前', team: '外包安徽组', emp: '外包', level: '初级', acc: [[B, '小鱼', 1]],
    end: '2026-10-20', inq: [360, 420], conv: [1900, 2150] },
  { id: 'K026', name: '董雪', group: '售前', team: '外包安徽组', emp: '外包', level: '中级', acc: [[A, '雪雪', 1]] },
  { id: 'K027', name: '韩梅', group: '售后', team: '外包安徽组', emp: '外包', level: '初级', acc: [[B, '梅梅', 1]] },
  { id: 'K028', name: '宋佳', group: '售后', team: '外包安徽组', emp: '外包', level: '中级', acc: [[B, '佳佳', 1]] },
  { id: 'K029', name: '萧然', group: '售后', team: '外包安徽组', emp: '外包', level: '初级', acc: [[A, '然然', 1]] },
  { id: 'K030', name: '许诺', group: '售前', team: '外包安徽组', emp: '外包', level: '初级', acc: [[B, '诺诺', 1]],
    start: '2026-10-15', inq: [170, 200], conv: [1820, 1950], fr: [2800, 3400], noRefund: true },
];

const leaders = { 售前一组: 'K001', 售前二组: 'K002', 售后组: 'K013', 外包安徽组: 'K020' };

// Monthly profiles: inquiries, conversion (hundredths of %), average order value (yuan),
// first response (hundredths of a second).
const profiles = {
  售前: {
    组长: { inq: [520, 700], conv: [2600, 3100], aov: [3800, 5000], fr: [900, 1500] },
    储备组长: { inq: [950, 1150], conv: [2800, 3250], aov: [4000, 5200], fr: [900, 1300] },
    高级: { inq: [850, 1180], conv: [2500, 3200], aov: [3800, 5200], fr: [900, 1600] },
    中级: { inq: [620, 900], conv: [2150, 2800], aov: [3400, 4600], fr: [1200, 2200] },
    初级: { inq: [380, 620], conv: [1900, 2400], aov: [3300, 4200], fr: [1600, 2800] },
  },
  售后: { any: { inq: [22, 85], conv: [1000, 3000], aov: [2200, 4500], fr: [1500, 3500] } },
};

// ---------------------------------------------------------------------------------------------
// Generate.

function startDate(p) {
  if (p.start) return p.start;
  const r = rng('start/' + p.id);
  let y, m;
  if (p.emp === '实习') [y, m] = [2025, r.int(7, 9)];
  else if (p.level === '组长' || p.level === '储备组长') [y, m] = [2023, r.int(2, 9)];
  else [y, m] = [r.int(2023, 2025), r.int(1, 12)];
  const d = r.int(1, 28);
  // half the dates as 2024-03-01, half as 2024/3/1 (alternating by 工号 for a sure mix)
  return Number(p.id.slice(1)) % 2 === 0
    ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
    : `${y}/${m}/${d}`;
}

const statsRows = { [A]: [], [B]: [] }; // per shop: account rows (numbers, not yet formatted)

for (const p of people) {
  p.leader = leaders[p.team] === p.id ? '' : leaders[p.team];
  p.startDate = startDate(p);
  p.salesFen = 0;
  p.refundFen = 0;
  if (p.noStats) continue;
  const r = rng('stats/' + p.id);
  const prof = p.group === '售后' ? profiles.售后.any : profiles.售前[p.level];
  const lim = (k) => p[k] ?? prof[k];
  const total = r.int(...lim('inq'));
  const conv = r.int(...lim('conv'));
  const aov = r.int(...lim('aov'));
  const fr = r.int(...lim('fr'));
  let left = total;
  p.acc.forEach(([shop, nick, share], i) => {
    const inq = i === p.acc.length - 1 ? left : Math.round(total * share);
    left -= inq;
    // per-account conversion jitters around the person's, ±1.2 points (售前 kept in 18%..35%)
    let c = conv + r.int(-120, 120);
    c = p.group === '售前' ? Math.min(3500, Math.max(1800, c)) : Math.max(500, c);
    let paid = Math.round((inq * c) / 10000);
    while (inq > 0 && convBp(paid, inq) === null) paid -= 1; // never print a .5 tie
    const aovFen = (aov + r.int(-250, 250)) * 100 + r.int(0, 99);
    const salesFen = paid === 0 ? 0 : paid * aovFen + r.int(0, 99);
    let refundFen = null; // "-" = no successful refund
    const noRefund = p.noRefund || paid === 0 || (p.group === '售后' && r.next() < 0.5);
    if (!noRefund) refundFen = Math.round((salesFen * r.int(80, 600)) / 10000);
    const frA = Math.max(800, fr + r.int(-150, 150));
    const avg = Math.round((frA * r.int(140, 240)) / 100);
    const sat = r.next() < 0.12 ? 10000 : r.int(9250, 9990);
    const reply = r.next() < 0.2 ? 10000 : r.int(9720, 9995);
    statsRows[shop].push({ account: `${shop}:${nick}`, inq, paid, fr: frA, avg, sat, reply, sales: salesFen, refund: refundFen });
    p.salesFen += salesFen;
    p.refundFen += refundFen ?? 0;
  });
}

// Facts: targets, quality, cards, live-stream hours, lessons, bundle sales.
const yellow = { K010: 1, K026: 1, K024: 2 };
const red = { K023: 1 };
const live = { K002: '10.5', K003: '12.5', K004: '20', K005: '8.5', K006: '16', K008: '24.5' };
const lessons = { K003: 4, K004: 6 };

for (const p of people) {
  const r = rng('facts/' + p.id);
  const net = p.salesFen - p.refundFen; // fen
  p.target = null;
  p.bundleTarget = null;
  if (p.group === '售前') {
    let f = r.int(80, 135) / 100; // attainment lands roughly 0.74 .. 1.25
    if (p.id === 'K025') f = r.int(150, 158) / 100; // leaver: full-month target, 20 days of work
    if (p.id === 'K030') f = r.int(125, 135) / 100; // joiner: small target, still a bit short
    if (p.id === 'K023') f = r.int(90, 95) / 100; // red card: over target (a prize winner but for the veto)
    if (p.noStats) p.target = 700000; // the usual 中级 target; she sold nothing
    else {
      const t = ((net / 100) * f);
      const step = t >= 500000 ? 50000 : 10000; // targets are round numbers: 850000, 320000
      p.target = Math.max(100000, Math.round(t / step) * step);
    }
    p.bundleTarget = Math.round((p.target * r.int(15, 25)) / 100 / 5000) * 5000;
  } else if (p.emp === '正式') {
    p.target = r.pick([30000, 40000, 50000, 60000, 80000]);
    p.bundleTarget = Math.round((p.target * r.int(15, 25)) / 100 / 1000) * 1000;
  }
  p.bundleSales = p.noStats ? null : Math.round((p.salesFen * r.int(1500, 3000)) / 10000);
  p.qa = p.noStats ? null : (p.id === 'K023' ? 83.5 : r.int(820, 995) / 10);
  if (p.id === 'K024') p.qa = 80.5;
}

// ---------------------------------------------------------------------------------------------
// Stats files.

const STATS_HEADER = ['旺旺昵称', '询单人数', '询单最终付款人数', '询单最终付款转化率', '首次响应时长（秒)',
  '平均响应时长（秒)', '客户满意率', '旺旺回复率', '询单最终付款金额', '成功退款金额'];

function statsLine(label, { inq, paid, conv, fr, avg, sat, reply, sales, refund }, money, countFmt = fmtCount) {
  return [label, countFmt(inq), countFmt(paid), fmtPct(conv), fmtHundredths(fr), fmtHundredths(avg),
    fmtPct(sat), fmtPct(reply), fmtMoney(sales, money), fmtMoney(refund, money)];
}

function statsTable(shop, money) {
  const rows = statsRows[shop].slice().sort((x, y) => y.inq - x.inq || (x.account < y.account ? -1 : 1));
  const out = [STATS_HEADER];
  for (const x of rows) out.push(statsLine(x.account, { ...x, conv: convBp(x.paid, x.inq) }, money));

  const n = rows.length;
  const sum = (k) => rows.reduce((s, x) => s + (x[k] ?? 0), 0);
  const sInq = sum('inq');
  const sPaid = sum('paid');
  const wmean = (k) => Math.round(rows.reduce((s, x) => s + x[k] * x.inq, 0) / sInq);
  const mean = (k) => Math.round(sum(k) / n);
  const needConv = (paid, inq, what) => {
    const c = convBp(paid, inq);
    if (c === null) throw new Error(`${shop} ${what}: conversion on a .5 tie, change the data`);
    return c;
  };

  // 汇总值: sums for counts and money; rates from the sums; times weighted by inquiries.
  out.push(statsLine('汇总值', {
    inq: sInq, paid: sPaid, conv: needConv(sPaid, sInq, '汇总值'), fr: wmean('fr'), avg: wmean('avg'),
    sat: wmean('sat'), reply: wmean('reply'), sales: sum('sales'), refund: sum('refund'),
  }, money));

  // 平均值: per-account means (counts with two decimals, as the export shows them).
  const aInq = Math.round((sInq * 100) / n);
  const aPaid = Math.round((sPaid * 100) / n);
  out.push(statsLine('平均值', {
    inq: aInq, paid: aPaid, conv: needConv(aPaid, aInq, '平均值'), fr: mean('fr'), avg: mean('avg'),
    sat: mean('sat'), reply: mean('reply'), sales: mean('sales'), refund: mean('refund'),
  }, money, (h) => fmtHundredths(h, true)));

  // Peer benchmarks (同行同层): plausible, self-consistent.
  const r = rng('peer/' + shop);
  const peer = (label, inqR, convR, frR, avgR, satR, replyR, aovR) => {
    const inq = r.int(...inqR);
    let paid = Math.round((inq * r.int(...convR)) / 10000);
    while (convBp(paid, inq) === null) paid -= 1;
    const sales = paid * r.int(...aovR) * 100 + r.int(0, 99);
    out.push(statsLine(label, {
      inq, paid, conv: convBp(paid, inq), fr: r.int(...frR), avg: r.int(...avgR), sat: r.int(...satR),
      reply: r.int(...replyR), sales, refund: Math.round((sales * r.int(150, 350)) / 10000),
    }, money));
  };
  peer('同行同层优秀', [900, 1100], [3300, 3600], [800, 1000], [1800, 2400], [9900, 9980], [9950, 10000], [5000, 5400]);
  peer('同行同层均值', [550, 650], [2200, 2500], [1600, 2200], [3500, 4500], [9600, 9800], [9750, 9900], [4200, 4500]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Write.

mkdirSync(OUT, { recursive: true });
const utf8 = (s) => Buffer.from(s, 'utf8');
const files = {};

files['roster.csv'] = utf8(csv([
  ['工号', '姓名', '客服账号', '岗位', '团队', '编制', '职级', '底薪', '入职日期', '离职日期', '组长工号'],
  ...people.map((p) => [p.id, p.name, p.acc.map(([s, n]) => `${s}:${n}`).join('|'), p.group, p.team, p.emp,
    p.level, p.base ?? '', p.startDate, p.end ?? '', p.leader]),
], '\n'));

const tableA = statsTable(A, 'yen');
const tableB = statsTable(B, 'plain');
files['stats-shop-a.csv'] = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(csv(tableA, '\r\n'))]);
const gbk = makeGbkEncoder();
files['stats-shop-b-gbk.csv'] = Buffer.from(gbk(csv(tableB, '\n')));

files['facts.csv'] = utf8(csv([
  ['工号', '姓名', '销售目标', '套餐目标', '质检分', '黄牌', '红牌', '直播时长', '授课课时', '套餐销售额'],
  ...people.map((p) => [p.id, p.name, p.target ?? '', p.bundleTarget ?? '', p.qa === null ? '' : p.qa.toFixed(1),
    yellow[p.id] ?? 0, red[p.id] ?? 0, live[p.id] ?? '', lessons[p.id] ?? '',
    p.bundleSales === null ? '' : fmtHundredths(p.bundleSales)]),
], '\n'));

files['adjustments.csv'] = utf8(csv([
  ['工号', '项目', '金额', '原因'],
  ['K008', '双十一预热加班补助', '200', '10月24日-31日双十一预售期晚班加班（22:00-24:00）'],
  ['K021', '工牌遗失', '-50', '10月12日遗失工牌，按制度扣补办费'],
  ['K003', '全勤奖', '100', '10月全勤，无请假无迟到'],
  ['K014', '全勤奖', '100', '10月全勤，无请假无迟到'],
], '\n'));

const byId = Object.fromEntries(people.map((p) => [p.id, p]));
const yuan = (fen) => fmtHundredths(fen, true);
files['README.md'] = utf8(`# Sample month: October 2026 (AO史密斯, 30 people)

Generated by \`node scripts/make-fixtures.mjs\` (deterministic; edit the script, not these files).
Scheme file (\`scheme.yaml\`) is written by hand. Two shops: \`${A}\` (A) and \`${B}\` (B).

- **Team**: 20 售前 + 10 售后; 17 正式 (售前一组/售前二组/售后组), 11 外包 (\`外包安徽组\`, leader K020), 2 实习 (K011, K012, 底薪 2000; everyone else's 底薪 is empty → levels table). 组长: K001, K002, K013, K020.
- **Joiner**: K030 ${byId.K030.name} (外包 售前 初级), 入职 2026-10-15 → 17 of 31 days; small numbers, no refunds (成功退款金额 \`-\`), target ${byId.K030.target}.
- **Leaver**: K025 ${byId.K025.name} (外包 售前 初级), 离职 2026-10-20 → 20 of 31 days; has stats for the days worked but a full-month target (attainment ≈ 0.65).
- **No stats**: K007 ${byId.K007.name} (core 售前 中级, account \`${A}:敏敏\`) was on sick leave all October: no row in either stats file, empty 质检分 and 套餐销售额, but a 销售目标 of 700000 → every stats metric is missing and must be reported, not skipped.
- **Red card**: K023 ${byId.K023.name} (外包 售前 高级) has 红牌 1 (service red line, complaint on 10-09) yet the best conversion of the month (35.00%) and, under the SPEC §3 example scheme, the best KPI (≈110, attainment 1.10) → veto factor 0 and out of every prize ranking (without her, KPI prizes go to K020, K002, K009 and conversion top 3 to K008, K004, K003).
- **Yellow cards**: K010 1, K026 1, K024 2.
- **Trainers (授课课时)**: K003 ${byId.K003.name} 4, K004 ${byId.K004.name} 6. **Live stream (直播时长, h)**: K002 10.5, K003 12.5, K004 20, K005 8.5, K006 16, K008 24.5.
- **Two accounts** (one per shop, \`|\` in roster): K002, K005, K013, K021 (listed B first), K017 (售后; her B account \`${B}:欣欣\` has 0 询单 → 转化率 \`0.00%\`, money 0).
- **GBK**: \`stats-shop-b-gbk.csv\` is GBK (not UTF-8), LF, amounts \`123456.78\`, account \`${B}:喆喆\` (喆 is GBK-only, not GB2312). \`stats-shop-a.csv\` is UTF-8 with BOM, CRLF, amounts \`¥123,456.78\`.
- **Stats quirks**: header \`首次响应时长（秒)\` mixes full/half-width brackets; counts ≥ 1000 written \`1,234\` (quoted); \`成功退款金额\` is \`-\` when none; four summary rows at the end (\`汇总值\`, \`平均值\` with decimal counts, then benchmarks \`同行同层优秀\`, \`同行同层均值\`). Every row's 询单最终付款人数/询单人数 rounds to its printed 转化率, with no .5 ties. The exports have no 咨询/接待人数 columns.
- **facts.csv** adds \`套餐销售额\` (bundle sales, 15–30% of the person's 询单最终付款金额) because stats have no bundle column. 售后: 正式 have small targets, 外包 none.
- **adjustments.csv**: K008 +200 双十一预热加班补助, K021 −50 工牌遗失, K003 and K014 +100 全勤奖.
- **Teams** (written by hand, with \`scheme.yaml\`, \`kefu.yaml\` and \`team-facts.csv\`): 组长提成 for the 售前 leaders K001, K002 and K020 on their teams' other members' net sales; a 团队PK赛 by conversion, 售前一组 (26.63%) against 售前二组 (24.71%); a 售后 服务奖金池 of 2,000.00 by KPI score (60 or more); the bottom two 外包 of 售前 marked (末尾淘汰); \`team-facts.csv\` gives each team its shop's DSR (a team fact: every member's metric).
- **Dates**: 入职日期 alternate \`2024-03-01\` (even 工号) and \`2024/3/1\` (odd 工号).
- Totals: A stats 询单最终付款金额 ¥${yuan(statsRows[A].reduce((s, x) => s + x.sales, 0))}, B ¥${yuan(statsRows[B].reduce((s, x) => s + x.sales, 0))}.
`);

for (const [name, bytes] of Object.entries(files)) writeFileSync(join(OUT, name), bytes);

// ---------------------------------------------------------------------------------------------
// Self-checks on the bytes actually written.

function check(cond, msg) {
  if (!cond) throw new Error('fixture check failed: ' + msg);
}
const parseLine = (line) => {
  const cells = [];
  let cur = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') q = false; else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') { cells.push(cur); cur = ''; } else cur += c;
  }
  cells.push(cur);
  return cells;
};
/** "1,234.56" / "¥1,234.56" / "512.33" / "-" -> hundredths (integer), "-" -> null */
const toH = (s) => {
  if (s === '-') return null;
  const m = /^¥?([\d,]+)(?:\.(\d\d))?%?$/.exec(s);
  check(m, `unparsable number ${s}`);
  return Number(m[1].replace(/,/g, '')) * 100 + Number(m[2] ?? 0);
};

const rawA = readFileSync(join(OUT, 'stats-shop-a.csv'));
check(rawA[0] === 0xef && rawA[1] === 0xbb && rawA[2] === 0xbf, 'shop A BOM');
const textA = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(rawA);
check(!/[^\r]\n/.test(textA) && textA.endsWith('\r\n'), 'shop A CRLF');
const rawB = readFileSync(join(OUT, 'stats-shop-b-gbk.csv'));
const textB = new TextDecoder('gb18030').decode(rawB);
check(textB === csv(tableB, '\n'), 'GBK round trip');
check(!textB.includes('\r'), 'shop B LF');
let utf8Throws = false;
try { new TextDecoder('utf-8', { fatal: true }).decode(rawB); } catch { utf8Throws = true; }
check(utf8Throws, 'shop B must not be valid UTF-8');

const seen = new Map();
for (const [shop, text] of [[A, textA], [B, textB]]) {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n').map(parseLine);
  check(lines[0].join(',') === STATS_HEADER.join(','), `${shop} header`);
  const body = lines.slice(1);
  const labels = body.slice(-4).map((r) => r[0]);
  check(labels.join() === '汇总值,平均值,同行同层优秀,同行同层均值', `${shop} summary rows`);
  for (const r of body) {
    check(r.length === 10, `${shop} row width ${r[0]}`);
    const inq = toH(r[1]), paid = toH(r[2]), conv = toH(r[3]);
    check(r[3].endsWith('%') && convBp(paid, inq) === conv, `${shop} conversion ${r.join(',')}`);
    check(/^\d+\.\d\d$/.test(r[4]) && /^\d+\.\d\d$/.test(r[5]), `${shop} times ${r[0]}`);
  }
  const agents = body.slice(0, -4);
  for (const r of agents) {
    check(r[0].startsWith(shop + ':'), `${r[0]} in the wrong shop file`);
    check(!seen.has(r[0]), `duplicate ${r[0]}`);
    seen.set(r[0], r);
  }
  const total = body[body.length - 4];
  for (const col of [1, 2, 8, 9]) {
    const s = agents.reduce((acc, r) => acc + (toH(r[col]) ?? 0), 0);
    check(s === toH(total[col]), `${shop} 汇总值 column ${STATS_HEADER[col]}`);
  }
}
for (const p of people) {
  for (const [s, n] of p.acc) check(seen.has(`${s}:${n}`) === !p.noStats, `stats row of ${p.id} ${s}:${n}`);
  if (p.group === '售前' && !p.noStats) {
    const ratio = p.bundleSales / p.salesFen;
    check(ratio >= 0.15 && ratio <= 0.3, `${p.id} bundle ratio ${ratio}`);
    const att = (p.salesFen - p.refundFen) / 100 / p.target;
    check(att > 0.55 && att < 1.35, `${p.id} attainment ${att}`);
  }
}
check(seen.size + 1 === people.reduce((n, p) => n + p.acc.length, 0), 'every account but K007 has stats');
check(new Set(people.map((p) => p.name)).size === people.length, 'unique names');
check(people.filter((p) => p.group === '售前').length === 20, '20 售前');

console.log(`wrote ${Object.keys(files).length} files to ${OUT}`);
for (const [name, bytes] of Object.entries(files)) console.log(`  ${name.padEnd(22)} ${bytes.length} bytes`);
