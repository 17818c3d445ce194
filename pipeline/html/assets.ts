/**
 * The local files a page links to: images and other files are copied next to the page in each
 * locale's folder of dist/, so a built page shows its images as the docs site does; a link or image
 * that points at nothing is reported (`build/broken-image`, `build/broken-link`).
 *
 * A localized image is preferred when the project has one: a file of the same name in a folder
 * named after the locale, in lower case, next to the English one (`media/de-de/x.png` for
 * `media/x.png` on a de-DE page).
 *
 * Only links relative to the page that stay inside the source folder are followed; absolute URLs,
 * `/…` paths and fragments are the site's business. Copies are kept in step with the English by
 * size and modification time, so an edited image is copied again on the next build, whatever
 * the page did.
 */
import { copyFileSync, existsSync, lstatSync, mkdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path/posix';
import { join as joinNative } from 'node:path';
import { assertInside, tempName } from '../util/fs.js';

export interface PageLinks {
  /** Source-relative paths of the files (not Markdown pages) the page links to or shows. */
  assets: string[];
  /** Links and images that point at nothing: the URL as written, and whether it is an image. */
  broken: Array<{ url: string; image: boolean }>;
}

/** The source-relative path a relative URL of `page` names, or undefined (absolute, outside the source). */
export function localTarget(page: string, url: string): string | undefined {
  if (url === '' || /^[a-z][a-z0-9+.-]*:|^\/|^#|^\?/i.test(url)) return undefined;
  let path = url.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (path === '' || path.endsWith('/')) return undefined;
  const resolved = normalize(join(dirname(page), path));
  if (resolved.startsWith('../') || resolved === '..' || resolved.startsWith('/')) return undefined;
  return resolved;
}

/** Sorts a page's URLs (`images` are the `<img src>` ones) into the files to copy and the broken ones. */
export function pageLinks(sourceDir: string, page: string, links: readonly string[], images: ReadonlySet<string>): PageLinks {
  const out: PageLinks = { assets: [], broken: [] };
  const seen = new Set<string>();
  for (const url of links) {
    const target = localTarget(page, url);
    if (target === undefined || seen.has(url)) continue;
    seen.add(url);
    let file: ReturnType<typeof statSync> | undefined;
    try {
      const full = joinNative(sourceDir, target);
      assertInside(sourceDir, full);
      file = statSync(full);
    } catch {
      file = undefined;
    }
    if (!file?.isFile()) {
      out.broken.push({ url, image: images.has(url) });
      continue;
    }
    if (!/\.md$/i.test(target) && !out.assets.includes(target)) out.assets.push(target);
  }
  return out;
}

/** The file a locale shows for `asset`: its localized copy when there is one. */
export function localizedAsset(sourceDir: string, asset: string, locale: string): string {
  const variant = join(dirname(asset), locale.toLowerCase(), asset.split('/').pop()!);
  try {
    const full = joinNative(sourceDir, variant);
    assertInside(sourceDir, full);
    if (lstatSync(full).isFile()) return variant;
  } catch {
    // No localized copy.
  }
  return asset;
}

/**
 * Copies `asset` (source-relative) to `<distDir>/<folder>/<asset>` for `locale` unless the copy there
 * already has its size and time; returns whether it copied. Never through a symbolic link.
 */
export function syncAsset(sourceDir: string, distDir: string, folder: string, locale: string | undefined, asset: string): boolean {
  const from = joinNative(sourceDir, locale ? localizedAsset(sourceDir, asset, locale) : asset);
  const to = joinNative(distDir, folder, asset);
  assertInside(sourceDir, from);
  assertInside(distDir, to);
  const s = statSync(from);
  if (existsSync(to)) {
    const t = statSync(to);
    if (t.size === s.size && Math.trunc(t.mtimeMs) === Math.trunc(s.mtimeMs)) return false;
  }
  mkdirSync(dirname(to), { recursive: true });
  const tmp = tempName(to);
  try {
    copyFileSync(from, tmp);
    utimesSync(tmp, s.atime, s.mtime);
    renameSync(tmp, to);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return true;
}
