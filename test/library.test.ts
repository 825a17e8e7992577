// The library (src/index.ts) as a script uses it: the README's example, run word for word with node
// against the build through the package name (`import … from 'kefu'`, package.json `exports`), gives
// the bonus sheet's totals; a TypeScript script type-checks against the declarations; and parseDataset
// reads the sample month's text into the very rows the CLI's loader reads from its files.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../src/cli/load.js';
import { decodeText, parseDataset, parseScheme } from '../src/index.js';
import { runCli } from './helpers/cli.js';
import { inputSpec, quietIO } from './helpers/spec.js';

const root = join(import.meta.dirname, '..');
const sample = join(root, 'fixtures', '2026-10');
const inputs = {
  roster: ['roster.csv'],
  stats: ['stats-shop-a.csv', 'stats-shop-b-gbk.csv'],
  facts: ['facts.csv'],
  adjustments: ['adjustments.csv'],
};

/** The code block under the README's `## As a library`, exactly as written there. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## As a library'));
  const block = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```js block under ## As a library');
  return block;
}

/** A folder outside the clone where `kefu` is installed (linked, as npm link does) for a script to import. */
function appFolder(): string {
  const app = mkdtempSync(join(tmpdir(), 'kefu-library-'));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(root, join(app, 'node_modules', 'kefu'), 'dir');
  writeFileSync(join(app, 'package.json'), '{ "type": "module", "private": true }\n');
  return app;
}

const built = existsSync(join(root, 'dist', 'index.js')) && existsSync(join(root, 'dist', 'index.d.ts'));

describe('the library', () => {
  it('runs the README example against the build and prints each agent of the bonus sheet with their total', async () => {
    expect(built, 'dist/ is not built: npm run build (npm test builds it)').toBe(true);
    const app = appFolder();
    writeFileSync(join(app, 'month.mjs'), readmeExample());
    // The example reads fixtures/2026-10 from the current folder: the clone's.
    const printed = execFileSync(process.execPath, [join(app, 'month.mjs')], { cwd: root, encoding: 'utf8' });

    const cli = await runCli(['payroll', '--scheme', join(sample, 'scheme.yaml'), '--period', '2026-10', ...Object.entries(inputs).flatMap(([flag, files]) => [`--${flag}`, ...files.map((f) => join(sample, f))]), '--format', 'json']);
    const sheet = JSON.parse(cli.stdout) as { agents: { agent_id: string; name: string; total: string }[] };
    expect(sheet.agents.length).toBe(30);
    expect(printed).toBe(sheet.agents.map((a) => `${a.agent_id} ${a.name} ${a.total}\n`).join(''));
    // The lines the README shows under the example are the ones it prints.
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const line of printed.split('\n').slice(0, 3)) expect(readme).toContain(`\n${line}\n`);
  });

  it('type-checks a TypeScript script against the declarations, through the package name', () => {
    expect(built, 'dist/ is not built: npm run build (npm test builds it)').toBe(true);
    const app = appFolder();
    writeFileSync(
      join(app, 'check.ts'),
      [
        "import { computeMonth, monthPeriod, parseDataset, parseScheme, renderPayroll, renderReport, formatYuan } from 'kefu';",
        "import type { Dataset, Issue, MonthResult, Payroll, Report, Scheme } from 'kefu';",
        "const parsed = parseScheme('groups: {}', 'inline.yaml');",
        'const scheme: Scheme | undefined = parsed.scheme;',
        'const issues: readonly Issue[] = parsed.issues;',
        "const period = monthPeriod('2026-10');",
        'if (scheme && period && issues.length === 0) {',
        "  const { dataset }: { dataset: Dataset } = parseDataset({ roster: [{ name: 'roster.csv', text: '工号,姓名,客服账号,岗位' }] }, scheme);",
        '  const month: MonthResult = await computeMonth({ rows: dataset }, scheme, period);',
        '  const report: Report = month.report;',
        '  const payroll: Payroll = month.payroll;',
        "  const table: string = renderReport(report, 'table', { lang: 'en', width: 100 });",
        "  const book: Uint8Array = renderPayroll(payroll, 'xlsx');",
        '  const total: string = formatYuan(payroll.total);',
        '  console.log(table, book.length, total);',
        '  // @ts-expect-error pdf is not a format',
        "  renderPayroll(payroll, 'pdf');",
        '}',
        '',
      ].join('\n'),
    );
    const config = {
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] },
      files: ['check.ts'],
    };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(config));
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(app, 'tsconfig.json')], { cwd: app, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });

  it('parseDataset reads the sample month into the rows the CLI reads from its files', async () => {
    const spec = inputSpec({ scheme: join(sample, 'scheme.yaml'), ...Object.fromEntries(Object.entries(inputs).map(([kind, files]) => [kind, files.map((f) => join(sample, f))])) });
    const loaded = await loadInputs(spec, quietIO());
    const { scheme } = parseScheme(readFileSync(spec.scheme, 'utf8'), spec.scheme);
    const text = (files: readonly string[]) => files.map((name) => ({ name, text: decodeText(readFileSync(name)) }));
    const parsed = parseDataset({ roster: text(spec.roster), stats: text(spec.stats), facts: text(spec.facts), adjustments: text(spec.adjustments) }, scheme);
    expect(parsed.dataset).toEqual(loaded.dataset);
    expect(parsed.issues).toEqual(loaded.issues);
  });
});
