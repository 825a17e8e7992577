#!/usr/bin/env node
// Benchmark (not a test, not in CI): generates a large realistic month — N agents over two shops,
// in teams of 10 to 20 with their leaders and some 外包 staff (the sample scheme's team pay at scale),
// a stats export with two accounts for a fifth of them, roster and facts — then times the whole
// `kefu payroll` process and reports wall time, rows per second and peak RSS (from /usr/bin/time -v
// when it is there, else from the child's resource usage).
//   npm run bench:stats           # 2,000 agents
//   node scripts/bench.mjs 20000  # another size
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const agents = Number(process.argv[2] ?? 2000);
const dir = join('bench-data', `stats-${agents}`);
mkdirSync(dir, { recursive: true });

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂英华';
const shops = ['旗舰店', '专卖店'];
const levels = ['初级', '中级', '高级', '储备组长', '组长'];

const roster = ['工号,姓名,客服账号,岗位,团队,编制,职级,入职日期,组长工号'];
const leaders = new Map(); // team → its first member, who leads it
const stats = ['旺旺昵称,询单人数,询单最终付款人数,询单最终付款转化率,首次响应时长（秒),平均响应时长（秒),客户满意率,旺旺回复率,询单最终付款金额,成功退款金额'];
const facts = ['工号,销售目标,套餐目标,套餐销售额,质检分,红牌,黄牌,直播时长,授课课时'];
let statsRows = 0;
for (let i = 1; i <= agents; i++) {
  const id = `K${String(i).padStart(5, '0')}`;
  const name = `${surnames[between(0, surnames.length - 1)]}${given[between(0, given.length - 1)]}${i}`;
  const accounts = [`${shops[i % 2]}:${name}`, ...(i % 5 === 0 ? [`${shops[(i + 1) % 2]}:${name}`] : [])];
  const group = i % 3 === 0 ? '售后' : '售前';
  // Teams of about 20 of one group; the sample scheme's PK is between 售前一组 and 售前二组.
  const block = Math.floor((i - 1) / 30);
  const team = group === '售前' && block < 2 ? ['售前一组', '售前二组'][block] : `${group}${block}组`;
  const leader = leaders.get(team);
  if (leader === undefined) leaders.set(team, id);
  const staffing = i % 10 === 7 ? '外包' : '正式';
  roster.push(`${id},${name},${accounts.join('|')},${group},${team},${staffing},${leader === undefined ? '组长' : levels[i % levels.length]},2024-0${between(1, 9)}-0${between(1, 9)},${leader ?? ''}`);
  let sales = 0;
  for (const account of accounts) {
    const inquiries = between(200, 1200);
    const paid = Math.floor(inquiries * (0.15 + random() * 0.2));
    const amount = paid * between(2500, 6000) + between(0, 99) / 100;
    sales += amount;
    const refund = random() < 0.3 ? '-' : (amount * 0.03).toFixed(2);
    stats.push(
      `${account},"${inquiries.toLocaleString('en-US')}",${paid},${((paid / inquiries) * 100).toFixed(2)}%,${(8 + random() * 25).toFixed(2)},` +
        `${(15 + random() * 30).toFixed(2)},${(90 + random() * 10).toFixed(2)}%,${(95 + random() * 5).toFixed(2)}%,"¥${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}",${refund}`,
    );
    statsRows++;
  }
  const target = Math.round((sales * (0.8 + random() * 0.5)) / 10000) * 10000;
  facts.push(`${id},${target},${Math.round(target * 0.2)},${(sales * 0.22).toFixed(2)},${(80 + random() * 20).toFixed(1)},${random() < 0.01 ? 1 : 0},${random() < 0.05 ? 1 : 0},${random() < 0.2 ? between(5, 30) : ''},${random() < 0.02 ? between(2, 8) : ''}`);
}
stats.push('汇总值,,,,,,,,,', '平均值,,,,,,,,,');
writeFileSync(join(dir, 'roster.csv'), roster.join('\n') + '\n');
writeFileSync(join(dir, 'stats.csv'), '\uFEFF' + stats.join('\r\n') + '\r\n');
writeFileSync(join(dir, 'facts.csv'), facts.join('\n') + '\n');

const args = [
  'bin/kefu.js', 'payroll', '--scheme', 'fixtures/2026-10/scheme.yaml', '--period', '2026-10',
  '--roster', join(dir, 'roster.csv'), '--stats', join(dir, 'stats.csv'), '--facts', join(dir, 'facts.csv'),
  '--format', 'csv', '-o', join(dir, 'payroll.csv'),
];
const rows = roster.length - 1 + statsRows + (facts.length - 1);
const timeBin = '/usr/bin/time';
const started = process.hrtime.bigint();
const run = existsSync(timeBin) ? spawnSync(timeBin, ['-v', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  process.exit(1);
}
const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '');
const lines = readFileSync(join(dir, 'payroll.csv'), 'utf8').split('\n').length - 2;
console.log(`agents ${agents}, input rows ${rows} (stats ${statsRows}), sheet rows ${lines}`);
console.log(`wall ${seconds.toFixed(2)} s, ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s, peak RSS ${rss ? `${(Number(rss[1]) / 1024).toFixed(0)} MB` : 'n/a (no /usr/bin/time)'}`);
console.log(`inputs in ${dir}; rerun: node ${args.join(' ')}`);
