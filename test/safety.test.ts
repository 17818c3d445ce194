/**
 * The unsafe-target judge (pipeline/check/safety.ts) on the ways browsers and CommonMark read HTML and
 * URLs differently from patterns: each case is what a renderer with raw HTML and Chromium would act on
 * (test/browser.test.ts renders a generated corpus in Chromium).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCodeSpans, pageFeatures, plainlyInert, unsafeTarget, urlScheme } from '../pipeline/check/safety.js';

const ENGLISH = 'Select **Save** to keep the [settings](https://example.com/a).';

describe('active content the English does not have is refused, however it is written', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a script', 'Hallo <script>alert(1)</script>', /adds <script>/],
    ['an event handler', '<img src=x onerror=alert(1)> Hallo', /adds an event handler attribute/],
    ['an element and its handler', '<svg onload=alert(1)>', /adds <svg>, an event handler attribute/],
    ['a quoted `>` before the handler', '<img alt="a>b" src=x onerror=alert(1)>', /an event handler attribute/],
    ['a handler on an unknown element, starting an HTML block', 'a\n<div><x:y/onmouseover=alert(1)>', /an event handler attribute/],
    ['a handler after `/` (text to CommonMark, a tag to browsers)', '<img/src="x"/onerror=alert(1)>', /an event handler attribute/],
    ['an unquoted value with `/` (a tag to CommonMark and markdown-it, text to micromark)', 'Hallo <iframe onerror=hit()/-->', /adds <iframe>, an event handler attribute/],
    ['a javascript: link', '[Hallo](javascript:alert(1))', /adds a script URL/],
    ['a backslash-escaped colon', '[Hallo](javascript\\:alert(1))', /adds a script URL/],
    ['a control character before the scheme', '[Hallo](<\u0001javascript:alert(1)>)', /adds a script URL/],
    ['a tab inside the scheme', '[Hallo](java&#9;script:alert(1))', /adds a script URL/],
    ['a zero-padded reference', '[Hallo](&#0000106;avascript:alert(1))', /adds a script URL/],
    ['an entity colon', '<a href="javascript&colon;alert(1)">Hallo</a>', /adds <a>, a script URL/],
    ['an upper-case scheme', '<JAVASCRIPT:alert(1)>', /adds a script URL/],
    ['a definition', '[x]: vbscript:msgbox\n[Hallo][x]', /adds a script URL/],
    ['a data: URL', '![x](data:text/html;base64,PHN2Zz4=)', /adds a data: URL/],
    ['a frame', '<iframe src="https://example.org"></iframe>', /adds <iframe>/],
    ['a style element', '<style>*{display:none}</style>', /adds <style>/],
    ['a base element', '<base href="https://evil.example/">', /adds <base>/],
    ['an added attribute on an element the English has', '<img src="a.png" style="position:fixed">', /adds a style attribute/],
    ['an undefined element with an attribute HTML defines', '<c13 style="position:fixed">x</c13>', /adds <c13>/],
    ['an undefined element with a data- attribute (scripts read them)', '<c13 data-toggle="modal">x</c13>', /adds <c13>/],
    ['a custom element (a script may define it)', '<my-widget></my-widget>', /adds <my-widget>/],
    ['an element HTML defines that is not formatting', '<details open>x</details>', /adds <details>/],
  ];
  it.each(cases)('%s', (_, target, message) => {
    const english = '<img src="a.png"> ' + ENGLISH;
    const issue = unsafeTarget(target, english);
    expect(issue?.rule).toBe('check/unsafe-markup');
    expect(issue?.message).toMatch(message);
  });
});

describe('what the English has is allowed', () => {
  it.each([
    ['its elements and attributes', '<a href="https://example.com"><b>x</b></a> y', '<b>z</b> <a href="https://example.com/fr">w</a>'],
    ['its own handler', '<button onclick="go()">Go</button>', '<button onclick="go()">Los</button>'],
    ['its scheme', '[Store](ms-windows-store://home)', '[Boutique](ms-windows-store://home)'],
    ['http(s), mailto and relative URLs anywhere', 'Read it.', '[Lisez](https://example.fr), [écrivez](mailto:a@b.c), [ici](../a.md#b), <https://example.fr>'],
    ['a colon in plain text', 'Note: this.', 'Hinweis: dies. javascript: ist Text.'],
    ['character references', 'Use the tag.', 'Das &lt;script&gt; Tag, &lt;img onerror=x&gt; als Text.'],
    ['autolinks', '<https://example.com/a?b=c>', '<https://example.com/fr?b=c&online=1>'],
    ['inert markup: formatting, and an element HTML does not define', 'Get-MbamTPMOwnerPassword', 'Get-Mbamtpmo<c13> Erpassword <sup title="x">1</sup>'],
    ['words machine translation left in a `<…>`', 'xor(...values: Array<boolean | Excel.Range>)', 'XOR (... valeurs : tableau<type Boolean Excel. Range>)'],
  ])('%s', (_, english, target) => {
    expect(unsafeTarget(target, english)).toBeUndefined();
  });
});

describe('in an HTML block, Markdown hides nothing', () => {
  it.each([
    ['a backslash-escaped tag', 'Das \\<script> Tag', /adds <script>/],
    ['an iframe in a code span', '`<iframe srcdoc="<script>alert(1)</script>">`', /adds <iframe>/],
    ['a handler on an element named like an autolink', '<xx:y/onmouseover=alert(1)>', /an event handler attribute/],
  ])('%s', (_, target, message) => {
    expect(unsafeTarget(target, 'Use the tag.', true)?.message).toMatch(message);
    // In Markdown the tag is escaped, in code, or an autolink (whose scheme is judged as a URL's).
    expect(unsafeTarget(target, 'Use the tag.')?.message ?? '').not.toMatch(message);
  });
});

describe('markup that would hide the rest of the page', () => {
  it.each([
    ['an unclosed comment', 'Hallo <!-- Welt', /comment that is never closed/],
    ['a textarea', 'Hallo <textarea>', /adds a <textarea> element/],
    ['a blank line', 'Hallo\n\nWelt', /blank line/],
  ])('%s', (_, target, message) => {
    const issue = unsafeTarget(target, ENGLISH);
    expect(issue?.rule).toBe('check/broken-structure');
    expect(issue?.message).toMatch(message);
  });
});

describe('URL schemes as the WHATWG URL parser reads them', () => {
  it.each([
    ['javascript:x', 'javascript'],
    [' \u0000\u001fJavaScript:x', 'javascript'],
    ['java\tscr\nipt:x', 'javascript'],
    ['java script:x', undefined],
    ['/a:b', undefined],
    ['a.md#x:y', undefined],
    ['https://x', 'https'],
  ])('%j → %s', (url, scheme) => {
    expect(urlScheme(url)).toBe(scheme);
  });
});

describe('the parser-free shortcut (plainlyInert) says inert only where the parser finds nothing to judge', () => {
  // Pieces that make links, definitions, bare URLs and schemes in every shape a destination can take.
  const pieces = [
    '[a](',
    '](',
    ')',
    '[r]: ',
    '[r]:',
    '![i](',
    ' ',
    '\n',
    'x',
    'javascript:',
    'JavaScript:',
    'data:',
    'http:',
    'https://e.com',
    'mailto:a@b.c',
    'www.e.com',
    'a@b.c',
    'xmpp:',
    ':',
    'ftp:',
    'java',
    'script:',
    '(',
    '"t"',
    '<',
    '>',
    '&#58;',
    '\\:',
    '\t',
    'Remarque :',
    'tel:1',
    '`',
    '``',
    '`<img onerror=x>`',
    '&amp;',
    'R&D',
    '&colon;',
    '<!--',
    '[a](x`)',
    ' "t `"',
    '|',
    ' <img onerror=x>',
    'suivantes: ',
    'ms-calc:',
    'xmpp:a@b.c',
    ']',
    '[r]',
    '\\<img onerror=x>',
    '\\\\',
    '\\-',
    '\\(',
    '\\*',
  ];
  it('every URL the parser finds in an inert-judged text is http, https, mailto or relative, and there is no HTML', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        for (const inHtmlBlock of [false, true]) {
          if (!plainlyInert(text, inHtmlBlock)) continue;
          const f = pageFeatures(text, inHtmlBlock);
          for (const view of [f.markdown, f.loose, f.html]) {
            expect(view.elements.size).toBe(0);
            expect(view.unclosedComment || view.openTag).toBe(false);
            for (const scheme of view.schemes) expect(['', 'http', 'https', 'mailto']).toContain(scheme);
          }
        }
      }),
      { numRuns: Number(process.env.SAFETY_RUNS ?? 5000) },
    );
  });
  it('a code span is HTML in an HTML block', () => {
    expect(plainlyInert('`<img src=x onerror=alert(1)>`', true)).toBe(false);
    expect(unsafeTarget('`<img src=x onerror=alert(1)>`', 'The `code`.', true)?.rule).toBe('check/unsafe-markup');
  });
  it.each([
    '[a](javascript:x)',
    '[a](JAVA\nSCRIPT:x)',
    '[a](java&#115;cript:x)',
    '[a](javascript\\:x)',
    '[r]: data:x',
    '<b>x</b>',
    'Remarque: [a](b)',
    '`a` <b> `c`',
    '\\`<img onerror=x>`',
    '`a\n<div onclick=x>`',
    '`a\nb` <i> `c`',
    'Voir: [a](ms-calc:)',
    'Écrire xmpp:a@b.c',
    '\\\\<img onerror=x>',
    '[a](java\\-script:x)',
    'https://e.com\\<img onerror=x>',
  ])('not inert: %j', (text) => {
    expect(plainlyInert(text)).toBe(false);
  });
  it.each([
    'Utilisez [Office](https://learn.microsoft.com/x) et `code`.',
    'Voir [la page](../a.md#b) : **gras**.',
    'Écrivez à a@b.c ou www.e.com.',
    'La balise `<FunctionFile ...>` et `` `<a>` ``.',
    'Q&A et [lien](/a?b=1&c=2).',
    'Les options suivantes: **gras** et [lien][ref].',
    'Le \\<Host\\> et \\*.md : voir la suite',
  ])('inert: %j', (text) => {
    expect(plainlyInert(text)).toBe(true);
  });
});

describe('a code span left open, which the next sentence on the page would close', () => {
  // Found by review: each sentence alone is inert, but on the page the first one's backtick pairs with
  // the second one's, and the HTML the second kept in a code span becomes markup.
  it('refuses a translation with an unmatched backtick its English does not have', () => {
    expect(unsafeTarget('Voir `', 'See')?.rule).toBe('check/broken-structure');
    expect(unsafeTarget('Utilisez ``x` et y.', 'Use `x` and y.')?.message).toMatch(/code span open/);
  });
  it('allows what the English has, and closed spans of any length', () => {
    expect(unsafeTarget('Utilisez `x` et ``y`z``.', 'Use `x` and ``y`z``.')).toBeUndefined();
    expect(unsafeTarget('La touche ` ouvre.', 'The ` key opens.')).toBeUndefined();
  });
  it.each([
    ['Voir `', 1],
    ['`a` b', 0],
    ['``a`` `', 1],
    ['```x', 1],
    ['`x``y```z`', 0],
    ['a \\` b', 0],
  ])('%j has %i open', (text, n) => {
    expect(openCodeSpans(text)).toBe(n);
  });
});

describe('linear on long texts (counts, not timings)', () => {
  it('50,000 `<` without `>` and a handler at the end', () => {
    const text = 'a < b <c '.repeat(50_000) + '<img src=x onerror=alert(1)>';
    expect(unsafeTarget(text, ENGLISH)?.message).toMatch(/an event handler attribute/);
  });
});
