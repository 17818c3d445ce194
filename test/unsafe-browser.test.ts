/// <reference lib="dom" />
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserTests, CHROMIUM, INSTALL } from './support/browser.js';

let browser: Browser;

beforeAll(async () => {
  if (CHROMIUM === '') {
    if (process.env.CI === 'true') throw new Error(`Chromium not found (CI=true: the browser tests must run): ${INSTALL}`);
    return;
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
});

afterAll(async () => {
  await browser?.close();
});

/**
 * The unsafe-target judge against the browser: generated translations, published in the places a
 * translation stands (a bilingual span pair, the plain rendition's line start, an HTML block), are
 * rendered by two independent renderers that pass raw HTML and every URL through (markdown-it with
 * `html: true` and no link validation; micromark with dangerous HTML and protocols allowed), and
 * loaded in Chromium. Where the judge refuses, the English is published, as build does. Chromium is
 * the oracle: no handler may run or exist, no active element exist, and no URL resolve (by the
 * browser's own URL parser) to a scheme other than http, https or mailto.
 */
const ENGLISH = 'Select Save to keep the settings.';
const PIECES = [
  'Hallo ',
  'x',
  ' ',
  '\n',
  '\n<div>',
  '<img',
  '<svg',
  '<a',
  '<iframe',
  '<details open',
  '<x:y',
  '<IMG',
  '<script>hit()</script>',
  '<style>',
  '<!--',
  '-->',
  '>',
  '/',
  '"',
  "'",
  '=',
  'src=x',
  ' src=x',
  ' onerror=hit()',
  '/onerror=hit()',
  ' onload=hit()',
  ' ontoggle=hit()',
  ' alt="a>b"',
  " title='>'",
  ' href=',
  '"javascript:hit()"',
  'javascript:hit()',
  'jav&#x09;ascript:hit()',
  '&#0000106;avascript:hit()',
  '\u0001javascript:hit()',
  'java\tscript:hit()',
  'javascript\\:hit()',
  'JaVaScRiPt&colon;hit()',
  'data:text/html,hit',
  '[x](',
  '](',
  ')',
  '![i](',
  '<javascript:hit()>',
  '<',
  '[r]: ',
  '[r]',
  '`',
  '`<img src=x onerror=hit()>`',
  '\\',
  '&lt;',
  '&#60;',
  'https://ok.example/',
];
/** What Chromium finds active on a page (evaluated in the page). */
function activeInPage(): string[] {
  const found: string[] = [];
  const w = window as unknown as { __hits?: number };
  if (w.__hits) found.push(`${w.__hits} handler(s) ran`);
  const ACTIVE = new Set([
    'SCRIPT',
    'IFRAME',
    'FRAME',
    'FRAMESET',
    'OBJECT',
    'EMBED',
    'APPLET',
    'BASE',
    'META',
    'LINK',
    'STYLE',
    'FORM',
    'SVG',
    'MATH',
    'TEXTAREA',
    'XMP',
    'PLAINTEXT',
    'NOSCRIPT',
    'NOEMBED',
    'NOFRAMES',
    'TEMPLATE',
  ]);
  const URLS = ['href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster', 'xlink:href'];
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    if (ACTIVE.has(el.tagName.toUpperCase())) found.push(`<${el.tagName.toLowerCase()}>`);
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) found.push(`${el.tagName.toLowerCase()} ${a.name}`);
      if (!URLS.includes(a.name.toLowerCase())) continue;
      let protocol = 'https:';
      try {
        protocol = new URL(a.value, document.baseURI).protocol;
      } catch {
        // Not a URL a browser would load.
      }
      if (!['http:', 'https:', 'mailto:'].includes(protocol)) found.push(`${el.tagName.toLowerCase()} ${a.name}=${protocol}`);
    }
  }
  return found;
}

browserTests(CHROMIUM !== '' ? 'generated hostile translations rendered in Chromium' : `generated hostile translations in Chromium (skipped: no Chromium found; ${INSTALL})`, () => {
  it('what the judge lets through is inert in the browser; much of what it refuses is not', async () => {
    const { default: MarkdownIt } = await import('markdown-it');
    const { micromark } = await import('micromark');
    const { gfm, gfmHtml } = await import('micromark-extension-gfm');
    const { unsafeTarget } = await import('../pipeline/check/safety.js');
    const fc = (await import('fast-check')).default;
    const mdit = new MarkdownIt({ html: true, linkify: true });
    mdit.validateLink = () => true;
    const render = (md: string) => [mdit.render(md), micromark(md, { allowDangerousHtml: true, allowDangerousProtocol: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })];
    /** The published Markdown of neighbouring sentences in each place, with the judge's verdicts applied. */
    const pages = (texts: string[], judged: boolean) => {
      const md = texts.map((t) => (judged && unsafeTarget(t, ENGLISH) ? ENGLISH : t));
      const html = texts.map((t) => (judged && unsafeTarget(t, ENGLISH, true) ? ENGLISH : t));
      const pair = (t: string, i: number) => `<span data-ttu-id="a-${101 + i}">${t}</span><span class="sxs-lookup"><span data-stu-id="a-${101 + i}">${ENGLISH}</span></span>`;
      return [`Intro. ${md.map(pair).join(' ')} End.\n`, `${md.join(' ')}\n`, `<div>\n${html.join(' ')}\n</div>\n`].flatMap(render);
    };
    const context = await browser.newContext();
    const page = await context.newPage();
    let current = '';
    await page.addInitScript(() => {
      (window as unknown as { hit: () => void }).hit = () => {
        const w = window as unknown as { __hits?: number };
        w.__hits = (w.__hits ?? 0) + 1;
      };
    });
    await page.route('https://docs.example/**', (route) =>
      route.request().url() === 'https://docs.example/page' ? route.fulfill({ contentType: 'text/html', body: current }) : route.fulfill({ status: 404, body: '' }),
    );
    const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    /** What Chromium finds active in each rendering (named `g…` published, `u…` unjudged), each in its own frame. */
    const activeIn = async (frames: Record<string, string[]>) => {
      const docs = Object.entries(frames).flatMap(([name, parts]) => parts.map((part, i) => [`${name}${i}`, part] as const));
      current = `<!doctype html><html><body>${docs.map(([name, part]) => `<iframe name="${name}" srcdoc="${attr(`<!doctype html><html><body>${part}</body></html>`)}"></iframe>`).join('')}</body></html>`;
      await page.goto('https://docs.example/page');
      await page.waitForTimeout(5);
      const found: Record<string, string[]> = {};
      for (const [name, part] of docs) {
        const frame = page.frame({ name });
        const active = frame ? await frame.evaluate(activeInPage) : ['frame missing'];
        (found[name.slice(0, 1)] ??= []).push(...active.map((f) => `${f} in ${JSON.stringify(part)}`));
      }
      return found;
    };
    let refusedActive = 0;
    let accepted = 0;
    const runs = Number(process.env.BROWSER_RUNS ?? 30);
    const sentence = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(sentence, { minLength: 1, maxLength: 2 }), async (texts) => {
        const refused = texts.some((t) => unsafeTarget(t, ENGLISH) || unsafeTarget(t, ENGLISH, true));
        const found = await activeIn(refused ? { g: pages(texts, true), u: pages(texts, false) } : { g: pages(texts, true) });
        expect(found.g ?? [], JSON.stringify(texts)).toEqual([]);
        if (!refused) accepted++;
        else if ((found.u ?? []).length > 0) refusedActive++;
      }),
      { numRuns: runs, seed: Number(process.env.FC_SEED ?? 20261202) },
    );
    // The corpus is hostile enough to matter, and the judge does not refuse everything.
    expect(refusedActive).toBeGreaterThan(runs / 10);
    expect(accepted).toBeGreaterThan(0);
    await context.close();
  }, 600_000);
});
