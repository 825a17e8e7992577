#!/usr/bin/env node
// Writes the error-catalogue cases whose inputs are a month folder kefu wrote (test/errors/VERIFY_*,
// PRIOR_*, OUTPUT_*, MANIFEST_*): each case's small month is run with the built kefu (npm run build
// first) into a folder, which is then changed the way the case needs (an input edited or moved, a
// manifest or a sheet altered). Run it again when the outputs' format changes (their sha256 is in the
// manifests), then `UPDATE_ERRORS=1 npx vitest run test/errors` and read `git diff test/errors`.
//   node scripts/make-error-folders.mjs
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const errors = join(root, 'test', 'errors');
const kefu = (dir, args) => execFileSync(process.execPath, [join(root, 'bin', 'kefu.js'), ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });

const SCHEME = `name: 小店方案
groups:
  售前:
    kpi:
      - { metric: conversion, weight: 100, score: { linear: { zero_at: 0.1, full_at: 0.4 } } }
    pay:
      base: 3000
      commission:
        - { name: 销售提成, metric: cs_sales, tiers: [ { rate: "1%" } ] }
`;
const ROSTER = '工号,姓名,客服账号,岗位\nK001,王晓燕,店:晓燕,售前\nK002,李娜,店:娜娜,售前\n';
const STATS = '客服账号,询单人数,询单最终付款人数,询单最终付款金额\n店:晓燕,100,30,100000.00\n店:娜娜,80,20,50000.00\n';
const MONTH = ['--scheme', 'scheme.yaml', '--roster', 'roster.csv', '--stats', 'stats.csv', '--lang', 'en'];
const NOVEMBER = ['--period', '2026-11'];

/** A case folder afresh: the small month's files, `prepare` run in it, then its args. */
function caseFolder(name, args, prepare = () => {}) {
  const dir = join(errors, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scheme.yaml'), SCHEME);
  writeFileSync(join(dir, 'roster.csv'), ROSTER);
  writeFileSync(join(dir, 'stats.csv'), STATS);
  prepare(dir);
  writeFileSync(join(dir, 'args'), `${args.join('\n')}\n`);
}

/**
 * The month run into `out` (final unless said); its files made writable again, as git keeps them. Only
 * the files a case reads are kept (`keep`): `verify` reads every output once the inputs are as recorded
 * (before, the manifest alone), `--prior` the manifest, the sheet and the credits, `run --out` over a
 * folder its manifest.
 */
function paid(dir, { period = '2026-10', final = true, out = 'paid', inputs = ['--scheme', 'scheme.yaml', '--roster', 'roster.csv', '--stats', 'stats.csv'], keep } = {}) {
  kefu(dir, ['run', ...inputs, '--period', period, '--out', out, '--quiet', ...(final ? ['--final'] : [])]);
  for (const file of readdirSync(join(dir, out))) {
    if (keep && !keep.includes(file)) unlinkSync(join(dir, out, file));
    else chmodSync(join(dir, out, file), 0o644);
  }
}
const PRIOR = ['manifest.json', 'payroll.json', 'credits.json'];
const FOLDER = ['manifest.json'];

function editJson(path, change) {
  const data = JSON.parse(readFileSync(path, 'utf8'));
  change(data);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}

caseFolder('OUTPUT_EXISTS', ['run', ...MONTH, '--period', '2026-10', '--out', 'out'], (dir) => paid(dir, { period: '2026-09', final: false, out: 'existing', keep: FOLDER }));
caseFolder('OUTPUT_FINAL', ['run', ...MONTH, '--period', '2026-10', '--out', 'out', '--force'], (dir) => paid(dir, { out: 'existing', keep: FOLDER }));
caseFolder('MANIFEST_MISSING', ['verify', 'empty', '--lang', 'en'], (dir) => {
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'empty', '备注.txt'), 'not a month\n');
});
caseFolder('MANIFEST_MISSING-prior', ['run', ...MONTH, ...NOVEMBER, '--out', 'out', '--prior', 'empty'], (dir) => {
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'empty', '备注.txt'), 'not a month\n');
});
caseFolder('VERIFY_INPUT_MISSING', ['verify', 'paid', '--lang', 'en'], (dir) => {
  copyFileSync(join(dir, 'stats.csv'), join(dir, 'stats-oct.csv'));
  paid(dir, { final: false, keep: FOLDER, inputs: ['--scheme', 'scheme.yaml', '--roster', 'roster.csv', '--stats', 'stats-oct.csv'] });
  unlinkSync(join(dir, 'stats-oct.csv'));
  appendFileSync(join(dir, 'roster.csv'), 'K003,张伟,店:阿伟,售前\n');
});
caseFolder('VERIFY_INPUT_CHANGED', ['verify', 'paid', '--lang', 'en'], (dir) => {
  paid(dir, { keep: FOLDER });
  appendFileSync(join(dir, 'stats.csv'), '店:阿伟,10,1,100.00\n');
});
caseFolder('VERIFY_INPUT_STDIN', ['verify', 'paid', '--lang', 'en'], (dir) => {
  paid(dir, { keep: FOLDER });
  editJson(join(dir, 'paid', 'manifest.json'), (m) => {
    for (const input of m.inputs) if (input.role === 'roster') Object.assign(input, { path: '-', sha256: null, bytes: null });
  });
});
caseFolder('VERIFY_OUTPUT_DIFFERS', ['verify', 'paid', '--lang', 'en'], (dir) => {
  paid(dir);
  const sheet = join(dir, 'paid', 'payroll.csv');
  writeFileSync(sheet, readFileSync(sheet, 'utf8').replace('4000.00', '4400.00'));
});
caseFolder('VERIFY_OTHER_VERSION', ['verify', 'paid', '--lang', 'en'], (dir) => {
  paid(dir);
  editJson(join(dir, 'paid', 'manifest.json'), (m) => (m.kefu = '0.0.9'));
});
caseFolder('PRIOR_NOT_EARLIER', ['run', ...MONTH, '--period', '2026-10', '--out', 'out', '--prior', 'paid'], (dir) => paid(dir, { keep: PRIOR }));
caseFolder('PRIOR_NOT_PREVIOUS', ['run', ...MONTH, '--period', '2026-12', '--out', 'out', '--prior', 'paid'], (dir) => paid(dir, { keep: PRIOR }));
caseFolder('PRIOR_NOT_EMPLOYED', ['run', '--scheme', 'scheme.yaml', '--roster', 'roster-nov.csv', '--stats', 'stats.csv', '--lang', 'en', ...NOVEMBER, '--out', 'out', '--prior', 'paid'], (dir) => {
  // K002 leaves at the end of October; October's stats are downloaded again with more sales for her.
  writeFileSync(join(dir, 'roster-nov.csv'), '工号,姓名,客服账号,岗位,离职日期\nK001,王晓燕,店:晓燕,售前,\nK002,李娜,店:娜娜,售前,2026-10-31\n');
  copyFileSync(join(dir, 'stats.csv'), join(dir, 'stats-oct.csv'));
  paid(dir, { keep: PRIOR, inputs: ['--scheme', 'scheme.yaml', '--roster', 'roster-nov.csv', '--stats', 'stats-oct.csv'] });
  writeFileSync(join(dir, 'stats-oct.csv'), STATS.replace('50000.00', '60000.00'));
});
caseFolder('PRIOR_NOT_FINAL', ['run', ...MONTH, ...NOVEMBER, '--out', 'out', '--prior', 'paid'], (dir) => paid(dir, { keep: PRIOR, final: false }));
caseFolder('PRIOR_SCHEME_CHANGED', ['run', ...MONTH, ...NOVEMBER, '--out', 'out', '--prior', 'paid'], (dir) => {
  paid(dir, { keep: PRIOR });
  appendFileSync(join(dir, 'scheme.yaml'), '# 11月改了提成\n');
});
caseFolder('PRIOR_SHEET_CHANGED', ['run', ...MONTH, ...NOVEMBER, '--out', 'out', '--prior', 'paid'], (dir) => {
  paid(dir, { keep: PRIOR });
  const sheet = join(dir, 'paid', 'payroll.json');
  writeFileSync(sheet, readFileSync(sheet, 'utf8').replace('"4000.00"', '"4400.00"'));
});
caseFolder('PRIOR_RECOMPUTE_FAILED', ['run', ...MONTH, ...NOVEMBER, '--out', 'out', '--prior', 'paid'], (dir) => {
  copyFileSync(join(dir, 'stats.csv'), join(dir, 'stats-oct.csv'));
  paid(dir, { keep: PRIOR, inputs: ['--scheme', 'scheme.yaml', '--roster', 'roster.csv', '--stats', 'stats-oct.csv'] });
  writeFileSync(join(dir, 'stats-oct.csv'), STATS.replace('100000.00', '十万'));
});
caseFolder('PRIOR_AGENTS_DIFFER', ['run', ...MONTH, ...NOVEMBER, '--out', 'out', '--prior', 'paid'], (dir) => {
  copyFileSync(join(dir, 'roster.csv'), join(dir, 'roster-oct.csv'));
  paid(dir, { keep: PRIOR, inputs: ['--scheme', 'scheme.yaml', '--roster', 'roster-oct.csv', '--stats', 'stats.csv'] });
  writeFileSync(join(dir, 'roster-oct.csv'), '工号,姓名,客服账号,岗位\nK001,王晓燕,店:晓燕,售前\n');
});
// A raw month (chat log and orders): its final folder without credits.json, and a refund after it was paid.
const ORDERS = '订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额,商家编码,数量,退款金额\n';
caseFolder(
  'PRIOR_NO_CREDITS',
  ['run', '--scheme', 'scheme.yaml', '--roster', 'roster.csv', '--messages', 'messages.csv', '--orders', 'orders.csv', '--lang', 'en', ...NOVEMBER, '--out', 'out', '--prior', 'paid'],
  (dir) => {
    writeFileSync(join(dir, 'scheme.yaml'), 'name: t\ngroups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 1 } } } ]\n    pay:\n      base: 3000\n      commission: [ { name: 销售提成, metric: cs_sales_net, tiers: [ { rate: "1%" } ] } ]\n');
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nK001,王,店:王,售前\n');
    unlinkSync(join(dir, 'stats.csv'));
    writeFileSync(join(dir, 'messages.csv'), '时间,店铺,客服账号,买家,发送方,内容\n2026-10-05 10:00:00,店,店:王,b1,买家,在吗\n2026-10-05 10:00:20,店,店:王,b1,客服,在的\n');
    writeFileSync(join(dir, 'orders.csv'), `${ORDERS}O1,店,b1,2026-10-05 10:05:00,2026-10-05 10:06:00,500.00,E80,1,0\n`);
    paid(dir, { keep: PRIOR, inputs: ['--scheme', 'scheme.yaml', '--roster', 'roster.csv', '--messages', 'messages.csv', '--orders', 'orders.csv'] });
    unlinkSync(join(dir, 'paid', 'credits.json'));
    writeFileSync(join(dir, 'orders.csv'), `${ORDERS}O1,店,b1,2026-10-05 10:05:00,2026-10-05 10:06:00,500.00,E80,1,200.00\n`);
  },
);
console.log('written; now: UPDATE_ERRORS=1 npx vitest run test/errors, and read git diff test/errors');
