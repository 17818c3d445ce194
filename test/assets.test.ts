/**
 * Images and other local files of a page are copied next to it in every locale's folder of dist/
 * (html/assets.ts), a localized copy (`media/de-de/x.png`) is preferred, an edited image is copied
 * again, and a link or image that points at nothing is a warning at its position.
 */
import { existsSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localTarget } from '../pipeline/html/assets.js';
import { sxsIn } from './support/cli.js';
import { makeProject } from './support/project.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function project() {
  const p = makeProject(['de-DE', 'ja-JP']);
  p.write(
    'source/guide/intro.md',
    '# Intro\n\nThe window:\n\n![Main window](media/main%20window.png "Main")\n\n<img src="media/logo.png" alt="Logo">\n\nSee [the notes](notes.txt) and [the other page](other.md).\n',
  );
  p.write('source/guide/other.md', '# Other\n\n![Gone](media/missing.png)\n\nA [dead link](nowhere.md#x).\n');
  p.write('source/guide/media/main window.png', PNG);
  p.write('source/guide/media/logo.png', PNG);
  p.write('source/guide/media/de-de/logo.png', Buffer.concat([PNG, Buffer.from('de')]));
  p.write('source/guide/notes.txt', 'notes\n');
  return p;
}

describe('local files of built pages', () => {
  it('resolves only relative URLs inside the source folder', () => {
    expect(localTarget('a/b.md', 'media/x%20y.png?v=1#f')).toBe('a/media/x y.png');
    expect(localTarget('a/b.md', '../c.md')).toBe('c.md');
    for (const url of ['../../x.png', 'https://x/y.png', '/img/x.png', '#top', '', 'mailto:a@b.c', '%E0%A4%A.png']) expect(localTarget('a/b.md', url)).toBeUndefined();
  });

  it('copies images and files next to every locale page, a localized copy first; reports what points at nothing', async () => {
    const p = project();
    const r = await sxsIn(p.root, ['build']);
    expect(r.code).toBe(0); // warnings only
    for (const locale of ['en-US', 'de-DE', 'ja-JP']) {
      for (const f of ['guide/media/main window.png', 'guide/media/logo.png', 'guide/notes.txt']) expect(existsSync(join(p.root, 'dist', locale, f)), `${locale}/${f}`).toBe(true);
    }
    expect(readFileSync(join(p.root, 'dist/de-DE/guide/media/logo.png')).toString('latin1').endsWith('de')).toBe(true);
    expect(readFileSync(join(p.root, 'dist/ja-JP/guide/media/logo.png'))).toEqual(PNG);
    expect(existsSync(join(p.root, 'dist/de-DE/guide/media/de-de'))).toBe(false);
    const other = join(p.root, 'source', 'guide', 'other.md');
    expect(r.stderr).toContain(`${other}:3:9: warning build/broken-image: the image "media/missing.png" points at no file of the source folder`);
    expect(r.stderr).toContain(`${other}:5:15: warning build/broken-link: the link "nowhere.md#x" points at no file of the source folder`);
    expect(r.stderr).not.toMatch(/intro\.md.*broken/);
  });

  it('copies an edited image again on the next build, even when no page changed', async () => {
    const p = project();
    await sxsIn(p.root, ['build']);
    const src = join(p.root, 'source/guide/media/logo.png');
    writeFileSync(src, Buffer.concat([PNG, Buffer.from('v2')]));
    utimesSync(src, new Date(), new Date(Date.now() + 5000));
    await sxsIn(p.root, ['build']);
    expect(readFileSync(join(p.root, 'dist/ja-JP/guide/media/logo.png')).toString('latin1').endsWith('v2')).toBe(true);
    expect(statSync(join(p.root, 'dist/ja-JP/guide/media/logo.png')).size).toBe(PNG.length + 2);
  });

  it('checks the links of unchanged pages again: a missing file added later ends the warning, without rebuilding the page', async () => {
    const p = project();
    expect((await sxsIn(p.root, ['build'])).stderr).toContain('nowhere.md#x');
    const again = await sxsIn(p.root, ['build']);
    expect(again.stderr).toContain('nowhere.md#x');
    expect(again.stdout).toMatch(/\(2 unchanged, not rebuilt\)/);
    p.write('source/guide/nowhere.md', '# Here now\n');
    p.write('source/guide/media/missing.png', PNG);
    const fixed = await sxsIn(p.root, ['build']);
    expect(fixed.stderr).not.toMatch(/broken-/);
  });

  it('never copies through a symbolic link', async () => {
    const p = project();
    p.write('outside.png', PNG);
    symlinkSync(join(p.root, 'outside.png'), join(p.root, 'source/guide/media/linked.png'));
    p.write('source/guide/linked.md', '# L\n\n![x](media/linked.png)\n');
    const r = await sxsIn(p.root, ['build']);
    expect(r.stderr).toMatch(/linked\.md:3:6: warning build\/broken-image/);
    expect(existsSync(join(p.root, 'dist/de-DE/guide/media/linked.png'))).toBe(false);
  });
});
