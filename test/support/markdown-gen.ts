/**
 * fast-check generators of documentation-like Markdown: words with the hard cases of segmentation
 * (abbreviations, versions, CJK, entities), inline markup, sentences, and blocks (paragraphs,
 * headings, lists, quotes, alerts, includes, code, tables) under optional front matter.
 */
import fc from 'fast-check';

export const word = fc.constantFrom(
  'the',
  'package',
  'NuGet',
  'restore',
  'e.g.',
  'U.S.',
  'nuget.org',
  'v1.0',
  'I/O',
  'B',
  '2',
  '100,000',
  'it’s',
  "don't",
  'snake_case',
  'a*b',
  '*',
  '(see',
  'that)',
  '"quoted"',
  'Café',
  '設定',
  '&amp;',
  'x&y',
  '--flag',
  '#hash',
  'etc.',
  '...',
);
const terminator = fc.constantFrom('.', '!', '?', '.', '."', ':', '');
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => `**${w.join(' ')}**`) },
  { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => `_${w.join(' ')}_`) },
  { weight: 1, arbitrary: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => `[${w.join(' ')}](https://example.com/a_b)`) },
  { weight: 1, arbitrary: fc.constantFrom('`code`', '`a.b()`', '<kbd>Ctrl</kbd>', '![alt text](img.png)') },
);
export const sentence = fc.tuple(fc.array(inline, { minLength: 1, maxLength: 7 }), terminator).map(([w, t]) => `${w.join(' ')}${t}`);
/** Sentences joined by a space, two spaces, a soft break or a hard break. */
const lines = fc
  .array(fc.tuple(sentence, fc.constantFrom(' ', '  ', '\n', '  \n')), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([s, sep], i) => (i === parts.length - 1 ? s : s + sep)).join(''));

const block = fc.oneof(
  lines,
  fc.tuple(fc.integer({ min: 1, max: 4 }), sentence).map(([n, s]) => `${'#'.repeat(n)} ${s.replace(/^[#>*+\-\d]/, 'x')}`),
  fc.array(lines, { minLength: 1, maxLength: 3 }).map((items) => items.map((i) => `- ${i.replace(/\n/g, '\n  ')}`).join('\n')),
  fc.array(lines, { minLength: 1, maxLength: 3 }).map((items) => items.map((i, n) => `${n + 1}. ${i.replace(/\n/g, '\n   ')}`).join('\n')),
  lines.map((l) =>
    l
      .split('\n')
      .map((x) => `> ${x}`)
      .join('\n'),
  ),
  fc.constantFrom('> [!NOTE]\n> Read this. Then that.', '[!INCLUDE [intro](includes/intro.md)]', '```cs\nvar x = 1. // comment.\n```', '---'),
  fc
    .array(
      fc.array(
        fc.oneof(
          sentence.map((s) => s.replace(/\|/g, '')),
          fc.constant('`x`'),
          fc.constant('1.0 <br> 1.1'),
        ),
        { minLength: 2, maxLength: 2 },
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((rows) => ['| Head one | Head two |', '| --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')),
);

export const document = fc.tuple(fc.option(fc.tuple(sentence, sentence)), fc.array(block, { minLength: 1, maxLength: 6 })).map(([fm, blocks]) => {
  const head = fm ? `---\ntitle: ${JSON.stringify(fm[0])}\ndescription: ${JSON.stringify(fm[1])}\nms.topic: article\n---\n\n` : '';
  // Headings must not turn the line above into a setext heading, so blocks are blank-line separated.
  // A leading `---` would open a front matter (a document starting with a thematic break is not this test's subject).
  const text = blocks.join('\n\n');
  return head + (text.startsWith('---') ? `Intro.\n\n${text}` : text) + '\n';
});

/**
 * Arbitrary CommonMark + GFM: random text over the characters that make Markdown syntax, with
 * words, and snippets of every construct (emphasis, strikethrough, code spans, links, references,
 * images, autolinks, footnotes, inline HTML, entities, escapes, breaks, headings, lists, task
 * lists, quotes, tables, fences, HTML blocks, thematic breaks).
 */
export const anyMarkdown = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('*', '_', '`', '[', ']', '(', ')', '!', '<', '>', '#', '-', '+', '|', '\\', '&', ';', ':', '.', ' ', '\n', '\n\n', '~', '"', '=', '1.', '    ') },
      { weight: 4, arbitrary: fc.constantFrom('word', 'The', 'end.', 'Next', 'e.g.', 'x', '設定', 'Café', '2.0') },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          '**b**',
          '*i*',
          '_i_',
          '~~s~~',
          '`c`',
          '``c ` d``',
          '[l](u.md)',
          '[l](<u v> "t")',
          '[r][ref]',
          '[ref]',
          '![a](i.png "t")',
          '<https://x.y>',
          'https://x.y/z',
          'a@b.co',
          '[^1]',
          '<kbd>K</kbd>',
          '<span>s</span>',
          '&amp;',
          '&#169;',
          '\\*',
          'a  \nb',
          'a\\\nb',
          '# H',
          'H\n===',
          '- a\n  - b',
          '1. a\n2. b',
          '- [ ] t',
          '> q\n> r',
          '| a | b |\n| :- | -: |\n| c | d |',
          '```js\nx\n```',
          '    code',
          '<div>\nhtml\n</div>',
          '---',
          '[ref]: https://r.example',
          '[^1]: note.',
        ),
      },
    ),
    { maxLength: 40 },
  )
  .map((parts) => `${parts.join('')}\n`);
