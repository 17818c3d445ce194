/**
 * End to end in a real browser: Debian's Chromium driven by playwright-core, against `sxs serve` on a
 * copy of the sample docs. Screenshots of each locale's page go to test-results/ (not committed).
 * Chromium is required: install it with `apt-get install -y chromium` (.ci/run does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { build } from '../pipeline/commands/build.js';
import { writeSearchIndexes } from '../pipeline/html/search.js';
import { SearchWords } from '../pipeline/html/search-words.js';
import { browserTests, CHROMIUM, INSTALL } from './support/browser.js';
import { REPO, tempDir } from './support/fixtures.js';
import { makeProject } from './support/project.js';

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
  for (const part of ['sxs.config.json', 'terms.tbx', 'source', 'translations']) cpSync(join(REPO, part), join(dir, part), { recursive: true });
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
    const toggle = page.getByRole('button', { name: '顯示英文' });
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

  it("a page's images load in every locale, served and opened from dist/ as a file", async () => {
    for (const locale of ['en-US', 'de-DE', 'ja-JP', 'zh-TW']) {
      for (const url of [`${base}${locale}/nuget/what-is-nuget.html`, `file://${join(dir, 'dist', locale, 'nuget', 'what-is-nuget.html')}`]) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(url);
        const images = page.locator('main img');
        expect(await images.count(), url).toBe(3);
        await page.waitForFunction(() => Array.from(document.querySelectorAll('main img')).every((i) => (i as HTMLImageElement).complete));
        const widths = await images.evaluateAll((list) => list.map((i) => (i as HTMLImageElement).naturalWidth));
        expect(
          widths.every((w) => w > 0),
          `${url}: ${widths.join(', ')}`,
        ).toBe(true);
        await context.close();
      }
    }
  });

  it('alerts written [!Note], [!Tip] and [!Important] show their titles in the page language, served and as files', async () => {
    const titles: Record<string, string[]> = { 'en-US': ['Note', 'Tip'], 'de-DE': ['Hinweis', 'Tipp'], 'ja-JP': ['注意', 'ヒント'], 'zh-TW': ['注意', '提示'] };
    for (const [locale, expected] of Object.entries(titles)) {
      for (const url of [`${base}${locale}/nuget/what-is-nuget.html`, `file://${join(dir, 'dist', locale, 'nuget', 'what-is-nuget.html')}`]) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(url);
        expect(await page.locator('main .alert .alert-title').allInnerTexts(), url).toEqual(expected);
        await context.close();
      }
    }
    const { page } = await open('en-US/nuget/concepts/Package-Versioning.html');
    expect((await page.locator('main .alert .alert-title').allInnerTexts())[0]).toBe('Important');
    await page.context().close();
  });

  it('the table of contents lists the documents in TOC order, titled in the page language, the current one highlighted', async () => {
    const { page, errors } = await open('zh-TW/nuget/what-is-nuget.html');
    const toc = page.locator('nav.sxs-toc');
    expect(await toc.getAttribute('aria-label')).toBe('目錄');
    // Open beside the page on a wide screen.
    expect(await toc.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const links = toc.locator('a');
    expect(await links.allInnerTexts()).toEqual(['在租用戶之間轉移授權', '什麼是 NuGet？它有哪些功能？', 'NuGet 套件版本參考', 'NuGet 生態系統概觀', 'AllocConsole 函式']);
    const current = toc.locator('a[aria-current="page"]');
    expect(await current.count()).toBe(1);
    expect(await current.innerText()).toBe('什麼是 NuGet？它有哪些功能？');
    const style = (l: typeof current) => l.evaluate((a) => [getComputedStyle(a).fontWeight, getComputedStyle(a).borderLeftColor, getComputedStyle(a).backgroundColor].join(' '));
    expect(await style(current)).not.toBe(await style(links.first()));
    // The TOC's English group name, marked as English.
    expect(await toc.locator('span[lang="en-US"]').innerText()).toBe('Console');
    // Beside the content, not above it.
    const [side, main] = [await toc.boundingBox(), await page.locator('main').boundingBox()];
    expect(side!.x + side!.width).toBeLessThanOrEqual(main!.x);
    // Printed, the page alone: no navigation.
    await page.emulateMedia({ media: 'print' });
    for (const nav of ['nav.sxs-toc', 'nav.sxs-breadcrumb', 'nav.sxs-pager']) expect(await page.locator(nav).isVisible(), nav).toBe(false);
    expect(await page.locator('main h1').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('on a narrow screen the table of contents is collapsed above the page, and opens', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}ja-JP/nuget/policies/Ecosystem.html`);
    const details = page.locator('nav.sxs-toc details');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.locator('nav.sxs-toc a').first().isVisible()).toBe(false);
    await page.locator('nav.sxs-toc summary').click();
    expect(await page.locator('nav.sxs-toc a[aria-current="page"]').isVisible()).toBe(true);
    // ja-JP has no console/ pages: the TOC does not list them, nor their English group.
    expect(await page.locator('nav.sxs-toc').innerText()).not.toContain('Console');
    await context.close();
  });

  it('breadcrumb and previous/next links lead through the pages in TOC order, served and opened from dist/ as files', async () => {
    for (const root of [base, `file://${join(dir, 'dist')}/`]) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${root}de-DE/transfer-licenses-between-tenants.html`);
      expect(await page.locator('a[rel="prev"]').count()).toBe(0);
      // de-DE has no nuget/concepts/ page: next after what-is-nuget is the ecosystem page.
      for (const [next, heading] of [
        ['nuget/what-is-nuget.html', 'Eine Einführung in NuGet'],
        ['nuget/policies/Ecosystem.html', 'Übersicht über das NuGet-Ökosystem'],
        ['console/allocconsole.html', 'AllocConsole-Funktion'],
      ] as const) {
        await page.locator('nav.sxs-pager a[rel="next"]').click();
        await page.waitForURL(`**/de-DE/${next}`);
        expect((await page.locator('main h1').innerText()).trim(), root).toBe(heading);
      }
      expect(await page.locator('a[rel="next"]').count()).toBe(0);
      expect(await page.locator('nav.sxs-breadcrumb li').allInnerTexts()).toEqual(['Alle Dokumente', 'Console', 'AllocConsole-Funktion']);
      expect(await page.locator('nav.sxs-breadcrumb [aria-current="page"]').innerText()).toBe('AllocConsole-Funktion');
      await page.locator('nav.sxs-pager a[rel="prev"]').click();
      await page.waitForURL('**/de-DE/nuget/policies/Ecosystem.html');
      await page.locator('nav.sxs-breadcrumb a', { hasText: 'Was ist NuGet' }).click();
      await page.waitForURL('**/de-DE/nuget/what-is-nuget.html');
      await page.locator('nav.sxs-toc a', { hasText: 'Übertragung von Lizenzen' }).click();
      await page.waitForURL('**/de-DE/transfer-licenses-between-tenants.html');
      await page.locator('nav.sxs-breadcrumb a').first().click();
      await page.waitForURL('**/de-DE/index.html');
      expect(await page.locator('nav.sxs-toc a').count()).toBe(4);
      await context.close();
    }
  });

  it('axe-core finds no accessibility violation on the pages of every locale, light and dark, down to 360 px', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const pages = ['transfer-licenses-between-tenants.html', 'nuget/what-is-nuget.html', 'nuget/policies/Ecosystem.html', 'index.html'];
    for (const locale of ['en-US', 'zh-TW', 'ja-JP', 'de-DE']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const width of [1100, 360]) {
          // The injected checker is a script the page's CSP would refuse: bypassed for the test only.
          const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme, bypassCSP: true });
          const page = await context.newPage();
          for (const path of pages) {
            await page.goto(`${base}${locale}/${path}`);
            if (path === 'nuget/what-is-nuget.html') await page.screenshot({ path: join(RESULTS, `${locale}-what-is-nuget-${colorScheme}-${width}.png`), fullPage: false });
            // The table of contents open, on a narrow screen too: checked with the page.
            const toc = page.locator('nav.sxs-toc details');
            if ((await toc.count()) > 0 && !(await toc.evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('nav.sxs-toc summary').click();
            await page.addScriptTag({ content: axe });
            const violations = await page.evaluate(async () => {
              const r = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run({
                resultTypes: ['violations'],
              });
              return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
            });
            expect(violations, `${locale}/${path} ${colorScheme} ${width}px`).toEqual([]);
            // Nothing wider than the screen but what scrolls on its own (code, tables).
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            expect(overflow, `${locale}/${path} ${width}px`).toBeLessThanOrEqual(0);
          }
          await context.close();
        }
      }
    }
  }, 180_000);

  it('the search box finds a page by a word of its translation, lists it in the page language, and the link navigates', async () => {
    const { page, errors } = await open('de-DE/nuget/what-is-nuget.html');
    const box = page.getByRole('searchbox', { name: 'Suchen' });
    await box.fill('Postfächer');
    const result = page.locator('#sxs-search-results a', { hasText: 'Übertragung von Lizenzen zwischen Mandanten' });
    await expect.poll(() => result.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('#sxs-search-status').textContent()).toMatch(/^Gefundene Seiten: \d+$/);
    expect(await page.locator('#sxs-search-results li').first().locator('mark').first().textContent()).toMatch(/Postfächer/i);
    // An English word finds the page too (the English of its sentences is indexed, weighted lower).
    await box.fill('mailboxes');
    await expect.poll(() => page.locator('#sxs-search-results mark').allTextContents(), { timeout: 15_000 }).toContain('mailboxes');
    expect(await result.count()).toBe(1);
    // Keyboard: down from the box to the first result, Enter follows it.
    // (once the results of this query replaced those of the last: the marked words say which)
    await box.fill('Postfächer');
    await expect.poll(() => page.locator('#sxs-search-results mark').allTextContents(), { timeout: 15_000 }).toContain('Postfächer');
    expect(await page.locator('#sxs-search-results a').first().textContent()).toBe('Übertragung von Lizenzen zwischen Mandanten');
    await box.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/de-DE\/transfer-licenses-between-tenants\.html$/);
    expect(await page.title()).toBe('Übertragung von Lizenzen zwischen Mandanten');
    expect(errors).toEqual([]);
  });

  it('the search reads Japanese (CJK words without spaces) and links each result to its page', async () => {
    const { page, errors } = await open('ja-JP/index.html');
    const title = await page.evaluate(async () => (await fetch('transfer-licenses-between-tenants.html')).text()).then((html) => /<title>([^<]*)<\/title>/.exec(html)![1]!);
    await page.getByRole('searchbox').fill('テナント');
    const result = page.locator('#sxs-search-results a', { hasText: title });
    await expect.poll(() => result.count(), { timeout: 15_000 }).toBe(1);
    await result.click();
    await page.waitForURL(/\/ja-JP\/transfer-licenses-between-tenants\.html$/);
    expect(errors).toEqual([]);
  });

  it('a word of the locale ranks a page before one that has it only in its English', async () => {
    const pages = new Map([
      ['a.md', { title: 'A', text: 'Das Zebra läuft über die Wiese.', english: 'The horse runs across the meadow.' }],
      ['b.md', { title: 'B', text: 'Das Pferd läuft über die Wiese.', english: 'The zebra runs across the meadow.' }],
    ]);
    expect((await writeSearchIndexes(join(dir, 'dist'), 'en-US', SearchWords.of(new Map([['de-XX', pages]])))).written).toEqual(['de-XX']);
    const { page, errors } = await open('de-DE/index.html');
    // A string, not a function: vitest would rewrite a function's import().
    const url = JSON.stringify(`${base}_sxs/search/de-XX/pagefind.js`);
    const urls = (await page.evaluate(
      `(async () => { const pagefind = await import(${url}); const found = await pagefind.search('zebra'); return Promise.all(found.results.map(async (r) => (await r.data()).url)); })()`,
    )) as string[];
    // (pagefind.js puts its base URL, '/', before each; sxs.js takes it off and links relative to the page.)
    expect(urls).toEqual(['/de-XX/a.html', '/de-XX/b.html']);
    expect(errors).toEqual([]);
  });

  it('axe-core finds no violation with the search results shown', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const colorScheme of ['light', 'dark'] as const) {
      // The injected checker is a script the page's CSP would refuse: bypassed for the test only.
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${base}de-DE/transfer-licenses-between-tenants.html`);
      await page.getByRole('searchbox').fill('Postfächer');
      await expect.poll(() => page.locator('#sxs-search-results li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run({
          resultTypes: ['violations'],
        });
        return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
      });
      expect(violations, colorScheme).toEqual([]);
      await page.screenshot({ path: join(RESULTS, `de-DE-search-${colorScheme}.png`) });
      await context.close();
    }
  });

  it('opened from dist/ as a file, the search box says it needs the site served, and nothing breaks', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`file://${join(dir, 'dist', 'de-DE', 'transfer-licenses-between-tenants.html')}`);
    await page.getByRole('searchbox', { name: 'Suchen' }).fill('Postfächer');
    await expect.poll(() => page.locator('#sxs-search-status').textContent(), { timeout: 15_000 }).toContain('sxs serve');
    expect(await page.locator('#sxs-search-results li').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
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
    const before = output.length;
    writeFileSync(store, xml.replace(/(<segment id="s104"[^>]*>\s*<source>[^<]*<\/source>\s*<target>)[^<]*(<\/target>)/, `$1${hostile}$2`));
    await expect.poll(() => output, { timeout: 15_000 }).toMatch(/build\/unsafe-target: 104: the translation adds <img>, <script>, an event handler attribute, a script URL/);
    // The pages are reloaded once the search index is written after the rebuild: the page is opened after that.
    await expect.poll(() => output.slice(before), { timeout: 30_000 }).toMatch(/search index of de-DE/);
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

  it('editing the TOC file refills the navigation of every page, which reloads by itself', async () => {
    const { page, errors } = await open(SEED);
    const toc = join(dir, 'source', 'toc.yml');
    writeFileSync(toc, readFileSync(toc, 'utf8').replace('name: Console\n', 'name: Console APIs\n'));
    await expect.poll(() => page.locator('nav.sxs-toc span[lang="en-US"]').innerText(), { timeout: 15_000 }).toBe('Console APIs');
    expect(output).toMatch(/rebuilt the navigation in \d+ ms/);
    expect(errors).toEqual([]);
  });

  it('editing the English adds a sentence marked untranslated, with a note in its tooltip', async () => {
    const { page, errors } = await open(SEED);
    const source = join(dir, 'source', 'transfer-licenses-between-tenants.md');
    writeFileSync(source, readFileSync(source, 'utf8').replace(/\n\nFor more info, see/, '\n\nThis sentence is new.\n\nFor more info, see'));
    const added = page.locator('span.sxs-untranslated', { hasText: 'This sentence is new.' });
    await expect.poll(() => added.count(), { timeout: 15_000 }).toBe(1);
    await added.hover();
    await expect.poll(() => page.locator('#sxs-tooltip').textContent()).toBe('This sentence is new.尚未翻譯');
    await page.screenshot({ path: join(RESULTS, 'zh-TW-untranslated.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
  it('after a rebuild by sxs serve the search finds the new words (only the changed locale is indexed again); markup in a document stays text in an excerpt', async () => {
    const { page, errors } = await open('de-DE/transfer-licenses-between-tenants.html');
    const store = join(dir, 'translations', 'de-DE', 'transfer-licenses-between-tenants.md.xlf');
    const mark = output.length;
    writeFileSync(store, readFileSync(store, 'utf8').replace('In jedem Fall möchten Sie möglicherweise Postfächer', 'In jedem Fall möchten Sie möglicherweise Quetzalpostfächer'));
    await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).toContain('Quetzalpostfächer');
    expect(output.slice(mark)).toMatch(/search index of de-DE in \d+ ms/);
    expect(output.slice(mark)).not.toMatch(/search index of [^\n]*(en-US|zh-TW|ja-JP)/);
    await page.getByRole('searchbox').fill('Quetzalpostfächer');
    await expect.poll(() => page.locator('#sxs-search-results a').allTextContents(), { timeout: 15_000 }).toEqual(['Übertragung von Lizenzen zwischen Mandanten']);

    const source = join(dir, 'source', 'transfer-licenses-between-tenants.md');
    writeFileSync(source, readFileSync(source, 'utf8').replace(/\n\nFor more info, see/, '\n\nMind the zebrafish `<img src=x onerror=window.pwned=4>` here.\n\nFor more info, see'));
    // The pages are written first, then the index (the browser reloads once both are).
    await expect.poll(() => output.slice(mark), { timeout: 15_000 }).toMatch(/search index of en-US(, [^\n]*)? in \d+ ms/);
    const english = (await open('en-US/transfer-licenses-between-tenants.html')).page;
    expect(await english.locator('main').innerText()).toContain('zebrafish');
    await english.getByRole('searchbox').fill('zebrafish');
    const excerpt = english.locator('#sxs-search-results li p').first();
    await expect.poll(() => excerpt.textContent(), { timeout: 15_000 }).toContain('<img src=x onerror=window.pwned=4>');
    expect(await english.locator('#sxs-search-results img, #sxs-search-results script').count()).toBe(0);
    expect(await english.locator('#sxs-search-results mark').allTextContents()).toContain('zebrafish');
    expect(await english.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("an [!INCLUDE]'s text is on the page, inside its alert, in every locale built (opened from dist/ as a file)", async () => {
    const p = makeProject(['de-DE']);
    p.write('source/includes/banner.md', '> [!TIP]\n> This API is not recommended.\n');
    p.write('source/page.md', '# Page\n\nBefore the banner.\n\n[!INCLUDE [banner](includes/banner.md)]\n\nAfter the banner.\n');
    build({ config: p.config, locales: [], mode: 'bilingual' });
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const [locale, title] of [
      ['en-US', 'Tip'],
      ['de-DE', 'Tipp'],
    ]) {
      await page.goto(`file://${join(p.root, 'dist', locale!, 'page.html')}`);
      const main = await page.locator('main').innerText();
      expect(main).toContain('This API is not recommended.');
      expect(main).not.toContain('[!INCLUDE');
      expect(await page.locator('main .alert .alert-title').allInnerTexts()).toEqual([title]);
    }
    await context.close();
  });

  it(':::row::: columns stand side by side, and stack under 600 px', async () => {
    const p = makeProject(['de-DE']);
    p.write(
      'source/rows.md',
      '# Rows\n\n:::row:::\n    :::column:::\n        First column.\n    :::column-end:::\n    :::column span="2":::\n        Second column, twice as wide.\n    :::column-end:::\n:::row-end:::\n',
    );
    build({ config: p.config, locales: [], mode: 'bilingual' });
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    for (const width of [1100, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`file://${join(p.root, 'dist', 'en-US', 'rows.html')}`);
      const [first, second] = [await page.locator('.row > .column').nth(0).boundingBox(), await page.locator('.row > .column').nth(1).boundingBox()];
      if (width === 1100) {
        expect(Math.abs(first!.y - second!.y)).toBeLessThan(1);
        expect(second!.width / first!.width).toBeGreaterThan(1.8);
      } else {
        expect(second!.y).toBeGreaterThanOrEqual(first!.y + first!.height);
        expect(Math.abs(second!.width - first!.width)).toBeLessThan(1);
      }
    }
    await context.close();
  });
});
