#!/usr/bin/env node
// Benchmark (not a test, not in CI) for the raw month: generates 200 agents, 5,000,000 chat messages
// and 1,000,000 order lines (Chinese text with commas, quotes and the odd newline inside messages),
// then times the whole `kefu run` and reports wall time, rows per second and peak RSS (through
// /usr/bin/time -v). With --duckdb it also times DuckDB's SQL for the per-agent first-response
// aggregate on the same file, side by side (DuckDB is installed on demand into bench-data/, never a
// dependency of the project).
//   npm run bench                      # generate once (cached in bench-data/), then time kefu run
//   node scripts/bench-raw.mjs --messages 10000000 --orders 2000000   # twice the size
//   node scripts/bench-raw.mjs --duckdb
import { createWriteStream, existsSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { mulberry32 } from './random.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const MESSAGES = Number(arg('messages', 5_000_000));
const ORDER_LINES = Number(arg('orders', 1_000_000));
const AGENTS = Number(arg('agents', 200));
const dir = resolve('bench-data', `raw-${AGENTS}-${MESSAGES}-${ORDER_LINES}`);
mkdirSync(dir, { recursive: true });

const random = mulberry32(20261023);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[Math.floor(random() * list.length)];

const SHOPS = ['AO史密斯官方旗舰店', 'AO史密斯热水器专卖店'];
const QUESTIONS = [
  '你好，在吗', 'E80这款有货吗？', '"E80"和"E60"有什么区别', '安装收费吗，包括哪些配件', '能便宜点吗,我看别家便宜200',
  '什么时候发货？', '保价吗', '赠品有哪些', '我家是燃气的,能换电的吗', '60升够三口人用吗', '发票怎么开', '好的,谢谢',
  '已经下单了，麻烦尽快发货', '这个型号\n和上次问的一样吗', '安装师傅什么时候上门',
];
const ANSWERS = [
  '亲，在的，请问有什么可以帮您？', '有货的亲，今天下单明天发', '"E80"是旗舰款，加热更快,更省电哦', '标准安装免费的亲，辅材按需收费',
  '现在下单还有赠品哦', '亲，支持保价30天', '亲，三口之家建议60升', '发票可以在订单页申请的', '好的亲，已为您备注加急',
];
const ROBOT = '亲，您好，欢迎光临AO史密斯，人工客服马上为您服务~';
const SKUS = ['E80-60L', 'E80-80L', 'E60-50L', 'JSQ-16', 'JSQ-13', 'TC-E80-安装套餐', 'TC-E60-延保套餐', 'PJ-软水机', 'PJ-花洒'];

const agents = Array.from({ length: AGENTS }, (_, i) => ({ id: `K${String(i + 1).padStart(4, '0')}`, name: `客服${i + 1}`, shop: SHOPS[i % 2] }));
const account = (a) => `${a.shop}:${a.name}`;
const BUYERS = Math.max(1000, Math.floor(MESSAGES / 12));
const buyer = (n) => `tb_${(n * 2654435761 % 1e9).toString(36)}_${n}`;
const two = (n) => String(n).padStart(2, '0');
const OCT = Date.UTC(2026, 9, 1) / 1000;
const stamp = (seconds) => {
  const d = new Date((OCT + seconds) * 1000);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
};
const quote = (text) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

async function writeLines(path, header, produce) {
  const out = createWriteStream(path);
  let buffer = header + '\n';
  const write = (line) => {
    buffer += line + '\n';
    if (buffer.length > 1 << 20) {
      const ok = out.write(buffer);
      buffer = '';
      return ok ? undefined : new Promise((r) => out.once('drain', r));
    }
    return undefined;
  };
  await produce(write);
  out.write(buffer);
  await new Promise((r) => out.end(r));
}

async function generate() {
  writeFileSync(join(dir, 'roster.csv'), ['工号,姓名,客服账号,岗位,职级', ...agents.map((a, i) => `${a.id},${a.name},${account(a)},${i % 4 === 3 ? '售后' : '售前'},中级`)].join('\n') + '\n');
  const conversations = [];
  await writeLines(join(dir, 'messages.csv'), '时间,店铺,客服账号,买家,发送方,内容', async (write) => {
    let written = 0;
    while (written < MESSAGES) {
      const a = agents[int(0, AGENTS - 1)];
      const b = int(0, BUYERS - 1);
      let t = int(0, 30 * 86400 + 80000);
      if (conversations.length < ORDER_LINES && random() < 0.3) conversations.push([a, b, t]);
      if (random() < 0.4) {
        const w = write(`${stamp(t + 2)},${a.shop},${account(a)},${buyer(b)},机器人,${quote(ROBOT)}`);
        if (w) await w;
        written++;
      }
      for (let turn = int(1, 5); turn > 0 && written < MESSAGES; turn--) {
        const w1 = write(`${stamp(t)},${a.shop},${account(a)},${buyer(b)},买家,${quote(pick(QUESTIONS))}`);
        if (w1) await w1;
        t += random() < 0.05 ? int(200, 3000) : int(3, 60);
        const w2 = write(`${stamp(t)},${a.shop},${account(a)},${buyer(b)},客服,${quote(pick(ANSWERS))}`);
        if (w2) await w2;
        written += 2;
        t += int(20, 600);
      }
    }
  });
  await writeLines(join(dir, 'orders.csv'), '订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额,商家编码,数量,退款金额', async (write) => {
    let lines = 0;
    let order = 0;
    while (lines < ORDER_LINES) {
      order++;
      const silent = random() < 0.25 || conversations.length === 0;
      const [a, b, t0] = silent ? [agents[int(0, AGENTS - 1)], int(0, BUYERS - 1), int(0, 30 * 86400)] : conversations[int(0, conversations.length - 1)];
      const created = Math.min(t0 + int(60, 86400), 31 * 86400 - 1);
      const paid = random() < 0.9 ? stamp(created + int(10, 600)) : '';
      for (let k = int(1, 3); k > 0 && lines < ORDER_LINES; k--, lines++) {
        const sku = pick(SKUS);
        const amount = sku.startsWith('PJ') ? int(99, 599) : int(1999, 8999);
        const refund = random() < 0.05 ? amount : random() < 0.05 ? Math.floor(amount / 10) : 0;
        const w = write(`${3874629183746 + order}${lines % 10},${a.shop},${buyer(b)},${stamp(created)},${paid},${amount}.00,${sku},${random() < 0.9 ? 1 : 2},${refund}.00`);
        if (w) await w;
      }
    }
  });
  writeFileSync(
    join(dir, 'scheme.yaml'),
    `name: bench
bundles: ["TC-*"]
groups:
  售前:
    kpi:
      - { metric: conversion, weight: 60, score: { linear: { zero_at: 0.1, full_at: 0.4 } } }
      - { metric: first_response_s, weight: 40, score: { bands: [ { at_most: 15, points: 100 }, { at_most: 30, points: 60 }, { points: 0 } ] } }
    pay:
      base: 4000
      commission:
        - { name: 销售提成, metric: cs_sales_net, tiers: [ { upto: 500000, rate: "0.2%" }, { rate: "0.3%" } ] }
        - { name: 单台提成, per_unit: { "E80*": 15, "*": 5 } }
      bonuses: [ { name: 排名奖, rank_by: kpi_score, prizes: [800, 500, 300] } ]
  售后:
    kpi: [ { metric: avg_response_s, weight: 100, score: { linear: { zero_at: 120, full_at: 10 } } } ]
    pay: { base: 3800 }
`,
  );
}

const messages = join(dir, 'messages.csv');
if (!existsSync(messages) || statSync(messages).size === 0) {
  const started = Date.now();
  await generate();
  console.log(`generated ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const mb = (path) => (statSync(path).size / 1048576).toFixed(0);
console.log(`messages.csv ${mb(messages)} MB, orders.csv ${mb(join(dir, 'orders.csv'))} MB`);

const kefu = [
  resolve('bin/kefu.js'), 'run', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'),
  '--messages', messages, '--orders', join(dir, 'orders.csv'), '--out', join(dir, 'out'),
];
const timed = (command, args) => {
  const started = process.hrtime.bigint();
  const run = existsSync('/usr/bin/time') ? spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }) : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '');
  return { seconds, rss: rss ? Number(rss[1]) / 1024 : undefined, status: run.status, stderr: run.stderr };
};
const result = timed(process.execPath, kefu);
if (result.status !== 0) {
  console.error(result.stderr.split('\n').slice(0, 20).join('\n'));
  process.exit(1);
}
const rows = MESSAGES + ORDER_LINES;
console.log(`kefu run: wall ${result.seconds.toFixed(2)} s, ${Math.round(rows / result.seconds).toLocaleString('en-US')} rows/s, peak RSS ${result.rss?.toFixed(0) ?? 'n/a'} MB`);
console.log(`rerun: node ${kefu.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}`);

if (process.argv.includes('--duckdb')) {
  const duck = join('bench-data', 'duckdb');
  if (!existsSync(join(duck, 'node_modules', '@duckdb', 'node-api'))) {
    mkdirSync(duck, { recursive: true });
    spawnSync('npm', ['install', '--prefix', duck, '--no-save', '@duckdb/node-api@1.5.6-r.1'], { stdio: 'inherit' });
  }
  const sql = `
    WITH m AS (SELECT 时间::TIMESTAMP AS t, 店铺 AS shop, 客服账号 AS acc, 买家 AS buyer, 发送方 AS s
               FROM read_csv('${messages}', header = true, all_varchar = true) WHERE 发送方 <> '机器人'),
         first_msg AS (SELECT shop, acc, buyer, date_trunc('day', t) AS d, min(t) AS fb FROM m WHERE s = '买家' GROUP BY ALL),
         replies AS (SELECT shop, acc, buyer, t FROM m WHERE s = '客服')
    SELECT f.acc, count(*) AS received, avg(epoch(r.t) - epoch(f.fb)) AS first_response_s
    FROM first_msg f ASOF JOIN replies r ON f.shop = r.shop AND f.acc = r.acc AND f.buyer = r.buyer AND r.t >= f.fb
    GROUP BY f.acc ORDER BY f.acc`;
  const script = join(dir, 'duckdb.cjs');
  writeFileSync(
    script,
    `const { DuckDBInstance } = require(${JSON.stringify(resolve(duck, 'node_modules', '@duckdb', 'node-api'))});
(async () => { const db = await DuckDBInstance.create(':memory:'); const c = await db.connect();
const r = await c.runAndReadAll(${JSON.stringify(sql)}); console.log(r.getRows().length + ' agents'); })();`,
  );
  const duckRun = timed(process.execPath, [script]);
  console.log(`DuckDB first-response aggregate: wall ${duckRun.seconds.toFixed(2)} s, peak RSS ${duckRun.rss?.toFixed(0) ?? 'n/a'} MB`);
  console.log(`ratio kefu/DuckDB: ${(result.seconds / duckRun.seconds).toFixed(2)}`);
  console.log(`rerun: node ${script}`);
}
