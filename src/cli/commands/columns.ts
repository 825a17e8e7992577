// CLI: `kefu columns FILE…` — how each file reads: what a user runs when a new export does not read.
// Reads each file as `report` would (any format, header search, aliases of a scheme if given) and
// prints the layout; exits 1 when a file cannot be read as any table.
import { Option, type Command } from 'commander';
import type { Issue } from '../../core/model/issues.js';
import type { Lang } from '../../core/model/issue-texts.js';
import type { Encoding } from '../../io/files.js';
import { describeGrid, TABLE_KINDS, type TableKind } from '../../parse/layout.js';
import { renderColumns } from '../../render/columns.js';
import { readGridHead, readScheme, type SourceRead } from '../load.js';
import { printIssues } from '../output.js';
import { EXIT_DATA, EXIT_OK, type CliIO } from '../context.js';

export function registerColumns(program: Command, io: CliIO, done: (code: number) => void): void {
  program
    .command('columns')
    .description('show how each file reads: format, sheet, header row, how each column maps / 查看表头如何识别')
    .argument('<files...>', 'CSV, xlsx or xls files (book.xlsx#Sheet picks a sheet)')
    .addOption(new Option('--as <kind>', 'read every file as this kind of table').choices(Object.keys(TABLE_KINDS)))
    .option('--sheet <name>', 'sheet of xlsx/xls files (default the first)')
    .option('--scheme <file>', "a scheme whose columns: aliases apply")
    .addOption(new Option('--encoding <name>', 'encoding of CSV files').choices(['auto', 'utf8', 'gbk']).default('auto'))
    .addOption(new Option('--lang <lang>', 'language of the labels').choices(['zh', 'en']).default('zh'))
    .action(async (files: string[], options: { as?: TableKind; sheet?: string; scheme?: string; encoding: Encoding; lang: Lang }) => {
      const issues: Issue[] = [];
      const scheme = options.scheme ? await readScheme(options.scheme, options.encoding, io, issues) : undefined;
      const aliases = scheme?.columns ?? new Map<string, readonly string[]>();
      let unreadable = false;
      const blocks: string[] = [];
      for (const path of files) {
        const sources: SourceRead[] = [];
        const grid = await readGridHead(path, { encoding: options.encoding, ...(options.sheet !== undefined ? { sheet: options.sheet } : {}) }, io, issues, sources);
        if (!grid) {
          unreadable = true;
          continue;
        }
        const layout = describeGrid(grid, aliases, options.as);
        if (!layout) unreadable = true;
        blocks.push(renderColumns(sources[0] ?? { name: path }, layout, options.lang));
      }
      io.stdout.write(blocks.join('\n'));
      if (issues.length > 0) printIssues(issues, options.lang, io);
      done(unreadable || issues.some((i) => i.severity === 'error') ? EXIT_DATA : EXIT_OK);
    });
}
