// `--format html` in a real browser: headless Chromium (Debian's, driven by playwright-core) loads the
// page run wrote for the sample month; each KPI bar's height is the agent's score on the chart's scale,
// the table's score cells are the report's, each pay bar's parts are the sheet's amounts, and the page
// logs no error; a screenshot goes to test/artifacts/. A name with HTML in it is shown, never run. A
// report with no agents is a page that says so. CI installs Chromium (.ci/run); without it the browser
// tests fail on CI and, elsewhere, are skipped with a line saying so.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runCli } from './helpers/cli.js';
import { renderHtml } from '../src/render/html.js';
import { monthPeriod } from '../src/core/num/dates.js';

const root = join(import.meta.dirname, '..');
const f = (p: string) => join(root, 'fixtures', '2026-10', p);
const inputs = ['--scheme', f('scheme.yaml'), '--period', '2026-10', '--roster', f('roster.csv'), '--stats', f('stats-shop-a.csv'), f('stats-shop-b-gbk.csv'), '--facts', f('facts.csv'), '--adjustments', f('adjustments.csv')];
const CHROMIUM = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) {
  if (process.env.CI) throw new Error(`the browser test needs Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium)`);
  console.warn(`html.test: SKIPPING the browser checks: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-microhei, or set KEFU_CHROMIUM)`);
}

describe('report.html is safe', () => {
  it('escapes a name or a label with HTML in it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-html-'));
    const roster = readFileSync(f('roster.csv'), 'utf8').replace('王晓燕', '<script>alert(1)</script>王晓燕').replace('唐瑶', "唐'瑶&<b>");
    writeFileSync(join(dir, 'roster.csv'), roster);
    const scheme = readFileSync(f('scheme.yaml'), 'utf8').replace('label: 销售达成率', 'label: "<img src=x onerror=\\"alert(2)\\">达成率"');
    writeFileSync(join(dir, 'scheme.yaml'), scheme);
    const args = inputs.map((a) => (a === f('roster.csv') ? join(dir, 'roster.csv') : a === f('scheme.yaml') ? join(dir, 'scheme.yaml') : a));
    const r = await runCli(['report', ...args, '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/<script|<img|<b>/);
    expect(r.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;王晓燕');
    expect(r.stdout).toContain('唐&#39;瑶&amp;&lt;b&gt;');
    expect(r.stdout).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;达成率');
  });

  it('with no agents is a page that says so', () => {
    const period = monthPeriod('2026-10')!;
    const html = renderHtml(
      { period, scheme: '空方案', groups: [], agents: [], derived: [], labels: new Map(), team: new Map(), teams: [], benchmarks: [], warnings: [] },
      { period, scheme: '空方案', columns: [], agents: [], columnTotals: [], total: 0n },
      'zh',
    );
    expect(html).toContain('本月报表中没有人员');
    expect(html).not.toContain('<svg');
  });
});

describe.skipIf(!haveBrowser)('report.html in headless Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    dir = mkdtempSync(join(tmpdir(), 'kefu-html-'));
    const r = await runCli(['run', ...inputs, '--out', dir]);
    expect(r.code).toBe(0);
  }, 60_000);
  afterAll(async () => browser?.close());

  it('shows the report’s figures: bars as tall as the scores, table cells and pay parts as the files say', async () => {
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { agents: { agent_id: string; group: string; kpi_score: number }[] };
    const payroll = JSON.parse(readFileSync(join(dir, 'payroll.json'), 'utf8')) as { agents: { agent_id: string; lines: { kind: string; amount: string }[] }[] };
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) errors.push(`asked the network for ${request.url()}`);
    });
    await page.goto(`file://${join(dir, 'report.html')}`);

    // Each bar: its rendered height over the plot's height is the score over the chart's top.
    const bars = await page.$$eval('svg.kpi-chart', (charts) =>
      charts.flatMap((svg) => {
        const max = Number(svg.getAttribute('data-max'));
        const plot = Number(svg.getAttribute('data-plot-height'));
        return [...svg.querySelectorAll('rect.bar')].map((rect) => ({ agent: rect.getAttribute('data-agent'), text: rect.getAttribute('data-score'), height: rect.getBoundingClientRect().height, max, plot }));
      }),
    );
    expect(bars).toHaveLength(report.agents.length);
    for (const agent of report.agents) {
      const bar = bars.find((b) => b.agent === agent.agent_id)!;
      expect(Number(bar.text)).toBe(agent.kpi_score);
      expect(bar.height).toBeCloseTo((Math.max(0, agent.kpi_score) / bar.max) * bar.plot, 0);
    }
    // The ranked tables: every agent's row, its KPI score cell the report's to two decimals.
    const rows = await page.$$eval('table.rank tbody tr', (trs) => trs.map((tr) => ({ agent: tr.getAttribute('data-agent'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '') })));
    expect(rows.map((r) => r.agent).sort()).toEqual(report.agents.map((a) => a.agent_id).sort());
    for (const agent of report.agents) {
      const row = rows.find((r) => r.agent === agent.agent_id)!;
      expect(row.cells).toContain(agent.kpi_score.toFixed(2));
    }
    // The pay bars: each part is the sum of the sheet's lines of that kind, to the fen (as text).
    const parts = await page.$$eval('rect.part', (rects) => rects.map((r) => ({ agent: r.getAttribute('data-agent'), kind: r.getAttribute('data-kind'), amount: r.getAttribute('data-amount') ?? '', width: r.getBoundingClientRect().width })));
    for (const agent of payroll.agents) {
      const byKind = new Map<string, bigint>();
      for (const line of agent.lines) byKind.set(line.kind, (byKind.get(line.kind) ?? 0n) + BigInt(line.amount.replace('.', '')));
      for (const [kind, fen] of byKind) {
        // A kind's parts (its lines above zero, and below) add up to the sheet's lines of that kind.
        const drawn = parts.filter((p) => p.agent === agent.agent_id && p.kind === kind).reduce((t, p) => t + BigInt(p.amount.replace(/[,.]/g, '')), 0n);
        expect(drawn, `${agent.agent_id} ${kind}`).toBe(fen);
      }
    }
    expect(errors).toEqual([]);
    mkdirSync(join(root, 'test', 'artifacts'), { recursive: true });
    await page.screenshot({ path: join(root, 'test', 'artifacts', 'report.png'), fullPage: true });
    await page.close();
  }, 60_000);
});
