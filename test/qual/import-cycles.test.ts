/**
 * No import cycles in the qualitative area (src/qual and the qual services), type-only imports included: layers
 * only call down (commands → store interface; project → commands; services → qual). A small madge-like check.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = resolve(import.meta.dirname, '../../src');

function files(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, keep));
    else if (p.endsWith('.ts') && keep(p)) out.push(p);
  }
  return out;
}

/** Relative imports of a module: static, re-exports, type-only and dynamic `import()`. */
export function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const out: string[] = [];
  const re = /(?:^|[^.\w])(?:import|export)\s[^'"]*?\sfrom\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(resolve(dirname(path), m[1] ?? m[2]));
  return out;
}

/** Every cycle found by depth-first search, each as the list of modules around it. */
export function findCycles(modules: readonly string[]): string[][] {
  const inScope = new Set(modules);
  const graph = new Map(modules.map((m) => [m, importsOf(m).filter((d) => inScope.has(d))]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (m: string) => {
    state.set(m, 'open');
    stack.push(m);
    for (const d of graph.get(m)!) {
      if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(m, 'done');
  };
  for (const m of modules) if (!state.has(m)) visit(m);
  return cycles;
}

test('src/qual and the qual services have no import cycles', () => {
  const modules = [...files(join(SRC, 'qual'), () => true), ...files(join(SRC, 'services'), (p) => /qual-[^/]*\.ts$/.test(p))];
  assert.ok(modules.length > 40);
  const cycles = findCycles(modules).map((c) => c.map((m) => relative(SRC, m)).join(' → '));
  assert.deepEqual(cycles, []);
});

test('the cycle check finds a cycle, type-only and dynamic imports included', () => {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-cycles-'));
  try {
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.ts';\nexport const a = 1;\n");
    writeFileSync(join(dir, 'b.ts'), "export type B = number;\nexport async function f() { return import('./c.ts'); }\n");
    writeFileSync(join(dir, 'c.ts'), "export { a } from './a.ts';\n");
    const cycles = findCycles(['a.ts', 'b.ts', 'c.ts'].map((f) => join(dir, f)));
    assert.deepEqual(cycles.map((c) => c.map((m) => relative(dir, m))), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
