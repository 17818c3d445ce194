// The Markdown files under a folder, as paths relative to it, sorted: what both peer runners read.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export function markdownFiles(source) {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) files.push(relative(source, p));
    }
  };
  walk(source);
  return files.sort();
}
