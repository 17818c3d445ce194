/**
 * Round-trip property (fast-check): for generated Markdown documents, building with
 * target = source gives back the source. "Back" means the same Markdown content: both parse to the
 * same tree once positions are ignored and whitespace runs are compared as one space — the
 * documented normalizations (soft breaks joined inside a sentence, `*` escaped, NBSP and tabs,
 * blank lines after the front matter, heading anchors added) change bytes, never content.
 */
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { sourceFromBilingual } from '../pipeline/bilingual/unsxs.js';
import { splitFrontMatter } from '../pipeline/markdown/front-matter.js';
import { parseMarkdown } from '../pipeline/markdown/parse.js';
import { renderDoc } from '../pipeline/render/render.js';
import { doc } from './support/doc.js';

const word = fc.constantFrom(
  'the', 'package', 'NuGet', 'restore', 'e.g.', 'U.S.', 'nuget.org', 'v1.0', 'I/O', 'B', '2', '100,000', 'it’s', "don't",
  'snake_case', 'a*b', '*', '(see', 'that)', '"quoted"', 'Café', '設定', '&amp;', 'x&y', '--flag', '#hash', 'etc.', '...',
);
const terminator = fc.constantFrom('.', '!', '?', '.', '."', ':', '');
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => `**${w.join(' ')}**`) },
  { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => `_${w.join(' ')}_`) },
  { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => `[${w.join(' ')}](https://example.com/a_b)`) },
  { weight: 1, arbitrary: fc.constantFrom('`code`', '`a.b()`', '<kbd>Ctrl</kbd>', '![alt text](img.png)') },
);
const sentence = fc.tuple(fc.array(inline, { minLength: 1, maxLength: 7 }), terminator).map(([w, t]) => `${w.join(' ')}${t}`);
/** Sentences joined by a space, two spaces, a soft break or a hard break. */
const lines = fc
  .array(fc.tuple(sentence, fc.constantFrom(' ', '  ', '\n', '  \n')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([s, sep], i) => (i === parts.length - 1 ? s : s + sep)).join(''));

const block = fc.oneof(
  lines,
  fc.tuple(fc.integer({ min: 1, max: 4 }), sentence).map(([n, s]) => `${'#'.repeat(n)} ${s.replace(/^[#>*+\-\d]/, 'x')}`),
  fc.array(lines, { minLength: 1, maxLength: 3 }).map((items) => items.map((i) => `- ${i.replace(/\n/g, '\n  ')}`).join('\n')),
  fc.array(lines, { minLength: 1, maxLength: 3 }).map((items) => items.map((i, n) => `${n + 1}. ${i.replace(/\n/g, '\n   ')}`).join('\n')),
  lines.map((l) => l.split('\n').map((x) => `> ${x}`).join('\n')),
  fc.constantFrom('> [!NOTE]\n> Read this. Then that.', '[!INCLUDE [intro](includes/intro.md)]', '```cs\nvar x = 1. // comment.\n```', '---'),
  fc
    .array(fc.array(fc.oneof(sentence.map((s) => s.replace(/\|/g, '')), fc.constant('`x`'), fc.constant('1.0 <br> 1.1')), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 })
    .map((rows) => ['| Head one | Head two |', '| --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')),
);

const document = fc
  .tuple(fc.option(fc.tuple(sentence, sentence)), fc.array(block, { minLength: 1, maxLength: 6 }))
  .map(([fm, blocks]) => {
    const head = fm ? `---\ntitle: ${JSON.stringify(fm[0])}\ndescription: ${JSON.stringify(fm[1])}\nms.topic: article\n---\n\n` : '';
    // Headings must not turn the line above into a setext heading, so blocks are blank-line separated.
    // A leading `---` would open a front matter (a document starting with a thematic break is not this test's subject).
    const text = blocks.join('\n\n');
    return head + (text.startsWith('---') ? `Intro.\n\n${text}` : text) + '\n';
  });

/** The content of a Markdown body: node types, values and attributes, without positions or whitespace detail. */
function content(markdown: string): unknown {
  const simplify = (node: Nodes): unknown => {
    const out: Record<string, unknown> = { type: node.type };
    for (const [k, v] of Object.entries(node)) {
      if (k === 'position' || k === 'children' || k === 'type' || k === 'spread') continue;
      out[k] = typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v;
    }
    if ('children' in node) {
      const kids: unknown[] = [];
      for (const child of node.children as Nodes[]) {
        // Heading anchors are added by the build; merge the text they split.
        if (child.type === 'html' && /^<a name="[^"]*"><\/a>$/.test(child.value)) continue;
        kids.push(simplify(child));
      }
      out.children = kids.filter((k, i) => !(i > 0 && (k as { type: string }).type === 'text' && (kids[i - 1] as { type: string }).type === 'text'));
    }
    return out;
  };
  return simplify(parseMarkdown(markdown.replace(/<a name="[^"]*"><\/a>/g, '')));
}

const body = (text: string) => splitFrontMatter(text).body;
/** Every sentence translated as itself (a `pN` merge is a translator's choice, not made here). */
const identity = { lookup: (id: string, source: string) => (id.startsWith('p') ? undefined : source) };
const handoff = { prefix: 'abcde', keys: new Map() };

describe('build with target = source gives back the source', () => {
  it('plain rendition', () => {
    fc.assert(
      fc.property(document, (md) => {
        const out = renderDoc(doc(md), identity, handoff, 'plain').text;
        expect(content(body(out))).toEqual(content(body(md)));
        const fm = splitFrontMatter(md).data;
        if (fm) expect(splitFrontMatter(out).data).toMatchObject(fm);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 400) },
    );
  });

  it('bilingual rendition, pairs read back as their SOURCE', () => {
    fc.assert(
      fc.property(document, (md) => {
        const out = renderDoc(doc(md), identity, handoff, 'bilingual').text;
        expect(content(body(sourceFromBilingual(out)))).toEqual(content(body(md)));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 400) },
    );
  });
});

describe('any input', () => {
  const markdownish = fc.string({
    unit: fc.oneof(
      fc.constantFrom('*', '_', '`', '[', ']', '(', ')', '!', '<', '>', '#', '-', '|', ':', '.', ' ', '\n', '\t', '\\', '&', ';', '"', '~', '\u00a0', '\r'),
      fc.constantFrom('a', 'B', '1', 'é', '設', '---', '```', '> ', '- ', '1. ', '| a | b |\n|---|---|\n', '<br>', '<td>', '![x](y)', '[!NOTE]', ':::row:::'),
    ),
    maxLength: 120,
  });

  it('parses, numbers and renders without crashing; ids stay in document order', () => {
    fc.assert(
      fc.property(markdownish, (md) => {
        let d;
        try {
          d = doc(md);
        } catch (e) {
          // The only refusal allowed: a broken front matter, reported with a position.
          expect((e as Error).constructor.name).toBe('FrontMatterError');
          return;
        }
        const out = renderDoc(d, identity, handoff, 'bilingual').text;
        expect(typeof out).toBe('string');
        const ids = d.blocks.flatMap((b) => b.sentences.map((s) => s.n));
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 400) * 5 },
    );
  });
});
