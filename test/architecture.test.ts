// The core is pure: no file system, no process, no clock, no colour, no tables. It may import only
// other core modules. parse/ and render/ do no I/O either; only io/ and cli/ touch the outside world.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', 'src');
const files = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(root, dir, f));
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);

describe('architecture', () => {
  it('src/core imports nothing but other core modules', () => {
    for (const file of files('core')) {
      for (const spec of imports(file)) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[\w-]+\.js$/);
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
    const graph = new Map(files('core').map((file) => [file, imports(file).map((spec) => join(root, 'core', spec.replace(/\.js$/, '.ts')))]));
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
