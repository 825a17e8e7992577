// The raw readers on real files: a GBK chat log with a UTF-8 order report (one buyer is one buyer
// whatever the encoding), and a chat log bigger than one read chunk (records cut at chunk edges).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

/** GBK bytes of a text, by inverting the GB18030 decoder over the two-byte range. */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (!table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : (table.get(c) as number[]))));
}

const SCHEME = 'name: t\ngroups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 1 } } } ]\n    pay: { base: 0 }\n';

describe('raw files', () => {
  it('a GBK chat log and a UTF-8 order report agree on who the buyer is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-raw-gbk-'));
    writeFileSync(join(dir, 'scheme.yaml'), SCHEME);
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nA1,甲,旗舰店:小美,售前\n');
    writeFileSync(join(dir, 'messages.csv'), gbk('时间,店铺,客服账号,买家,发送方,内容\n2026-10-01 10:00:00,旗舰店,旗舰店:小美,热水器选购中,买家,在吗\n2026-10-01 10:00:20,旗舰店,旗舰店:小美,热水器选购中,客服,在的\n'));
    writeFileSync(join(dir, 'orders.csv'), '订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额\n1,旗舰店,热水器选购中,2026-10-01 11:00:00,2026-10-01 11:00:00,3999.00\n');
    const result = await runCli(['report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--messages', join(dir, 'messages.csv'), '--orders', join(dir, 'orders.csv'), '--format', 'json', '--verbose']);
    expect(result.stderr).toContain('messages.csv: gb18030');
    expect(result.code).toBe(0);
    const agent = JSON.parse(result.stdout).agents[0];
    // One inquiry (10:00), answered in 20 s, converted by the order at 11:00 the same day.
    expect(agent.metrics).toMatchObject({ inquiries: 1, inquiries_paid: 1, conversion: 1, first_response_s: 20, cs_sales: '3999.00' });
  });

  it('a chat log of several read chunks gives the same month as the same rows in many small files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-raw-big-'));
    writeFileSync(join(dir, 'scheme.yaml'), SCHEME);
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nA1,甲,店:甲,售前\nA2,乙,店:乙,售前\n');
    const header = '时间,店铺,客服账号,买家,发送方,内容';
    const rows: string[] = [];
    // 3 MB of messages: quoted contents with commas, quotes and newlines cross the 1 MB chunk edges.
    for (let i = 0; i < 12000; i++) {
      const agent = i % 3 === 0 ? '乙' : '甲';
      const minute = String(i % 60).padStart(2, '0');
      const hour = String(8 + (i % 12)).padStart(2, '0');
      const day = String(1 + (i % 28)).padStart(2, '0');
      rows.push(`2026-10-${day} ${hour}:${minute}:00,店,店:${agent},b${i % 700},买家,"请问""E80""有货吗，今天能发吗？${'啊'.repeat(40)}\n第二行"`);
      rows.push(`2026-10-${day} ${hour}:${minute}:15,店,店:${agent},b${i % 700},客服,"有的,亲"`);
    }
    writeFileSync(join(dir, 'all.csv'), `${header}\n${rows.join('\n')}\n`);
    const parts = [0, 1, 2, 3].map((k) => {
      const path = join(dir, `part${k}.csv`);
      writeFileSync(path, `${header}\n${rows.filter((_, i) => i % 4 === k).join('\n')}\n`);
      return path;
    });
    const args = ['report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--format', 'json'];
    const whole = await runCli([...args, '--messages', join(dir, 'all.csv')]);
    const split = await runCli([...args, '--messages', ...parts]);
    expect(whole.code).toBe(0);
    expect(JSON.parse(whole.stdout).agents).toEqual(JSON.parse(split.stdout).agents);
    // 8,000 of the 12,000 questions go to 甲; each is answered 15 s later.
    const a1 = JSON.parse(whole.stdout).agents.find((a: { agent_id: string }) => a.agent_id === 'A1');
    expect(a1.metrics.buyer_messages).toBe(8000);
    expect(a1.metrics.avg_response_s).toBe(15);
  });

  it('a chat log that is ASCII for its first megabytes and GBK after is read as GBK from there, not misread as UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-raw-late-gbk-'));
    writeFileSync(join(dir, 'scheme.yaml'), SCHEME);
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nA1,甲,shop:amy,售前\nA2,乙,小美店:小美,售前\n');
    // 2.5 MB of ASCII rows (agent A1), then rows in GBK (agent A2, Chinese names).
    const ascii: string[] = [];
    for (let i = 0; i < 30000; i++) ascii.push(`2026-10-${String(1 + (i % 28)).padStart(2, '0')} 10:00:${String(i % 50).padStart(2, '0')},shop,shop:amy,buyer${i % 900},buyer,"is the E80 in stock? ${'x'.repeat(20)}"`);
    // 小 is D0 A1 in GBK, which is also a valid UTF-8 character: the first GBK line starts with a look-alike.
    const chinese = ['2026-10-05 10:00:00,小美店,小美店:小美,热水器选购中,买家,在吗', '2026-10-05 10:00:30,小美店,小美店:小美,热水器选购中,客服,在的'];
    const head = Buffer.from(`时间,店铺,客服账号,买家,发送方,内容\n`.replace(/[^\n]+/, 'time,shop,account,buyer,sender,text'), 'utf8');
    writeFileSync(join(dir, 'messages.csv'), Buffer.concat([head, Buffer.from(`${ascii.join('\n')}\n`, 'utf8'), gbk(`${chinese.join('\n')}\n`)]));
    const args = ['report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--messages', join(dir, 'messages.csv'), '--format', 'json', '--verbose'];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('messages.csv: gb18030');
    expect(result.stderr).not.toContain('UNKNOWN_ACCOUNT'); // 小美店:小美 decoded right, so found on the roster
    const agents = JSON.parse(result.stdout).agents as { agent_id: string; metrics: Record<string, number> }[];
    const a2 = agents.find((a) => a.agent_id === 'A2')!;
    expect(a2.metrics).toMatchObject({ consulted: 1, received: 1, first_response_s: 30, buyer_messages: 1, agent_messages: 1 });
    expect(agents.find((a) => a.agent_id === 'A1')!.metrics.buyer_messages).toBe(30000);
  });

  it('buyer names longer than 64 KB keep their orders, and two that differ only past 64 KB stay two buyers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-raw-long-names-'));
    writeFileSync(join(dir, 'scheme.yaml'), SCHEME);
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nA1,甲,店:甲,售前\n');
    const buyers = ['short', 'x'.repeat(70000), `${'x'.repeat(65535)}A`, `${'x'.repeat(65535)}B`];
    const messages = buyers.flatMap((b, i) => [`2026-10-0${i + 1} 10:00:00,店,店:甲,${b},买家,在吗`, `2026-10-0${i + 1} 10:00:20,店,店:甲,${b},客服,在的`]);
    writeFileSync(join(dir, 'messages.csv'), `时间,店铺,客服账号,买家,发送方,内容\n${messages.join('\n')}\n`);
    // Each buyer orders once, the same day: 100 + 200 + 300 + 400.
    const orders = buyers.map((b, i) => `O${i},店,${b},2026-10-0${i + 1} 11:00:00,2026-10-0${i + 1} 11:00:00,${(i + 1) * 100}.00`);
    writeFileSync(join(dir, 'orders.csv'), `订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额\n${orders.join('\n')}\n`);
    const result = await runCli(['report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--messages', join(dir, 'messages.csv'), '--orders', join(dir, 'orders.csv'), '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    // Four inquiries, four paid, all credited to 甲: nothing silent.
    expect(report.agents[0].metrics).toMatchObject({ consulted: 4, inquiries: 4, inquiries_paid: 4, cs_orders: 4, cs_buyers: 4, cs_sales: '1000.00' });
    expect(report.team.silent_sales).toBe('0.00');
  });
});
