// The core is pure: no file system, no process, no clock, no colour, no tables. It may import only
// other core modules. parse/ and render/ do no I/O either; only io/ and cli/ touch the outside world.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', 'src');
const core = join(root, 'core');
/** The .ts files under src/<dir>, sub-folders included. */
const files = (dir: string) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(root, dir, f));
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
/** The file a relative import names (`./x.js` → x.ts beside the importer). */
const target = (file: string, spec: string) => resolve(dirname(file), spec.replace(/\.js$/, '.ts'));

describe('architecture', () => {
  it('src/core imports nothing but other core modules, at any depth', () => {
    for (const file of files('core')) {
      for (const spec of imports(file)) {
        expect(spec, `${file} imports ${spec}`).toMatch(/^\.\.?\/([\w-]+\/|\.\.\/)*[\w-]+\.js$/);
        const imported = target(file, spec);
        expect(imported.startsWith(core + sep) && existsSync(imported), `${file} imports ${spec}, not a file of src/core`).toBe(true);
      }
    }
  });

  it('the rooms of src/core follow the pipeline: each imports only itself and the rooms before it', () => {
    const rooms = ['num', 'model', 'metrics', 'agents.ts', 'score', 'pay', 'explain.ts', 'run.ts', 'compare.ts', 'trend.ts', 'promotion.ts'];
    const room = (file: string) => rooms.indexOf(relative(core, file).split(sep)[0] as string);
    for (const file of files('core')) {
      expect(room(file), `${file} is in no room`).toBeGreaterThanOrEqual(0);
      for (const spec of imports(file)) expect(room(target(file, spec)), `${file} imports ${spec}, a later room`).toBeLessThanOrEqual(room(file));
    }
  });

  it('src/core touches no process, clock, console or global I/O', () => {
    for (const file of files('core')) {
      const text = readFileSync(file, 'utf8');
      for (const banned of [/\bprocess\./, /Date\.now\(/, /new Date\(\)/, /\bconsole\./, /\bfetch\(/, /Math\.random\(/]) {
        expect(text, `${file} uses ${banned}`).not.toMatch(banned);
      }
    }
  });

  it('src/core has no import cycle: the pipeline reads one way', () => {
    const graph = new Map(files('core').map((file) => [file, imports(file).map((spec) => target(file, spec))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path, file, next].slice(path.indexOf(next) >= 0 ? path.indexOf(next) : 0).map((f) => f.slice(root.length + 1)).join(' → '));
        else if (!state.has(next)) visit(next, [...path, file]);
      }
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('parse/ and render/ do no I/O', () => {
    for (const file of [...files('parse'), ...files('render')]) {
      for (const spec of imports(file)) expect(spec, `${file} imports ${spec}`).not.toMatch(/^(node:)?(fs|fs\/promises|child_process|net|http)$/);
      expect(readFileSync(file, 'utf8')).not.toMatch(/\bprocess\./);
    }
  });

  it('no binary float parsing of amounts anywhere in src', () => {
    for (const dir of ['core', 'parse', 'render', 'cli', 'io']) {
      for (const file of files(dir)) expect(readFileSync(file, 'utf8'), file).not.toMatch(/parseFloat\(|toFixed\(\d\)|Math\.round\(/);
    }
  });
});
