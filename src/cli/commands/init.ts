// CLI: `kefu init [DIR]` — a starter scheme.yaml (commented in Chinese, the AO Smith interview's
// weights), a roster.csv template and a kefu.yaml, written into DIR all together or not at all. It
// never overwrites: when any of the three is there already, it writes none and names each one there.
import { Option, type Command } from 'commander';
import { join } from 'node:path';
import { issue } from '../../core/model/issues.js';
import type { Lang } from '../../core/model/issue-texts.js';
import { alreadyThere, starterFiles } from '../../io/templates.js';
import { writeFilesAtomically } from '../../io/write.js';
import { printIssues } from '../output.js';
import { EXIT_DATA, EXIT_OK, type CliIO } from '../context.js';

export function registerInit(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('init')
    .description('write a starter scheme.yaml, roster.csv and kefu.yaml into a folder / 生成方案、花名册和配置模板')
    .argument('[dir]', 'the folder to write into (made if needed)', '.')
    .addOption(new Option('--lang <lang>', 'language of the messages (the files are in Chinese)').choices(['zh', 'en']).default('zh'))
    .addHelpText('after', '\nWrites nothing if scheme.yaml, roster.csv or kefu.yaml is there already (exit 1).\n\nExample:\n  kefu init 客服绩效 && cd 客服绩效\n')
    .action(async (dir: string, options: { lang: Lang }) => {
      const files = (await starterFiles()).map(({ name, data }) => ({ path: join(dir, name), data }));
      const there = await alreadyThere(files);
      if (there.length > 0) {
        printIssues(there.map((path) => issue('INIT_FILE_EXISTS', {}, { file: path })), options.lang, io);
        return done(EXIT_DATA);
      }
      await writeFilesAtomically(files);
      io.stdout.write(nextSteps(dir, options.lang));
      done(EXIT_OK);
    });
}

/** A folder as one shell word, quoted only when it needs to be. */
const shellWord = (text: string) => (/^[^\s'"$`\\!*?&;|<>(){}[\]#~]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/** What was written and what to do next. The month is an example: the files' comments use 2026-10 too. */
function nextSteps(dir: string, lang: Lang): string {
  const cd = dir === '.' ? [] : [`cd ${shellWord(dir)}`];
  const commands = [...cd, 'kefu check --config kefu.yaml --period 2026-10', 'kefu run --config kefu.yaml --period 2026-10'].map((line) => `     ${line}`);
  if (lang === 'en') {
    return [
      `wrote into ${dir === '.' ? 'the current folder' : dir}:`,
      '  scheme.yaml  the scoring and pay scheme: 售前 weighted as in the AO Smith interview (sales target 50, bundle target 20, conversion and response 30)',
      '  roster.csv   the roster: two example rows to replace with your team (opens in Excel)',
      '  kefu.yaml    where each month\'s data is and where the results go',
      'next:',
      '  1. edit scheme.yaml to your rules, and list everyone in roster.csv',
      '  2. put the month\'s files in 数据/2026-10/: the platform\'s export (客服绩效*.csv), 考核.csv (the columns scheme.yaml names at its top), 调整.csv',
      '  3. check, then compute (with your month for 2026-10; a month without adjustments keeps 调整.csv with its header row only):',
      ...commands,
      '',
    ].join('\n');
  }
  return [
    `已写入${dir === '.' ? '当前文件夹' : ` ${dir} `}：`,
    '  scheme.yaml  绩效与奖金方案：售前权重按 AO史密斯访谈（销售目标 50、套餐目标 20、转化与响应 30）',
    '  roster.csv   花名册模板：两行示例，换成贵司的人员（可用 Excel 打开）',
    '  kefu.yaml    每月的配置：数据放在哪里，结果写到哪里',
    '下一步：',
    '  1. 按贵司制度修改 scheme.yaml，在 roster.csv 里填上全部客服',
    '  2. 把当月的文件放进 数据/2026-10/：平台导出的 客服绩效*.csv、考核.csv（要哪些列见 scheme.yaml 开头）、调整.csv',
    '  3. 先校验，再出表（2026-10 换成要算的月份；当月没有调整，也放一个只有表头的 调整.csv）：',
    ...commands,
    '',
  ].join('\n');
}
