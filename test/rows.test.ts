/**
 * `:::row:::` / `:::column:::` blocks (html/rows.ts) on HTML pages: a grid of columns whatever the
 * indentation, the span pairs of a bilingual page kept as in any paragraph, a malformed row left as
 * written, markers in code left alone; and the real Console-Docs page that has them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../pipeline/html/markdown-html.js';
import { rowsAsBlocks } from '../pipeline/html/rows.js';
import { splitFrontMatter } from '../pipeline/markdown/front-matter.js';
import { MSDOCS } from './support/fixtures.js';

const html = (md: string) => markdownToHtml(md, { sourceLocale: 'en-US', locale: 'de-DE', page: 'a/b.md' }).html;
const pair = (id: number, target: string, source: string) => `<span data-ttu-id="ab-${id}">${target}</span><span class="sxs-lookup"><span data-stu-id="ab-${id}">${source}</span></span>`;

describe(':::row::: and :::column:::', () => {
  it('Learn’s indented rows (no blank lines) become a grid; each column’s content carries its span pairs as a paragraph would', () => {
    const first = `[${pair(101, 'Datei kopieren', 'Copy a file')}](copy.md)  \n${pair(102, 'Eine Datei löschen.', 'Delete a file.')}`;
    const second = pair(103, 'Zweite Spalte.', 'Second column.');
    const md = [
      'Intro.',
      '',
      ':::row:::',
      '    :::column:::',
      ...first.split('\n').map((l) => `        ${l}`),
      '    :::column-end:::',
      '    :::column span="2":::',
      `        ${second}`,
      '    :::column-end:::',
      ':::row-end:::',
      '',
      'After.',
    ].join('\n');
    const out = html(md);
    expect(out).not.toContain(':::');
    // The same content, rendered as plain paragraphs: the columns hold exactly that.
    const alone = (text: string) => html(text).trim();
    expect(out).toBe(`<p>Intro.</p>\n<div class="row">\n<div class="column">\n${alone(first)}\n</div>\n<div class="column span-2">\n${alone(second)}\n</div>\n</div>\n<p>After.</p>`);
    expect(alone(first)).toContain('<a href="copy.html"><span data-ttu-id="ab-101">Datei kopieren</span><span class="sxs-lookup" lang="en-US">');
    expect(alone(first)).toContain('<br>\n<span data-ttu-id="ab-102">Eine Datei löschen.</span>');
  });

  it('blank lines and deep indentation inside a column are its own blocks, not code; fenced code inside stays code', () => {
    const md = [
      ':::row:::',
      '   :::column span="":::',
      '      First paragraph.',
      '',
      '      - a list',
      '      - of two',
      '',
      '      ```text',
      '      :::column-end:::',
      '      ```',
      '   :::column-end:::',
      '   :::column span="9":::',
      '\t\tTabbed text.',
      '   :::column-end:::',
      ':::row-end:::',
    ].join('\n');
    const out = html(md);
    expect(out).toContain(
      '<div class="row">\n<div class="column">\n<p>First paragraph.</p>\n<ul>\n<li>a list</li>\n<li>of two</li>\n</ul>\n<pre><code class="language-text">:::column-end:::\n</code></pre>\n</div>',
    );
    // span="9" is beyond what the grid offers: six columns at most.
    expect(out).toContain('<div class="column span-6">\n<p>Tabbed text.</p>\n</div>\n</div>');
  });

  it('a row that is not well formed is left as written', () => {
    for (const md of [
      ':::row:::\n:::column:::\nNo end.\n:::column-end:::\n',
      ':::row:::\nText outside a column.\n:::column:::\nx\n:::column-end:::\n:::row-end:::\n',
      ':::row:::\n:::column:::\nNot closed.\n:::row-end:::\n',
      ':::row:::\n:::column:::\n:::row:::\n:::column-end:::\n:::row-end:::\n',
      ':::row:::\n:::row-end:::\n',
    ]) {
      expect(rowsAsBlocks(md), md).toBe(md);
      expect(html(md), md).not.toContain('class="row"');
      expect(html(md), md).toContain(':::row:::');
    }
  });

  it('markers in fenced code, in a quote or as translated text are not a row', () => {
    const fenced = '```md\n:::row:::\n:::column:::\nx\n:::column-end:::\n:::row-end:::\n```\n';
    expect(rowsAsBlocks(fenced)).toBe(fenced);
    expect(html(fenced)).toContain('<pre><code class="language-md">:::row:::');
    expect(html('> :::row:::\n> :::column:::\n> x\n> :::column-end:::\n> :::row-end:::\n')).not.toContain('class="row"');
    // A translation cannot make one: its words are in span pairs, never a paragraph of their own.
    const translated = [':::row:::', ':::column:::', ':::column-end:::', ':::row-end:::'].map((m, i) => pair(110 + i, m, 'Marker.')).join('\n\n');
    expect(html(translated)).not.toContain('class="row"');
    // Nor markup of its own: the class is the sanitizer's business like any other.
    expect(html(pair(120, '<div class="row"><div class="column">x</div></div>', 'x'))).not.toContain('class="row"');
  });

  it('the Console-Docs page that has them, published in zh-TW: three columns, every span pair of the English kept', () => {
    const file = join(MSDOCS, 'zh-TW', 'Console-Docs', 'sxs', 'docs', 'console-application-issues.md');
    const body = splitFrontMatter(readFileSync(file, 'utf8')).body;
    const out = markdownToHtml(body, { sourceLocale: 'en-US', locale: 'zh-TW' }).html;
    expect(out).not.toContain(':::');
    expect(out.match(/<div class="row">/g)).toHaveLength(1);
    expect(out.match(/<div class="column">/g)).toHaveLength(3);
    // Every pair of the published file is on the page, in its order.
    const pairs = (h: string) => h.match(/<span data-ttu-id="[^"]+">/g);
    expect(pairs(out)!.length).toBeGreaterThan(30);
    expect(pairs(out)).toEqual(pairs(body));
    const english = join(MSDOCS, 'en-us', 'Console-Docs', 'docs', 'console-application-issues.md');
    const source = markdownToHtml(splitFrontMatter(readFileSync(english, 'utf8')).body, { sourceLocale: 'en-US' }).html;
    expect(source.match(/<div class="column">/g)).toHaveLength(3);
    expect(source).toContain('<div class="column">\n<p><a href="/windows/win32/api/winbase/nf-winbase-copyfile">CopyFile</a><br>');
  });
});
