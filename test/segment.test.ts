/**
 * Sentence segmentation: each rule of spec §4 and its counter-examples.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ABBREVIATIONS } from '../pipeline/markdown/segment.js';
import { doc, render, sentences } from './support/doc.js';

const one = (md: string) => sentences(md)[0];

describe('sentence boundaries', () => {
  it('break after . ! ? when whitespace follows, whatever comes next', () => {
    expect(one('One. Two! Three? Four. five. 5 items. (Six) [Seven](x). Run `Eight`. *Nine*.')).toEqual([
      'One.',
      'Two!',
      'Three?',
      'Four.',
      'five.',
      '5 items.',
      '(Six) [Seven](x).',
      'Run `Eight`.',
      '*Nine*.',
    ]);
  });

  it('a question mark before lower-case text is a label, not an end (but after a closing quote it is)', () => {
    expect(one('Set **Who can consent?** to **Admins**. It fails with a #NAME? error. Search "What is a web app?" on Bing.')).toEqual([
      'Set **Who can consent?** to **Admins**.',
      'It fails with a #NAME? error.',
      'Search "What is a web app?"',
      'on Bing.',
    ]);
  });

  it('a closing quote after the terminator stays with the sentence', () => {
    expect(one('He said "Stop." Then left. She said “Go!” And went.')).toEqual(['He said "Stop."', 'Then left.', 'She said “Go!”', 'And went.']);
  });

  it('no break at : or ; nor after .)', () => {
    expect(one('Do this: run it; then stop (or not.) Done.')).toEqual(['Do this: run it; then stop (or not.) Done.']);
  });

  it('no break without whitespace after the terminator', () => {
    expect(one('Use version 1.0.0.1 or nuget.exe in the U.S.A today.')).toEqual(['Use version 1.0.0.1 or nuget.exe in the U.S.A today.']);
  });

  it('never splits inside bold, emphasis, links or code', () => {
    expect(one('**Note. Read this.** Then *this. And that.* See [one. two](x). Run `a. b`. End.')).toEqual([
      '**Note. Read this.**',
      'Then *this. And that.*',
      'See [one. two](x).',
      'Run `a. b`.',
      'End.',
    ]);
  });

  it('a hard line break ends the sentence and the unit (each line is numbered as a unit); the break stays between the pairs', () => {
    expect(sentences('First line  \nsecond line\\\nthird line')).toEqual([['First line'], ['second line'], ['third line']]);
    expect(doc(' a. One  [*Reject*]  \n b. Two\n').blocks.map((b) => [b.pid, b.sentences.length])).toEqual([
      ['p101', 2],
      ['p102', 2],
    ]);
    expect(render('First line  \nsecond line\n', 'plain')).toContain('T101  \nT102');
  });

  it('<br>, <ul>, <li>, <p> and comments in a table cell or paragraph end a unit (each piece its own unit, numbered on its own)', () => {
    const md = '| a | b |\n| - | - |\n| 1.0 <br> 1.1 | <ul><li>One.</li><li>Two. Three.</li></ul> |\n\nLead <!-- hidden --> rest.\n';
    expect(sentences(md)).toEqual([['a'], ['b'], ['1.0'], ['1.1'], ['One.'], ['Two.', 'Three.'], ['Lead'], ['rest.']]);
    expect(render(md)).toContain('<ul><li><span data-ttu-id="abcde-105">T105</span>');
    expect(render(md)).toContain('</span></span> <!-- hidden --> <span data-ttu-id="abcde-109">');
    // "Two. Three." is a unit of its own: the first paragraph id.
    expect(
      doc(md)
        .blocks.filter((b) => b.pid)
        .map((b) => [b.pid, b.source]),
    ).toEqual([['p101', 'Two. Three.']]);
  });

  it('a soft break inside a sentence becomes one space; at a boundary it stays a line break', () => {
    expect(one('A sentence that\ncontinues here. And\n  another.\nThird one.')).toEqual(['A sentence that continues here.', 'And another.', 'Third one.']);
    expect(render('A sentence that\ncontinues here. And\n  another.\nThird one.\n', 'plain')).toContain('T101 T102\nT103');
  });

  it('in a blockquote the line prefix stays outside the pairs', () => {
    expect(render('> One line.\n> Two line.\n', 'plain')).toContain('> T101\n> T102');
    expect(one('> Reserve it:\n> ![image](x.png)')).toEqual(['Reserve it: ![image](x.png)']);
  });

  it('headings are segmented too', () => {
    expect(one('# Install it. Then run?')).toEqual(['Install it.', 'Then run?']);
  });

  it('a sentence that is only code is not a unit; code with punctuation outside it is', () => {
    expect(one('Run it. `array[0]`. Done.')).toEqual(['Run it.', '`array[0]`.', 'Done.']);
    expect(sentences('| `a`, `b` | `code()` | [!x-z] |\n|-|-|-|\n')).toEqual([['`a`, `b`']]);
  });

  it('a space between a period and a dash stays with the next sentence', () => {
    expect(one('Restore first. - [#8071](https://x/8071)')).toEqual(['Restore first.', ' - [#8071](https://x/8071)']);
    expect(one('*"Quoted."* - Author. Next.')).toEqual(['*"Quoted."*', '- Author.', 'Next.']);
  });
});

describe('no break after abbreviations', () => {
  it.each(['e.g.', 'i.e.', 'etc.', 'U.S.', 'vs.', 'Jan.', 'Sept.', 'out.', 'tab.', 'sync.', 'admin.', 'org.', 'config.'])('%s', (abbr) => {
    expect(one(`Before ${abbr} After this.`)).toEqual([`Before ${abbr} After this.`]);
  });

  it('inside a longer word only when the abbreviation starts the word part', () => {
    expect(one('Host on nuget.org. These are shown.')).toEqual(['Host on nuget.org. These are shown.']);
    expect(one('Download nuget.exe. See the docs.')).toEqual(['Download nuget.exe.', 'See the docs.']);
    expect(one('Use async. Then wait.')).toEqual(['Use async.', 'Then wait.']);
  });

  it('a single capital letter', () => {
    expect(one('Package B. Then (C. more) things.')).toEqual(['Package B. Then (C. more) things.']);
    expect(one('Do the I/O. Be sure.')).toEqual(['Do the I/O.', 'Be sure.']);
  });

  it('... never ends a sentence; … does, except inside straight quotes', () => {
    expect(one('Wait... Then go. Click **Save as…** to save… And "640 K…" are enough.')).toEqual(['Wait... Then go.', 'Click **Save as…**', 'to save…', 'And "640 K…" are enough.']);
  });

  it('the list is configurable', () => {
    expect(sentences('Call the admin. Then wait.', ['e.g.'])[0]).toEqual(['Call the admin.', 'Then wait.']);
    expect(sentences('Use approx. Ten.', [...DEFAULT_ABBREVIATIONS, 'approx.'])[0]).toEqual(['Use approx. Ten.']);
  });
});

describe('SOURCE normalization', () => {
  it('NBSP becomes a space and tabs expand to 4-column stops', () => {
    expect(one('Windows\u00a02000 works.')).toEqual(['Windows 2000 works.']);
    expect(
      render('| a\tb | c |\n| - | - |\n| 1 | 2 |\n', 'plain')
        .split('\n')
        .find((l) => l.startsWith('| T')),
    ).toBe('| T101 | T102 |');
    expect(render('-\t[x](y) item\n', 'plain')).toContain('-   T101');
  });

  it('a literal * is escaped; emphasis is not', () => {
    expect(one('Enter * for *all* of 1.1.* here.')).toEqual(['Enter \\* for *all* of 1.1.\\* here.']);
  });

  it('strong glued to a letter or digit gets a space on that side; next to a parenthesis it stays glued', () => {
    expect(one('The (**FLAG**) and **HANDLE**s, **QueryDefs**(0), HTTP**S**, **Note**: ok.')).toEqual(['The (**FLAG**) and **HANDLE** s, **QueryDefs**(0), HTTP **S**, **Note**: ok.']);
  });
});

describe('what is a unit', () => {
  it('untouched: code, include and alert lines, directive lines, code-only and link-to-code units, lone punctuation', () => {
    const md = [
      '```cs',
      'var x = 1. Then;',
      '```',
      '',
      '[!INCLUDE [x](../includes/x.md)]',
      '',
      '> [!NOTE]',
      '> Notes are translated.',
      '',
      ':::row:::',
      '    :::column:::',
      '        [Link text](x.md)  ',
      '    :::column-end:::',
      ':::row-end:::',
      '',
      '`code only`',
      '',
      '[`CodeLink`](x.md)',
      '',
      '<https://example.com>',
      '',
      '| * | - | &nbsp; | * - * | ┘ | @id |',
      '| - | - | - | - | - | - |',
      '',
    ].join('\n');
    expect(sentences(md)).toEqual([['Notes are translated.'], ['[Link text](x.md)'], ['\\* - \\*'], ['┘']]);
  });

  it('a unit is spanned even when the translation equals the source', () => {
    expect(render('Kernel32.lib\n', 'bilingual', { '101': 'Kernel32.lib' })).toContain(
      '<span data-ttu-id="abcde-101">Kernel32.lib</span><span class="sxs-lookup"><span data-stu-id="abcde-101">Kernel32.lib</span></span>',
    );
  });

  it('text inside HTML blocks is translated; tags and comments are not', () => {
    const md = '<table>\n<tr><td>First cell. Two.</td><td><code>x</code></td></tr>\n<!-- a comment. -->\n</table>\n';
    expect(sentences(md)).toEqual([['First cell.', 'Two.']]);
  });
});
