// CLI: the progress line of a long run — bytes read of the inputs' total and lines per second, redrawn
// in place on stderr — shown only when stderr is a terminal (never in a log or a pipe), never with
// --quiet, and only for inputs big enough to take a while. Cleared before anything else is printed.
import { fileSizes } from '../io/files.js';
import { countProgress, progressNow } from '../io/progress.js';
import { inputFiles, type InputSpec } from './spec.js';
import type { CliIO } from './context.js';

/** Below this many bytes of input a month reads in well under a second: no line. */
const SHOWN_FROM = 32 << 20;
const EVERY_MS = 250;

/** Megabytes with one decimal, by integer arithmetic (tenths of a megabyte, rounded down). */
const mb = (bytes: number) => {
  const tenths = Math.floor((bytes * 10) / (1 << 20));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
};
const grouped = (n: number) => String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Start the line if it is wanted; returns what stops it (and clears it). */
export async function startProgress(spec: InputSpec, io: CliIO, now: () => number = () => performance.now()): Promise<() => void> {
  // --verbose prints as it reads: a line redrawn in place would run into it.
  if (!io.stderr.isTTY || spec.quiet || spec.verbose) return () => undefined;
  const total = (await fileSizes(inputFiles(spec))).reduce((a, b) => a + b, 0);
  if (total < Number(io.env.KEFU_PROGRESS_MIN_BYTES ?? SHOWN_FROM)) return () => undefined;
  countProgress(true);
  const started = now();
  const draw = () => {
    const { bytes, lines } = progressNow();
    const seconds = (now() - started) / 1000;
    const shown = Math.min(bytes, total);
    const rate = seconds > 0 ? grouped(lines / seconds) : '0';
    const percent = Math.floor((shown * 100) / total);
    const text =
      shown >= total
        ? spec.lang === 'zh' ? `已读完 ${mb(total)} MB，计算中…` : `read ${mb(total)} MB, computing…`
        : spec.lang === 'zh' ? `读取 ${mb(shown)} / ${mb(total)} MB（${percent}%），每秒 ${rate} 行` : `reading ${mb(shown)} / ${mb(total)} MB (${percent}%), ${rate} rows/s`;
    io.stderr.write(`\r\u001b[K${text}`);
  };
  draw();
  const timer = setInterval(draw, EVERY_MS);
  timer.unref();
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    countProgress(false);
    io.stderr.write('\r\u001b[K');
  };
}
