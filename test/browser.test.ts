/// <reference lib="dom" />
/**
 * End to end in a real browser: Debian's Chromium driven by playwright-core, against `sxs serve` on a
 * copy of the sample docs. Screenshots of each locale's page go to test-results/ (not committed).
 * Chromium is required: install it with `apt-get install -y chromium` (.ci/run does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from './support/fixtures.js';

/**
 * The browser: `CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, or a Chromium that Playwright installed
 * (`~/.cache/ms-playwright`). None found: these tests are reported skipped with the command that
 * installs one — except under `CI=true`, where a missing browser fails the run (.ci/run installs it).
 */
function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const cache = join(process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright'));
  if (!existsSync(cache)) return undefined;
  for (const dir of readdirSync(cache)
    .filter((d) => d.startsWith('chromium'))
    .sort()
    .reverse()) {
    for (const exe of ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']) {
      if (existsSync(join(cache, dir, exe))) return join(cache, dir, exe);
    }
  }
  return undefined;
}
const INSTALL = 'apt-get install -y chromium fonts-wqy-zenhei (or set CHROMIUM_PATH)';
const CHROMIUM = findChromium() ?? '';
const browserTests = CHROMIUM !== '' || process.env.CI === 'true' ? describe : describe.skip;
const RESULTS = join(REPO, 'test-results');
const SEED = 'zh-TW/transfer-licenses-between-tenants.html';

let dir: string;
let server: ChildProcess;
let base: string;
let browser: Browser;
let output = '';

async function startServer(): Promise<string> {
  server = spawn(process.execPath, [join(REPO, 'bin', 'sxs.js'), 'serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const m = / at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
    if (m) return m[1]!;
    if (server.exitCode !== null) throw new Error(`sxs serve exited: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sxs serve did not start: ${output}`);
}

/** A page that fails the test on any console error or uncaught exception. */
async function open(path: string, options: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + path);
  return { page, errors };
}

beforeAll(async () => {
  if (CHROMIUM === '') {
    if (process.env.CI === 'true') throw new Error(`Chromium not found (CI=true: the browser tests must run): ${INSTALL}`);
    return;
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: ${INSTALL}`);
  dir = tempDir('sxs-browser-');
  for (const part of ['sxs.config.json', 'source', 'translations']) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  base = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  mkdirSync(RESULTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

browserTests(CHROMIUM !== '' ? 'bilingual pages in Chromium through sxs serve' : `bilingual pages in Chromium (skipped: no Chromium found; ${INSTALL})`, () => {
  it('hovering a translated sentence shows its English in a tooltip', async () => {
    const { page, errors } = await open(SEED);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-TW');
    expect(await page.title()).toBe('在租用戶之間轉移授權');
    const sentence = page.locator('span[data-ttu-id="7f60f-104"]');
    await sentence.hover();
    const tip = page.locator('#sxs-tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toBe("If you're a Volume Licensing customer, contact the Volume License Service Center.");
    expect(await tip.getAttribute('lang')).toBe('en-US');
    expect(await sentence.getAttribute('aria-describedby')).toBe('sxs-tooltip');
    // The English itself is not on the page until asked for.
    expect(await page.locator('.sxs-lookup').first().isVisible()).toBe(false);
    await page.mouse.move(1, 1);
    await page.locator('main h1').hover();
    await expect.poll(() => tip.isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('focusing a sentence with the keyboard shows the tooltip; Escape hides it', async () => {
    const { page, errors } = await open(SEED);
    await page.locator('span[data-ttu-id="7f60f-102"]').focus();
    const tip = page.locator('#sxs-tooltip');
    await expect.poll(() => tip.textContent()).toBe('Transfer licenses between tenants');
    await page.keyboard.press('Escape');
    await expect.poll(() => tip.isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('the toggle shows every English sentence beneath it, and hides them again', async () => {
    const { page, errors } = await open(SEED);
    const toggle = page.getByRole('button', { name: 'Show English' });
    const lookups = page.locator('.sxs-lookup');
    const count = await lookups.count();
    expect(count).toBe(10);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    for (let i = 0; i < count; i++) expect(await lookups.nth(i).isVisible(), `lookup ${i}`).toBe(true);
    const sentence = await page.locator('span[data-ttu-id="7f60f-108"]').boundingBox();
    const english = await page.locator('span[data-stu-id="7f60f-108"]').boundingBox();
    expect(english!.y).toBeGreaterThan(sentence!.y + sentence!.height - 1);
    await page.screenshot({ path: join(RESULTS, 'zh-TW-show-english.png'), fullPage: true });
    await toggle.click();
    expect(await lookups.first().isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('the locale switcher leads to the same document in every language, and to the English source', async () => {
    const { page, errors } = await open(SEED);
    for (const [locale, heading] of [
      ['ja-JP', 'テナント間でライセンスを譲渡する'],
      ['de-DE', 'Übertragung von Lizenzen zwischen Mandanten'],
      ['en-US', 'Transfer licenses between tenants'],
      ['zh-TW', '在租用戶之間轉移授權'],
    ] as const) {
      await page.locator(`nav.sxs-locales a[hreflang="${locale}"]`).click();
      await page.waitForURL(`**/${locale}/transfer-licenses-between-tenants.html`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect((await page.locator('main h1').innerText()).trim()).toBe(heading);
      await page.screenshot({ path: join(RESULTS, `${locale}.png`), fullPage: true });
    }
    await page.locator('a.sxs-home').click();
    await page.waitForURL('**/zh-TW/index.html');
    expect(await page.locator('table.sxs-index tbody tr').count()).toBe(6);
    await page.screenshot({ path: join(RESULTS, 'zh-TW-index.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('without JavaScript the page reads as a plain localized page', async () => {
    const { page } = await open(SEED, { javaScriptEnabled: false });
    expect(await page.locator('.sxs-lookup').first().isVisible()).toBe(false);
    expect(await page.locator('.sxs-toggle').count()).toBe(0);
    const text = await page.locator('main').innerText();
    expect(text).toContain('如果您是大量授權客戶');
    expect(text).not.toContain('Volume Licensing customer');
  });

  it('a hostile translation is neither shown as markup nor run: the English is published instead', async () => {
    const store = join(dir, 'translations', 'de-DE', 'transfer-licenses-between-tenants.md.xlf');
    const xml = readFileSync(store, 'utf8');
    const hostile = '&lt;img src=x onerror="window.pwned=1"&gt;&lt;script&gt;window.pwned=2&lt;/script&gt;Bitte [hier](javascript:window.pwned=3) klicken.';
    writeFileSync(store, xml.replace(/(<segment id="s104"[^>]*>\s*<source>[^<]*<\/source>\s*<target>)[^<]*(<\/target>)/, `$1${hostile}$2`));
    await expect.poll(() => output, { timeout: 15_000 }).toMatch(/build\/unsafe-target: 104: the translation adds <img>, <script>, an event handler attribute, a script URL/);
    const { page, errors } = await open('de-DE/transfer-licenses-between-tenants.html');
    const sentence = page.locator('span[data-ttu-id$="-104"]');
    expect(await sentence.textContent()).toBe("If you're a Volume Licensing customer, contact the Volume License Service Center.");
    expect(await sentence.getAttribute('class')).toContain('sxs-untranslated');
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('main script, main img[onerror]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('editing a translation rebuilds the page, which reloads by itself', async () => {
    const { page, errors } = await open(SEED);
    const sentence = page.locator('span[data-ttu-id="7f60f-108"]');
    expect(await sentence.textContent()).toBe('在任一種情況下，您都可以移轉信箱和其他資料。');
    const store = join(dir, 'translations', 'zh-TW', 'transfer-licenses-between-tenants.md.xlf');
    writeFileSync(store, readFileSync(store, 'utf8').replace('在任一種情況下，您都可以移轉信箱和其他資料。', '無論哪種情況，您都可以移轉信箱與其他資料。'));
    await expect.poll(() => sentence.textContent(), { timeout: 15_000 }).toBe('無論哪種情況，您都可以移轉信箱與其他資料。');
    await page.screenshot({ path: join(RESULTS, 'zh-TW-after-edit.png'), fullPage: true });
    expect(output).toMatch(/rebuilt transfer-licenses-between-tenants\.md in \d+ ms/);
    expect(errors).toEqual([]);
  });

  it('editing the English adds a sentence marked untranslated, with a note in its tooltip', async () => {
    const { page, errors } = await open(SEED);
    const source = join(dir, 'source', 'transfer-licenses-between-tenants.md');
    writeFileSync(source, readFileSync(source, 'utf8').replace(/\n\nFor more info, see/, '\n\nThis sentence is new.\n\nFor more info, see'));
    const added = page.locator('span.sxs-untranslated', { hasText: 'This sentence is new.' });
    await expect.poll(() => added.count(), { timeout: 15_000 }).toBe(1);
    await added.hover();
    await expect.poll(() => page.locator('#sxs-tooltip').textContent()).toBe('This sentence is new.Not translated yet');
    await page.screenshot({ path: join(RESULTS, 'zh-TW-untranslated.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
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
    const runs = Number(process.env.BROWSER_RUNS ?? 60);
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
