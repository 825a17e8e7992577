#!/usr/bin/env node
// Benchmark (not a test, not in CI) for the raw month, on months of several shapes: 200 agents,
// 5,000,000 chat messages and 1,000,000 order lines by default (Chinese text with commas, quotes and
// the odd line break inside messages). For each shape it times the whole `kefu report` and DuckDB's
// SQL for the per-agent first-response aggregate on the same file (DuckDB is installed on demand into
// bench-data/, never a dependency of the project), as medians of whole-process runs under
// /usr/bin/time -v, and prints kefu's time, DuckDB's, the ratio and both peak RSS.
//   npm run bench                                   # every shape, 3 runs each
//   node scripts/bench-raw.mjs --shapes time,long --runs 1
//   node scripts/bench-raw.mjs --messages 10000000 --orders 2000000 --shapes conversation
//   node scripts/bench-raw.mjs --no-duckdb
//
// Shapes:
//   conversation  rows in conversation order (an export per conversation), ~420k buyers, 1-5 turns
//   time          the same month with rows in time order (an export by time)
//   many-buyers   conversation order, ~900k buyers, 40% of the orders from buyers who never chatted
//   long          conversation order, 100k buyers, 10-40 turns per conversation
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
const RUNS = Number(arg('runs', 3));
const SHAPES = {
  conversation: { order: 'conversation', buyers: Math.floor(MESSAGES / 12), turns: [1, 5], strangers: 0 },
  time: { order: 'time', buyers: Math.floor(MESSAGES / 12), turns: [1, 5], strangers: 0 },
  'many-buyers': { order: 'conversation', buyers: Math.floor(MESSAGES / 5.5), turns: [1, 3], strangers: 0.4 },
  long: { order: 'conversation', buyers: Math.min(100_000, Math.floor(MESSAGES / 50)), turns: [10, 40], strangers: 0 },
};
const chosen = arg('shapes', Object.keys(SHAPES).join(',')).split(',');

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
const buyerName = (n) => `tb_${((n * 2654435761) % 1e9).toString(36)}_${n}`;
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

/** The month of one shape: the chat log as events in typed arrays, written in conversation or time order. */
async function generate(dir, shape) {
  const random = mulberry32(20261023);
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  writeFileSync(join(dir, 'roster.csv'), ['工号,姓名,客服账号,岗位,职级', ...agents.map((a, i) => `${a.id},${a.name},${account(a)},${i % 4 === 3 ? '售后' : '售前'},中级`)].join('\n') + '\n');
  const time = new Uint32Array(MESSAGES);
  const agent = new Uint16Array(MESSAGES);
  const buyer = new Int32Array(MESSAGES);
  const kind = new Uint8Array(MESSAGES); // 0 buyer, 1 agent, 2 robot
  const text = new Uint8Array(MESSAGES);
  const conversations = [];
  let n = 0;
  while (n < MESSAGES) {
    const a = int(0, AGENTS - 1);
    const b = int(0, shape.buyers - 1);
    let t = int(0, 30 * 86400 + 80000);
    if (conversations.length < ORDER_LINES && random() < 0.3) conversations.push([a, b, t]);
    const push = (k, at, x) => {
      time[n] = at;
      agent[n] = a;
      buyer[n] = b;
      kind[n] = k;
      text[n] = x;
      n++;
    };
    if (random() < 0.4) push(2, t + 2, 0);
    for (let turn = int(shape.turns[0], shape.turns[1]); turn > 0 && n + 1 < MESSAGES; turn--) {
      push(0, t, int(0, QUESTIONS.length - 1));
      t += random() < 0.05 ? int(200, 3000) : int(3, 60);
      push(1, t, int(0, ANSWERS.length - 1));
      t += int(20, 600);
    }
    if (n + 1 >= MESSAGES) break;
  }
  let rows = Int32Array.from({ length: n }, (_, i) => i);
  if (shape.order === 'time') rows = rows.sort((x, y) => time[x] - time[y] || x - y);
  await writeLines(join(dir, 'messages.csv'), '时间,店铺,客服账号,买家,发送方,内容', async (write) => {
    for (const i of rows) {
      const a = agents[agent[i]];
      const sender = kind[i] === 0 ? '买家' : kind[i] === 1 ? '客服' : '机器人';
      const content = kind[i] === 0 ? QUESTIONS[text[i]] : kind[i] === 1 ? ANSWERS[text[i]] : ROBOT;
      const w = write(`${stamp(time[i])},${a.shop},${account(a)},${buyerName(buyer[i])},${sender},${quote(content)}`);
      if (w) await w;
    }
  });
  await writeLines(join(dir, 'orders.csv'), '订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额,商家编码,数量,退款金额', async (write) => {
    let lines = 0;
    let order = 0;
    let stranger = shape.buyers;
    while (lines < ORDER_LINES) {
      order++;
      const silent = random() < 0.25 || conversations.length === 0;
      let [a, b, t0] = silent ? [int(0, AGENTS - 1), int(0, shape.buyers - 1), int(0, 30 * 86400)] : conversations[int(0, conversations.length - 1)];
      if (random() < shape.strangers) [b, t0] = [stranger++, int(0, 30 * 86400)]; // a buyer who never chatted
      const created = Math.min(t0 + int(60, 86400), 31 * 86400 - 1);
      const paid = random() < 0.9 ? stamp(created + int(10, 600)) : '';
      for (let k = int(1, 3); k > 0 && lines < ORDER_LINES; k--, lines++) {
        const sku = SKUS[int(0, SKUS.length - 1)];
        const amount = sku.startsWith('PJ') ? int(99, 599) : int(1999, 8999);
        const refund = random() < 0.05 ? amount : random() < 0.05 ? Math.floor(amount / 10) : 0;
        const w = write(`${3874629183746 + order}${lines % 10},${agents[a].shop},${buyerName(b)},${stamp(created)},${paid},${amount}.00,${sku},${random() < 0.9 ? 1 : 2},${refund}.00`);
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

/** One whole-process run under /usr/bin/time -v: wall seconds and peak RSS in MB. */
function timed(command, args) {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '');
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${(run.stderr ?? '').split('\n').slice(0, 20).join('\n')}`);
  return { seconds, rss: rss ? Number(rss[1]) / 1024 : Number.NaN };
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const runs = (command, args) => {
  const all = Array.from({ length: RUNS }, () => timed(command, args));
  return { seconds: median(all.map((r) => r.seconds)), rss: median(all.map((r) => r.rss)) };
};

const duckdb = !process.argv.includes('--no-duckdb');
const duckDir = resolve('bench-data', 'duckdb');
if (duckdb && !existsSync(join(duckDir, 'node_modules', '@duckdb', 'node-api'))) {
  mkdirSync(duckDir, { recursive: true });
  spawnSync('npm', ['install', '--prefix', duckDir, '--no-save', '@duckdb/node-api@1.5.6-r.1'], { stdio: 'inherit' });
}

const table = [];
for (const name of chosen) {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`no shape ${name}: ${Object.keys(SHAPES).join(', ')}`);
  const dir = resolve('bench-data', `raw-${name}-${AGENTS}-${MESSAGES}-${ORDER_LINES}`);
  mkdirSync(dir, { recursive: true });
  const messages = join(dir, 'messages.csv');
  if (!existsSync(messages) || statSync(messages).size === 0 || !existsSync(join(dir, 'scheme.yaml'))) {
    const started = Date.now();
    await generate(dir, shape);
    console.log(`generated ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const mb = (path) => (statSync(path).size / 1048576).toFixed(0);
  const kefuArgs = [
    resolve('bin/kefu.js'), 'report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'),
    '--messages', messages, '--orders', join(dir, 'orders.csv'), '--format', 'json', '-o', join(dir, 'report.json'),
  ];
  console.log(`${name}: messages.csv ${mb(messages)} MB, orders.csv ${mb(join(dir, 'orders.csv'))} MB`);
  console.log(`  kefu:   node ${kefuArgs.join(' ')}`);
  const kefu = runs(process.execPath, kefuArgs);
  let duck;
  if (duckdb) {
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
      `const { DuckDBInstance } = require(${JSON.stringify(join(duckDir, 'node_modules', '@duckdb', 'node-api'))});
(async () => { const db = await DuckDBInstance.create(':memory:'); const c = await db.connect();
const r = await c.runAndReadAll(${JSON.stringify(sql)}); console.log(r.getRows().length + ' agents'); })();`,
    );
    console.log(`  DuckDB: node ${script}`);
    duck = runs(process.execPath, [script]);
  }
  const row = { shape: name, kefu: kefu.seconds, kefuRss: kefu.rss, duck: duck?.seconds, duckRss: duck?.rss };
  table.push(row);
  console.log(`  kefu ${kefu.seconds.toFixed(2)} s (${Math.round((MESSAGES + ORDER_LINES) / kefu.seconds).toLocaleString('en-US')} rows/s), peak RSS ${kefu.rss.toFixed(0)} MB${duck ? `; DuckDB ${duck.seconds.toFixed(2)} s, ${duck.rss.toFixed(0)} MB; ratio ${(kefu.seconds / duck.seconds).toFixed(2)}` : ''}`);
}

console.log(`\n${MESSAGES.toLocaleString('en-US')} messages, ${ORDER_LINES.toLocaleString('en-US')} order lines, medians of ${RUNS} run(s)`);
console.log('| shape | kefu report | DuckDB first response | kefu / DuckDB | kefu peak RSS | DuckDB peak RSS |');
console.log('|---|---|---|---|---|---|');
for (const r of table) {
  console.log(`| ${r.shape} | ${r.kefu.toFixed(2)} s | ${r.duck?.toFixed(2) ?? '-'} s | ${r.duck ? (r.kefu / r.duck).toFixed(2) : '-'} | ${r.kefuRss.toFixed(0)} MB | ${r.duckRss?.toFixed(0) ?? '-'} MB |`);
}
