/** The modules a module loads when it is imported: its static (not type-only) imports, followed through the project's sources. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function staticImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)\.js'|^import\s+'(\.[^']+)\.js'/gm)) {
      stack.push(join(file, '..', `${m[1] ?? m[2]}.ts`));
    }
  }
  return seen;
}
