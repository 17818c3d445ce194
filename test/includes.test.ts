/**
 * `[!INCLUDE …]` on an HTML page (html/includes.ts): the included document's text in the page's
 * language, nested, with cycles cut, links rebased, inside a quote too; and a page is rebuilt when
 * a document it includes changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineIncludes } from '../pipeline/html/includes.js';
import { sxsIn } from './support/cli.js';
import { makeProject } from './support/project.js';

describe('[!INCLUDE] inlined on pages', () => {
  it('replaces the marker by the included body, nested, links rebased, quote prefixes kept, cycles cut, code left alone', () => {
    const bodies: Record<string, string> = {
      'docs/includes/banner.md': 'Banner with a [link](../other.md) and ![img](media/x.png).\n\n[!INCLUDE [inner](inner.md)]\n',
      'docs/includes/inner.md': 'Inner text.\n\n[!INCLUDE [loop](banner.md)]\n',
    };
    const used = new Set<string>();
    const out = inlineIncludes(
      '# Page\n\n[!INCLUDE [banner](includes/banner.md)]\n\n> [!INCLUDE [banner](includes/inner.md)]\n\n```\n[!INCLUDE [x](includes/banner.md)]\n```\n',
      'docs/page.md',
      (p) => bodies[p],
      used,
    );
    // banner → inner → banner again: cut there (the marker left, its link rebased); in the quote,
    // inner → banner → inner again: cut there.
    expect(out).toBe(
      '# Page\n\nBanner with a [link](other.md) and ![img](includes/media/x.png).\n\nInner text.\n\n[!INCLUDE [loop](includes/banner.md)]\n\n> Inner text.\n>\n> Banner with a [link](other.md) and ![img](includes/media/x.png).\n>\n> [!INCLUDE [inner](includes/inner.md)]\n\n```\n[!INCLUDE [x](includes/banner.md)]\n```\n',
    );
    expect([...used].sort()).toEqual(['docs/includes/banner.md', 'docs/includes/inner.md']);
  });

  it('shows the included text in the page language, and rebuilds the page when the included translation changes', async () => {
    const p = makeProject(['qps-ploc']);
    p.write('source/page.md', '# Page\n\nBefore the banner.\n\n[!INCLUDE [banner](includes/banner.md)]\n');
    p.write('source/includes/banner.md', 'This text comes from the banner.\n');
    expect((await sxsIn(p.root, ['pseudo', '--locale', 'qps-ploc'])).code).toBe(0);
    expect((await sxsIn(p.root, ['build'])).code).toBe(0);
    const page = () => readFileSync(join(p.root, 'dist', 'qps-ploc', 'page.html'), 'utf8');
    expect(page()).toContain('Ţĥîš ţéẋţ çöɱéš ƒŕöɱ ţĥé ƀåññéŕ');
    expect(page()).not.toContain('[!INCLUDE');
    expect(readFileSync(join(p.root, 'dist', 'en-US', 'page.html'), 'utf8')).toContain('This text comes from the banner.');
    // The included document's store changes, the page's does not: the page is built again.
    const store = join(p.root, 'translations', 'qps-ploc', 'includes', 'banner.md.xlf');
    p.write('translations/qps-ploc/includes/banner.md.xlf', readFileSync(store, 'utf8').replace('Ţĥîš ţéẋţ', 'Ŧĥåţ ţéẋţ'));
    expect((await sxsIn(p.root, ['build'])).code).toBe(0);
    expect(page()).toContain('Ŧĥåţ ţéẋţ çöɱéš');
  });
});
