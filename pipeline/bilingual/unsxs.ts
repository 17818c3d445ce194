/**
 * Recovers an English source from a bilingual file: every span pair becomes its SOURCE (a peeled
 * pair `[pair](url)` becomes `[SOURCE](url)`), heading anchors are removed and the six handoff
 * keys dropped. What the bilingual file does not carry stays as it is there: translated
 * front-matter values and block-image alt text. Used to bootstrap a source whose English file at
 * the handoff commit is not available (the seed article).
 */
import { HANDOFF_KEYS, splitFrontMatter } from '../markdown/front-matter.js';
import { emitYamlMapping } from '../markdown/yaml-emit.js';
import { toLf } from '../text/normalize.js';
import { readPairs } from './read.js';

const HEADING_ANCHOR = /^(#{1,6}[ ]+)<a name="[^"]*"><\/a>/gm;

export function sourceFromBilingual(bilingual: string, overrides: Record<string, string> = {}): string {
  const split = splitFrontMatter(toLf(bilingual));
  const { pairs } = readPairs(split.body);
  let body = '';
  let at = 0;
  for (const p of pairs) {
    body += split.body.slice(at, p.start) + p.source;
    at = p.end;
  }
  body += split.body.slice(at);
  body = body.replace(HEADING_ANCHOR, '$1');
  if (!split.data) return body;
  const data = { ...split.data, ...overrides };
  for (const key of HANDOFF_KEYS) delete data[key];
  if (Object.keys(data).length === 0) return body;
  return `---\n${emitYamlMapping(data, new Set(split.plain))}---\n${body}`;
}
