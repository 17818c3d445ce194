/**
 * `[!INCLUDE [title](path.md)]` (DocFX) on a line of its own is replaced, on the HTML page, by the
 * included document's Markdown in the same language, as the docs site shows it, not a link.
 *
 * - Includes nest, to INCLUDE_DEPTH levels; a document that includes itself (directly or through
 *   others) is left as the marker line at the point it would repeat.
 * - The included text's relative links and images are rewritten to resolve from the including page.
 * - Inside a quote (`> [!INCLUDE …]`) every line of the included text takes the quote's prefix.
 * - Only relative `.md` paths inside the source folder are followed; markers in fenced code are text.
 */
import { dirname } from 'node:path/posix';
import { relativeTarget } from '../core/layout.js';
import { rewriteLinks } from '../render/links.js';
import { fenceTracker } from '../markdown/fences.js';
import { localTarget } from './assets.js';

export const INCLUDE_DEPTH = 5;

const MARKER = /^((?:[ \t]*>)*[ \t]*)\[!INCLUDE\s*\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?\s*\)\]\s*$/i;
const FENCE = /^(?:[ \t]*>)*[ \t]{0,3}(`{3,}|~{3,})/;

/** The Markdown body of a document (source-relative path) in the page's language, or undefined. */
export type BodyOf = (path: string) => string | undefined;

/** `markdown` (the body of `page`) with its include markers replaced; `included` lists every document used. */
export function inlineIncludes(markdown: string, page: string, bodyOf: BodyOf, included: Set<string> = new Set(), stack: readonly string[] = [page]): string {
  if (!/\[!INCLUDE/i.test(markdown)) return markdown;
  const lines = markdown.split('\n');
  const fenced = fenceTracker(FENCE);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fenced(line)) continue;
    const m = MARKER.exec(line);
    if (!m) continue;
    const target = localTarget(page, m[2]!);
    if (!target || !/\.md$/i.test(target) || stack.includes(target) || stack.length > INCLUDE_DEPTH) continue;
    const body = bodyOf(target);
    if (body === undefined) continue;
    included.add(target);
    const inner = inlineIncludes(body, target, bodyOf, included, [...stack, target]);
    const rebased = rebase(inner, target, page).replace(/\n+$/, '');
    const prefix = m[1]!;
    lines[i] = rebased
      .split('\n')
      .map((l) => (l === '' ? prefix.trimEnd() : prefix + l))
      .join('\n');
  }
  return lines.join('\n');
}

/** `markdown` of `from` with its relative links written as seen from `to`. */
function rebase(markdown: string, from: string, to: string): string {
  if (dirname(from) === dirname(to)) return markdown;
  return rewriteLinks(markdown, (url) => {
    const target = localTarget(from, url);
    if (target === undefined) return undefined;
    const cut = url.search(/[?#]/);
    return encodeURI(relativeTarget(to, target)) + (cut < 0 ? '' : url.slice(cut));
  });
}
