// CLI: a project file (kefu.yaml) read for one month: its patterns filled with the period and matched
// against the folders they name, relative to the project file's folder. A pattern with `*` or `?`
// that matches no file is an error at its line (a cron job must not pay a month without its sales);
// matches are taken in name order, so the same folder gives the same inputs in the same order.
import { readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { issue, type Issue, type Source } from '../core/model/issues.js';
import { CONFIG_LISTS, fillPeriod, parseConfig, segmentMatcher, type ConfigList, type ConfigSingle, type ProjectConfig } from '../parse/config.js';
import { readSource } from '../io/files.js';
import type { CliIO } from './context.js';

export { CONFIG_LISTS, type ConfigList, type ConfigSingle, type ProjectConfig };

export async function readConfig(path: string, io: CliIO, issues: Issue[]): Promise<ProjectConfig | undefined> {
  const source = await readSource(path, 'auto', io, issues);
  if (!source) return undefined;
  const parsed = parseConfig(source.text, source.name);
  issues.push(...parsed.issues);
  return parsed.config;
}

/** The one value of a single key (scheme, out, period…), the period filled in, a path made relative to the project file. */
export function configSingle(config: ProjectConfig, key: ConfigSingle, period: string | undefined, issues: Issue[]): string | undefined {
  const entry = config.entries.get(key);
  const value = entry?.values[0];
  if (!entry || value === undefined) return undefined;
  if (key === 'period' || key === 'lang' || key === 'encoding' || key === 'sheet') return value;
  const filled = fill(key, value, period, entry.source, issues);
  return filled === undefined ? undefined : fromConfig(config, filled);
}

/** The files of a list key (roster, stats…) for the period: each pattern filled and matched, in order. */
export async function configFiles(config: ProjectConfig, key: ConfigList, period: string, issues: Issue[]): Promise<string[] | undefined> {
  const entry = config.entries.get(key);
  if (!entry) return undefined;
  const files: string[] = [];
  for (const pattern of entry.values) {
    const filled = fill(key, pattern, period, entry.source, issues);
    if (filled === undefined) continue;
    const path = fromConfig(config, filled);
    if (!/[*?]/.test(filled)) {
      files.push(path);
      continue;
    }
    const matches = await expand(path);
    if (matches.length === 0) issues.push(issue('CONFIG_NO_MATCH', { key, pattern: filled }, entry.source));
    files.push(...matches);
  }
  return files;
}

function fill(key: string, pattern: string, period: string | undefined, source: Source, issues: Issue[]): string | undefined {
  if (period === undefined && /\{period\}|\{year\}|\{month\}/.test(pattern)) return undefined;
  const filled = period === undefined ? pattern : fillPeriod(pattern, period);
  const left = /\{[^}]*\}/.exec(filled);
  if (left) {
    issues.push(issue('CONFIG_INVALID', { key, reason_zh: `${pattern} 中有未知的占位符 ${left[0]}：可用 {period}（2026-10）、{year}、{month}`, reason_en: `${pattern} holds an unknown placeholder ${left[0]}: use {period} (2026-10), {year} or {month}` }, source));
    return undefined;
  }
  return filled;
}

/** A path of the project file, as the user would type it from here: relative to the project file's folder unless absolute. */
const fromConfig = (config: ProjectConfig, path: string) => (isAbsolute(path) || path === '-' ? path : join(dirname(config.file), path));

/** The files a pattern names, each segment with `*` or `?` matched against its folder's entries (hidden ones never), sorted by name. */
async function expand(path: string): Promise<string[]> {
  const absolute = isAbsolute(path);
  const parts = path.split(/[\\/]+/);
  let found: string[] = [absolute ? sep : parts[0] === '' ? sep : ''];
  for (const [i, part] of parts.entries()) {
    if (i === 0 && (absolute || part === '')) continue;
    const matcher = segmentMatcher(part);
    const next: string[] = [];
    for (const base of found) {
      if (!matcher) {
        next.push(base === '' ? part : join(base, part));
        continue;
      }
      const entries = await readdir(base === '' ? '.' : resolve(base)).catch(() => [] as string[]);
      for (const entry of entries.filter((e) => matcher.test(e) && !e.startsWith('.')).sort()) next.push(base === '' ? entry : join(base, entry));
    }
    found = next;
  }
  // A fixed segment after a wildcard (shops/*/stats.csv) names a file some matches lack: only those there count.
  const there = await Promise.all(found.map((file) => stat(file).then((s) => s.isFile(), () => false)));
  return found.filter((_, i) => there[i]);
}
