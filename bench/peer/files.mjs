// The Markdown files under a folder, as `/`-separated paths relative to it, sorted: what the peer
// runners, the fidelity run and the quality-rules corpus run read.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export function markdownFiles(source) {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) files.push(relative(source, p).split('\\').join('/'));
    }
  };
  walk(source);
  return files.sort();
}
