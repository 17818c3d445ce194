/**
 * The bilingual format rules: heading slugs and anchors (§6), front-matter re-emission (§7),
 * id numbering (§2), link peeling (§5), block-image alt text, file shape (§1).
 */
import { describe, expect, it } from 'vitest';
import { emitFrontMatter, splitFrontMatter } from '../pipeline/markdown/front-matter.js';
import { slugify } from '../pipeline/markdown/slug.js';
import { emitYamlMapping, scalarStyle } from '../pipeline/markdown/yaml-emit.js';
import { doc, render } from './support/doc.js';
import { buildSourceDoc } from '../pipeline/core/doc.js';
import { Segmenter } from '../pipeline/markdown/segment.js';
import { DEFAULT_CONVENTIONS } from '../pipeline/core/conventions.js';
import { renderDoc } from '../pipeline/render/render.js';

const anchorOf = (heading: string) => /<a name="([^"]*)"><\/a>/.exec(render(`${heading}\n`, 'plain'))?.[1];

describe('heading slugs', () => {
  it.each([
    ['# Numpad & Function Keys', 'numpad--function-keys'],
    ['## WINDOW\\_BUFFER\\_SIZE\\_RECORD structure', 'window_buffer_size_record-structure'],
    ['### If your package is [open source](https://opensource.org)', 'if-your-package-is-open-source'],
    ['# [Using dotnet CLI](#tab/dotnet)', 'using-dotnet-cli'],
    ['## Known Issues ##', 'known-issues'],
    ['## The `nuget pack` command', 'the-nuget-pack-command'],
    ['## *Emphasis* and **strong**', 'emphasis-and-strong'],
    ['## <span id="Output_Sequences"></span>Output Sequences', 'span-idoutput_sequencesspanoutput-sequences'],
    ['## 4.7.500 Server busy, please try again later', '47500-server-busy-please-try-again-later'],
    ['## Café & naïve — über', 'caf--nave--ber'],
  ])('%s → %s', (heading, slug) => {
    expect(anchorOf(heading)).toBe(slug);
  });

  it('no de-duplication, no trimming of dashes', () => {
    expect(slugify('  - Same -  ')).toBe('--same--');
    const out = render('## Same\n\n## Same\n', 'plain');
    expect(out.match(/<a name="same"><\/a>/g)).toHaveLength(2);
  });

  it('no anchor on a code-only heading, nor where the heading has its own <a name>', () => {
    expect(render('## `CHAR_INFO`\n', 'bilingual')).toContain('## `CHAR_INFO`\n');
    expect(render('## <a name="mine"></a>Title\n', 'bilingual')).not.toContain('<a name="title">');
  });

  it('the anchor sits after the # marker, before the pair', () => {
    expect(render('# Hello world\n', 'bilingual')).toContain(
      '# <a name="hello-world"></a><span data-ttu-id="abcde-101">T101</span><span class="sxs-lookup"><span data-stu-id="abcde-101">Hello world</span></span>',
    );
  });

  it('TOC.md has neither spans nor anchors nor handoff keys', () => {
    expect(render('# [Home](index.md)\n## [Roadmap](roadmap.md)\n', 'bilingual', { '101': '[首頁](index.md)' }, 'docs/TOC.md')).toBe('# [首頁](index.md)\n## T102\n');
  });
});

describe('front matter re-emission', () => {
  const reemit = (yaml: string) => emitYamlMapping(splitFrontMatter(`---\n${yaml}---\nbody\n`).data!);

  it('drops comments and blank lines, keeps key order, block sequences at column 0', () => {
    expect(reemit('# comment\nb: 1x\n\na: [x, y]\nc:\n  - z\n')).toBe('b: 1x\na:\n- x\n- y\nc:\n- z\n');
  });

  it("removes needless quotes, double-quotes numbers, single-quotes `: `, empty and null → ''", () => {
    expect(reemit(`a: 'plain'\nb:\n- "1500021"\n- 4689\nc: 'x: y'\nd: ''\ne:\nf: "true"\ng: 05/24/2019\n`)).toBe(
      `a: plain\nb:\n- "1500021"\n- "4689"\nc: 'x: y'\nd: ''\ne: ''\nf: "true"\ng: 05/24/2019\n`,
    );
  });

  it('quotes what cannot be plain: a leading indicator or backslash, leading/trailing space, ` #`', () => {
    expect(scalarStyle('\\_win32\\_char\\_info\\_str')).toBe('single');
    expect(scalarStyle('base.char\\_info\\_str')).toBe('plain');
    expect(scalarStyle('PreferredSiteName:MSDN')).toBe('plain');
    expect(scalarStyle('- item')).toBe('single');
    expect(scalarStyle('a #b')).toBe('single');
    expect(scalarStyle(' lead')).toBe('single');
    expect(scalarStyle('3.14')).toBe('double');
    expect(scalarStyle('line\nbreak')).toBe('double');
    expect(scalarStyle('1050 スパム対策 4.7.500 サーバーがビジー状態です。')).toBe('plain');
  });

  it('appends the six handoff keys in order, replacing any the English carried', () => {
    const data = splitFrontMatter('---\ntitle: T\nms.locfileid: old\nms.author: me\n---\n').data;
    const keys = new Map([
      ['ms.locfileid', '44016895'],
      ['ms.lasthandoff', '05/04/2020'],
      ['ms.contentlocale', 'zh-TW'],
      ['ms.translationtype', 'HT'],
      ['ms.sourcegitcommit', 'b'.repeat(40)],
      ['ms.openlocfilehash', 'a'.repeat(40)],
    ] as const);
    expect(emitFrontMatter(data, new Map([['title', '標題']]), keys)).toBe(
      `---\ntitle: 標題\nms.author: me\nms.openlocfilehash: ${'a'.repeat(40)}\nms.sourcegitcommit: ${'b'.repeat(40)}\nms.translationtype: HT\nms.contentlocale: zh-TW\nms.lasthandoff: 05/04/2020\nms.locfileid: "44016895"\n---\n`,
    );
  });

  it('a file without front matter gets one with just the handoff keys; blank lines after it are dropped', () => {
    expect(render('Text.\n', 'plain')).toBe('---\nms.contentlocale: zh-TW\n---\nT101\n');
    expect(render('---\ntitle: A\n---\n\n\n# H\n', 'plain')).toBe('---\ntitle: T101\nms.contentlocale: zh-TW\n---\n# <a name="h"></a>T102\n');
  });

  it('the final newline is as in the source', () => {
    expect(render('Text.', 'plain').endsWith('T101')).toBe(true);
  });
});

describe('ids', () => {
  const ids = (md: string) => {
    const d = doc(md);
    return [...d.fields, ...d.blocks].map((u) => [u.pid ?? '', ...u.sentences.map((s) => s.n)]);
  };

  it('front matter title, description, keywords first, one per sentence; keywords is one unit', () => {
    expect(ids('---\nkeywords: a, b, c\ndescription: One. Two.\ntitle: T\nauthor: x\n---\n# H\n')).toEqual([
      ['', 101],
      ['p101', 102, 103],
      ['', 104],
      ['', 105],
    ]);
  });

  it('a file without front matter starts at 101', () => {
    expect(ids('Hello.\n')).toEqual([['', 101]]);
  });

  it('blocks of two or more sentences get pN in document order', () => {
    expect(ids('---\ntitle: A one. A two.\n---\nOne.\n\nTwo a. Two b.\n\n- Three a. Three b.\n')).toEqual([
      ['p101', 101, 102],
      ['', 103],
      ['p102', 104, 105],
      ['p103', 106, 107],
    ]);
  });

  it('block-image alt text consumes ids and is written without a span', () => {
    const out = render('Before.\n\n![Alt text here](media/x.png)\n\nAfter.\n', 'bilingual');
    expect(out).toContain('![T102](media/x.png)');
    expect(out).toContain('data-ttu-id="abcde-103"');
    expect(out).not.toContain('abcde-102');
  });

  it('a p-merged translation is one span with the whole block as SOURCE, its sentence ids unused', () => {
    const out = render('One. Two.\n', 'bilingual', { p101: '一二。' });
    expect(out).toContain('<span data-ttu-id="abcde-p101">一二。</span><span class="sxs-lookup"><span data-stu-id="abcde-p101">One. Two.</span></span>');
  });
});

describe('link peeling', () => {
  it('a sentence that is one link translated as one link to the same URL: pair inside the brackets, target title', () => {
    const out = render('- [Migrate Mailboxes](https://x/y "Title")\n', 'bilingual', { '101': '[移轉信箱](https://x/y "標題")' });
    expect(out).toContain('- [<span data-ttu-id="abcde-101">移轉信箱</span><span class="sxs-lookup"><span data-stu-id="abcde-101">Migrate Mailboxes</span></span>](https://x/y "標題")');
  });

  it('otherwise the whole link is inside the span', () => {
    const out = render('[Migrate SharePoint](https://x/s) data\n', 'bilingual', { '101': '[移轉 SharePoint](https://x/s) 資料' });
    expect(out).toContain('<span data-ttu-id="abcde-101">[移轉 SharePoint](https://x/s) 資料</span>');
    const other = render('[Docs](https://x/a)\n', 'bilingual', { '101': '請參閱 [文件](https://x/a)' });
    expect(other).toContain('<span data-ttu-id="abcde-101">請參閱 [文件](https://x/a)</span>');
  });

  it('bold is never peeled', () => {
    const out = render('**Bold text**\n', 'bilingual', { '101': '**粗體**' });
    expect(out).toContain('<span data-ttu-id="abcde-101">**粗體**</span>');
  });
});

describe('positions', () => {
  it('LineIndex gives what lineColumn gives, for every offset', async () => {
    const fc = (await import('fast-check')).default;
    const { LineIndex, lineColumn } = await import('../pipeline/text/lines.js');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', ' ', 'é') }), fc.integer({ min: 1, max: 9 }), (text, first) => {
        const index = new LineIndex(text, first);
        for (let i = 0; i <= text.length; i++) expect(index.at(i)).toEqual(lineColumn(text, i, first));
      }),
      { numRuns: 300 },
    );
  });

  it('front-matter values: the value, a list item, a block scalar', async () => {
    const { valuePosition } = await import('../pipeline/markdown/front-matter.js');
    const fm = "---\ntitle: 'Hello'\nkeywords:\n- one\n-   two\ndescription: >-\n  Folded\n  text\n---\n";
    expect(valuePosition(fm, 'title')).toEqual({ line: 2, column: 9 });
    expect(valuePosition(fm, 'keywords', 1)).toEqual({ line: 5, column: 5 });
    expect(valuePosition(fm, 'description')).toEqual({ line: 7, column: 3 });
    expect(valuePosition(fm, 'missing')).toEqual({ line: 1, column: 1 });
  });
});

describe('the conventions of a generation (core/conventions.ts)', () => {
  const md = '# Title\n\n**Note**\n\n<a href="" id="x"></a>**Browse**\n\n`NAME` – Allows it.\n';
  it('anchors: none before heading text', () => {
    expect(render(md)).toContain('# <a name="title"></a><span');
    expect(render(md, 'bilingual', {}, 'doc.md', { anchors: false })).toContain('# <span data-ttu-id="abcde-101">');
  });

  it('peelMarkup: emphasis around a sentence and tokens without text at its edges go outside the pair', () => {
    const targets = { '102': '**Remarque**', '103': '<a href="" id="x"></a>**Parcourir**', '104': '`NAME` – Le permet.' };
    const peeled = render(md, 'bilingual', targets, 'doc.md', { peelMarkup: true });
    expect(peeled).toContain('**<span data-ttu-id="abcde-102">Remarque</span><span class="sxs-lookup"><span data-stu-id="abcde-102">Note</span></span>**');
    expect(peeled).toContain('<a href="" id="x"></a>**<span data-ttu-id="abcde-103">Parcourir</span>');
    expect(peeled).toContain('`NAME` <span data-ttu-id="abcde-104">– Le permet.</span><span class="sxs-lookup"><span data-stu-id="abcde-104">– Allows it.</span></span>');
    // Without the convention, all of it stays inside; with it, a translation without the markup keeps it inside too.
    expect(render(md, 'bilingual', targets)).toContain('<span data-ttu-id="abcde-102">**Remarque**</span>');
    expect(render(md, 'bilingual', { ...targets, '102': 'Remarque' }, 'doc.md', { peelMarkup: true })).toContain(
      '<span data-ttu-id="abcde-102">Remarque</span><span class="sxs-lookup"><span data-stu-id="abcde-102">**Note**</span>',
    );
  });

  it('keepNbsp: no-break spaces kept outside pairs and left out of SOURCE', () => {
    const withNbsp = 'A\u00a0sentence. Next one.\n\n\u00a0\n\nLast.\n';
    expect(render(withNbsp)).toContain('\n \n');
    const kept = renderKept(withNbsp);
    expect(kept).toContain('\n\u00a0\n');
    expect(kept).toContain('<span data-stu-id="abcde-101">Asentence.</span>');
  });
});

/** Renders a document read as the generation that keeps no-break spaces reads it. */
function renderKept(markdown: string): string {
  const d = buildSourceDoc('doc.md', Buffer.from(markdown), { segmenter: new Segmenter(), keepNbsp: true });
  return renderDoc(
    d,
    { lookup: (id) => (id.startsWith('p') ? undefined : { target: `T${id}` }) },
    { prefix: 'abcde', keys: new Map(), conventions: { ...DEFAULT_CONVENTIONS, keepNbsp: true } },
    'bilingual',
  ).text;
}
