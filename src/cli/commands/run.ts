// CLI: `kefu run --out DIR` — the month's seven files (report and bonus sheet as CSV, JSON and xlsx,
// and report.html) and manifest.json, written together and atomically, and the ranked report on
// stdout. Another run's outputs in DIR are replaced only when they are this run's bytes or with
// --force; a final (paid) folder never.
import type { Command } from 'commander';
import { join } from 'node:path';
import { renderReport } from '../../render/index.js';
import { issue } from '../../core/model/issues.js';
import { writeFolderAtomically } from '../../io/write.js';
import { addInputOptions, inputSpec } from '../spec.js';
import { computeFromFiles, reportIssues, withIssues } from '../month.js';
import { addTableOptions, chalkFor, printIssues, tableWidth, useColour } from '../output.js';
import { carryPrior } from '../prior.js';
import { hasErrors } from '../../core/model/issues.js';
import { listsCredits, folderPeriod, relativeTo, lockFiles, makeManifest, manifestText, MANIFEST, monthFiles, readManifest, sameOutputs } from '../folder.js';
import { EXIT_DATA, UsageError, type CliIO } from '../context.js';

export function registerRun(program: Command, io: CliIO, done: (code: number) => void): void {
  const command = program
    .command('run')
    .description('write the report and the bonus sheet as csv, json and xlsx, report.html and manifest.json into a folder / 一键出报表和奖金表')
    .addHelpText(
      'after',
      '\nExamples:\n  kefu run --scheme scheme.yaml --period 2026-10 --roster roster.csv --stats a.csv b.csv --out out/2026-10\n' +
        '  kefu run --config kefu.yaml --period last-month --quiet          (a cron line)\n' +
        '  kefu run --config kefu.yaml --period 2026-10 --final             (the month is paid: never written again)\n',
    );
  addTableOptions(addInputOptions(command))
    .option('--out <dir>', 'folder for the outputs and manifest.json (created if needed; or out: in kefu.yaml)')
    .option('--force', 'replace outputs of this or another period that differ from this run\'s (never a --final folder)', false)
    .option('--final', 'mark the month as paid: kefu never writes this folder again (late changes go into a later month with --prior)', false)
    .option('--prior <dir>', 'a paid month\'s folder: compute it again with the data as it is now and add each agent\'s difference as 上月追溯调整')
    .action(async (options: Record<string, unknown>) => {
      const spec = await inputSpec(options, io);
      const dir = spec.out;
      if (dir === undefined) throw new UsageError('say where to write: --out DIR (or out: in kefu.yaml)');
      // A paid month is refused before anything is read.
      const before = await readManifest(dir);
      if (before !== undefined && before !== 'unreadable' && before.final) {
        printIssues([issue('OUTPUT_FINAL', { dir, period: before.period })], spec.lang, io);
        return done(EXIT_DATA);
      }
      const carried = options.prior === undefined ? undefined : await carryPrior(options.prior as string, spec, io);
      if (carried && hasErrors(carried.issues)) {
        printIssues(carried.issues, spec.lang, io);
        return done(EXIT_DATA);
      }
      const computed = await computeFromFiles(spec, io, { credits: Boolean(options.final) && listsCredits(spec), ...(carried ? { adjustments: carried.rows } : {}) });
      const month = withIssues(computed, carried?.issues ?? [], spec);
      const code = reportIssues(month, spec, io);
      if (!month.result) return done(code);
      const { report } = month.result;
      const outputs = monthFiles(month.result, spec.lang);
      const held = before === 'unreadable' ? '?' : (before?.period ?? (await folderPeriod(dir)));
      if (held !== undefined && !options.force && !(await sameOutputs(dir, outputs))) {
        printIssues([issue('OUTPUT_EXISTS', { dir, period: held })], spec.lang, io);
        return done(EXIT_DATA);
      }
      const final = Boolean(options.final);
      const prior = carried?.prior ? { ...carried.prior, path: relativeTo(dir, carried.prior.path) } : undefined;
      const manifest = await makeManifest(dir, spec, report.scheme, outputs, { final, ...(prior ? { prior } : {}) });
      const files = [...outputs, { name: MANIFEST, data: manifestText(manifest) }];
      // The folder holds the last run's files or this run's, never some of each.
      await writeFolderAtomically(dir, files);
      if (final) await lockFiles(dir, files.map((f) => f.name));
      if (!spec.quiet) {
        const colour = useColour(spec.color, io);
        io.stdout.write(renderReport(report, 'table', { lang: spec.lang, chalk: chalkFor(colour), colour, bom: false, width: tableWidth(options.width, io), wide: Boolean(options.wide) }));
        const wrote = files.map((o) => join(dir, o.name)).join(', ');
        io.stderr.write(spec.lang === 'zh' ? `已写入 ${wrote}${final ? '（已定稿）' : ''}\n` : `wrote ${wrote}${final ? ' (final)' : ''}\n`);
      }
      done(code);
    });
}
