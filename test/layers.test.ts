/**
 * The layers of pipeline/ (docs/architecture.md draws them): a module imports its own folder or a
 * folder of a lower layer, never one of its own layer or above — type-only and dynamic imports
 * included. The shared model (core/) imports nothing but the parser and the foundations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const PIPELINE = join(import.meta.dirname, '..', 'pipeline');

/** Lowest first. Folders of one layer do not import each other. */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['util', 'text'],
  ['markdown'],
  ['core'],
  ['render', 'terms', 'pseudo'],
  ['store', 'qa', 'bilingual', 'html'],
  ['tm', 'harvest', 'check'],
  ['xliff'],
  ['commands'],
  ['.'], // cli.ts
];

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(dir, e.name), out);
    else if (e.name.endsWith('.ts')) out.push(join(dir, e.name));
  }
  return out;
}

/** Every module a file names: `import`/`export … from` (type-only too), `import('…')`, `new URL('….js', import.meta.url)`. */
function importsOf(file: string, text: string): string[] {
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)|new URL\(\s*'(\.[^']+\.js)',\s*import\.meta\.url/gm)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? m[4]!,
  );
  return specs.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** The folder a module belongs to: its first folder under pipeline/ (markdown/mdit is markdown). */
function folderOf(file: string): string {
  const rel = relative(PIPELINE, file).split(/[/\\]/);
  return rel.length === 1 ? '.' : rel[0]!;
}

/** The imports that break the layers, as `from → to`; a folder in no layer is reported too. */
export function layerViolations(graph: ReadonlyArray<readonly [string, string]>, layers = LAYERS): string[] {
  const layerOf = new Map(layers.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
  const out: string[] = [];
  for (const [from, to] of graph) {
    const a = folderOf(from);
    const b = folderOf(to);
    const la = layerOf.get(a);
    const lb = layerOf.get(b);
    const name = `${relative(PIPELINE, from)} → ${relative(PIPELINE, to)}`;
    if (la === undefined || lb === undefined) out.push(`${name} (folder ${la === undefined ? a : b} has no layer)`);
    else if (a !== b && lb >= la) out.push(`${name} (${lb > la ? 'upward' : 'within a layer'})`);
  }
  return out;
}

const files = walk(PIPELINE);
const graph = files.flatMap((f) => importsOf(f, readFileSync(f, 'utf8')).map((t) => [f, t] as const));

describe('the layers of pipeline/', () => {
  it('every import points to its own folder or a lower layer', () => {
    expect(graph.length).toBeGreaterThan(400);
    expect(layerViolations(graph)).toEqual([]);
  });

  it('every folder has a layer and every layer a folder', () => {
    const folders = new Set(files.map(folderOf));
    expect([...folders].sort()).toEqual(LAYERS.flat().sort());
  });

  it('core/ is the shared model: XML tree, codes, exchange units, the store shape, the matching rule, similarity, tokens, source loading', () => {
    const core = files.filter((f) => folderOf(f) === 'core').map((f) => relative(join(PIPELINE, 'core'), f));
    for (const name of ['xml.ts', 'codes.ts', 'exchange.ts', 'xliff-store.ts', 'resolve.ts', 'similarity.ts', 'tokens.ts', 'sources.ts', 'source-doc.ts', 'doc.ts', 'config.ts', 'problems.ts'])
      expect(core).toContain(name);
    const below = new Set(['core', 'markdown', 'text', 'util']);
    expect(graph.filter(([f, t]) => folderOf(f) === 'core' && !below.has(folderOf(t)))).toEqual([]);
  });

  it('the check finds what breaks the layers: an upward import, an import within a layer, a folder in no layer', () => {
    const p = (s: string) => join(PIPELINE, s);
    expect(layerViolations([[p('core/codes.ts'), p('render/spans.ts')]])).toEqual(['core/codes.ts → render/spans.ts (upward)']);
    expect(layerViolations([[p('store/store.ts'), p('qa/run.ts')]])).toEqual(['store/store.ts → qa/run.ts (within a layer)']);
    expect(layerViolations([[p('extra/a.ts'), p('util/fs.ts')]])).toEqual(['extra/a.ts → util/fs.ts (folder extra has no layer)']);
    expect(
      layerViolations([
        [p('commands/build.ts'), p('core/doc.ts')],
        [p('core/doc.ts'), p('core/problems.ts')],
      ]),
    ).toEqual([]);
    // The import reader sees every form.
    const src = "import type { A } from './a.js';\nexport { b } from '../b.js';\nconst c = () => import('./c.js');\nconst u = new URL('./d.js', import.meta.url);\nimport {\n  e,\n} from './e.js';\n";
    expect(importsOf(p('x/y.ts'), src).map((f) => relative(PIPELINE, f))).toEqual(['x/a.ts', 'b.ts', 'x/c.ts', 'x/d.ts', 'x/e.ts']);
  });
});
