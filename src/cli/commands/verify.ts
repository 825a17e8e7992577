// CLI: `kefu verify DIR` — make a month again from the files its manifest names and say whether
// every output is still the same, byte for byte. An input moved or changed since is named and the
// month is not recomputed (it would not be the month that was paid). Exit 0 identical, 1 otherwise.
import { Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issue, type Issue } from '../../core/model/issues.js';
import type { Lang } from '../../core/model/issue-texts.js';
import { sha256 } from '../../io/files.js';
import { computeFromFiles } from '../month.js';
import { printIssues } from '../output.js';
import { CREDITS, carriedRows, changedInputs, changedIssue, monthFiles, readManifest, specFromManifest } from '../folder.js';
import { VERSION } from '../version.js';
import { EXIT_DATA, type CliIO } from '../context.js';

export function registerVerify(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('verify')
    .description('recompute a month from the files its manifest.json names and check every output is unchanged / 核对某月结果')
    .argument('<dir>', 'a folder written by kefu run --out')
    .addOption(new Option('--lang <lang>', 'language of messages (default: zh)').choices(['zh', 'en']))
    .addHelpText('after', '\nExit status: 0 every output identical, 1 an input moved or changed, or an output differs.\n\nExample:\n  kefu verify out/2026-10\n')
    .action(async (dir: string, options: Record<string, unknown>) => {
      const lang = (options.lang as Lang | undefined) ?? 'zh';
      done(await verify(dir, lang, io));
    });
}

async function verify(dir: string, lang: Lang, io: CliIO): Promise<number> {
  const manifest = await readManifest(dir);
  if (manifest === undefined || manifest === 'unreadable') {
    printIssues([issue('MANIFEST_MISSING', { dir, unreadable: manifest ? 1 : 0 })], lang, io);
    return EXIT_DATA;
  }
  const problems: Issue[] = (await changedInputs(manifest, dir)).map(changedIssue);
  const version = manifest.kefu === VERSION ? [] : [issue('VERIFY_OTHER_VERSION', { was: manifest.kefu, now: VERSION })];
  if (problems.length > 0) {
    printIssues([...problems, ...version], lang, io);
    return EXIT_DATA;
  }
  const spec = specFromManifest(manifest, dir);
  const month = await computeFromFiles(spec, io, { credits: manifest.outputs.some((o) => o.name === CREDITS), adjustments: carriedRows(manifest, dir) });
  if (!month.result) {
    printIssues(month.issues, lang, io);
    return EXIT_DATA;
  }
  const outputs = monthFiles(month.result, manifest.options.lang);
  const lines: string[] = [];
  for (const output of outputs) {
    const recorded = manifest.outputs.find((o) => o.name === output.name)?.sha256;
    const there = await readFile(join(dir, output.name)).catch(() => undefined);
    const now = sha256(output.data);
    const same = recorded === now && there !== undefined && sha256(there) === now;
    if (!same) problems.push(issue('VERIFY_OUTPUT_DIFFERS', { name: output.name, edited: there === undefined ? 2 : recorded !== undefined && sha256(there) !== recorded ? 1 : 0 }, { file: join(dir, output.name) }));
    else lines.push(`${lang === 'zh' ? '一致' : 'identical'}  ${join(dir, output.name)}`);
  }
  printIssues([...problems, ...version], lang, io);
  const inputs = manifest.inputs.length + 1;
  if (problems.length > 0) {
    io.stderr.write(lang === 'zh' ? `${manifest.period}：${problems.length} 个输出与重算结果不同\n` : `${manifest.period}: ${problems.length} output(s) differ from the month computed again\n`);
    return EXIT_DATA;
  }
  io.stdout.write(lines.map((l) => `${l}\n`).join(''));
  io.stdout.write(lang === 'zh' ? `${manifest.period}：${inputs} 个输入文件未变，重算的 ${outputs.length} 个输出与记录完全一致\n` : `${manifest.period}: ${inputs} inputs unchanged; the ${outputs.length} outputs computed again are identical\n`);
  return 0;
}
