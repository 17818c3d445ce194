/**
 * The table of contents of a project, read once per run: from `toc.yml` (DocFX: a YAML list of
 * `{ name, href, items }`) or `TOC.md` (DocFX: headings holding links, `# [Title](file.md)`, the
 * heading level giving the nesting) at the top of the source folder, else from the folder tree
 * (documents in path order, folders as groups, a folder's `index.md` as the group's page).
 *
 * A TOC is untrusted input. Names are plain text (escaped where they are written: html/nav.ts). A
 * link is kept when it names a document of the source folder (relative to the TOC file, `#section`
 * kept) or is an http(s)/mailto URL; a link to another TOC file or to a folder holding one brings
 * that TOC's entries in as the entry's items (DocFX's nested TOCs; a cycle is cut). Any other link —
 * outside the source folder, site-absolute, another scheme, a file that does not exist — is a
 * `build/toc-entry` warning at its line, and the entry is kept as text. A TOC file that cannot be
 * read as one (not YAML, not a list) is a `build/toc` warning, and the folder tree is used instead.
 * Entries and nesting are bounded, so a hostile file (YAML aliases repeating a list) costs little.
 */
import { readdirSync, statSync } from 'node:fs';
import { join as joinNative } from 'node:path';
import { dirname, join, posix } from 'node:path/posix';
import yaml from 'js-yaml';
import { problem, type Problem } from '../core/problems.js';
import { assertInside, readBounded } from '../util/fs.js';
import { LIMITS } from '../util/limits.js';
import { fenceTracker } from '../markdown/fences.js';
import { localTarget } from './assets.js';

export interface TocEntry {
  /** The TOC's own name for the entry (the source language's), when it gives one. */
  name?: string;
  /** The source document it links to (source-relative). */
  path?: string;
  /** `#section` after the document's path, kept on the link. */
  fragment?: string;
  /** An absolute http(s) or mailto URL. */
  url?: string;
  items: TocEntry[];
}

export interface Toc {
  /** The TOC file read (source-relative), absent for the folder tree. */
  file?: string;
  entries: TocEntry[];
  problems: Problem[];
}

/** The names of a TOC file, in the order one is preferred when a folder has several. */
const TOC_NAMES = ['toc.yml', 'toc.yaml', 'toc.md'];
export const isTocFile = (path: string): boolean => TOC_NAMES.includes(posix.basename(path).toLowerCase());

export const MAX_ENTRIES = 20_000;
export const MAX_DEPTH = 24;
/** TOC files nested in TOC files (as includes: html/includes.ts). */
export const MAX_TOC_FILES = 5;

/** The TOC file of a folder of the source (`''` for the top), or undefined. */
export function tocFileIn(sourceDir: string, folder: string): string | undefined {
  let names: string[];
  try {
    const full = joinNative(sourceDir, folder);
    assertInside(sourceDir, full);
    names = readdirSync(full);
  } catch {
    return undefined;
  }
  for (const wanted of TOC_NAMES) {
    const name = names.find((n) => n.toLowerCase() === wanted);
    if (name === undefined) continue;
    const path = folder === '' ? name : join(folder, name);
    if (isFileIn(sourceDir, path)) return path;
  }
  return undefined;
}

function isFileIn(sourceDir: string, path: string): boolean {
  try {
    const full = joinNative(sourceDir, path);
    assertInside(sourceDir, full);
    return statSync(full).isFile();
  } catch {
    return false;
  }
}

/**
 * The project's table of contents: its top-level TOC file when it has a usable one, else the
 * folder tree of `documents` (the source paths of the run).
 */
export function readToc(sourceDir: string, documents: readonly string[]): Toc {
  const file = tocFileIn(sourceDir, '');
  if (file !== undefined) {
    const reader = new TocReader(sourceDir);
    const entries = reader.read(file, []);
    if (entries) return { file, entries, problems: reader.problems };
    return { entries: folderToc(documents), problems: reader.problems };
  }
  return { entries: folderToc(documents), problems: [] };
}

/** Documents in path order, folders as groups; a folder's `index.md` is the group's page, the top one comes first. */
export function folderToc(documents: readonly string[]): TocEntry[] {
  interface Folder {
    entry: TocEntry;
    folders: Map<string, Folder>;
  }
  const root: Folder = { entry: { items: [] }, folders: new Map() };
  for (const path of [...documents].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const parts = path.split('/');
    const file = parts.pop()!;
    let folder = root;
    for (const part of parts) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { entry: { name: part, items: [] }, folders: new Map() };
        folder.folders.set(part, next);
        folder.entry.items.push(next.entry);
      }
      folder = next;
    }
    const isIndex = file.toLowerCase() === 'index.md';
    if (isIndex && folder === root) folder.entry.items.unshift({ path, items: [] });
    else if (isIndex && folder.entry.path === undefined) {
      // The group is named by its page's title (in each language), no longer by the folder.
      folder.entry.path = path;
      delete folder.entry.name;
    } else folder.entry.items.push({ path, items: [] });
  }
  return root.entry.items;
}

/** An entry as written in a TOC file, before its link is resolved. */
interface RawEntry {
  name?: string;
  href?: string;
  topicHref?: string;
  items: RawEntry[];
  line: number;
}

/** What a TOC link names. */
type Target = { path: string; fragment?: string } | { url: string } | { toc: string };

class TocReader {
  readonly problems: Problem[] = [];
  private entries = 0;
  private stopped = false;
  /** Whether a source path is a file, asked once per path (a TOC may list a page many times). */
  private readonly files = new Map<string, boolean>();

  constructor(private readonly sourceDir: string) {}

  private warn(file: string, line: number, rule: 'build/toc' | 'build/toc-entry', message: string): void {
    this.problems.push(problem(joinNative(this.sourceDir, file), line, 1, rule, message, 'warning'));
  }

  /** The entries of a TOC file, or undefined when it cannot be read as one (warned). */
  read(file: string, stack: readonly string[]): TocEntry[] | undefined {
    let text: string;
    try {
      const full = joinNative(this.sourceDir, file);
      assertInside(this.sourceDir, full);
      text = readBounded(full, LIMITS.markdownBytes)
        .toString('utf8')
        .replace(/^\ufeff/, '');
    } catch (e) {
      this.warn(file, 1, 'build/toc', `cannot read the table of contents: ${(e as Error).message}`);
      return undefined;
    }
    const raw = /\.md$/i.test(file) ? markdownEntries(text) : this.yamlEntries(file, text);
    if (raw === undefined) return undefined;
    return this.resolveAll(raw, file, [...stack, file], 0);
  }

  private yamlEntries(file: string, text: string): RawEntry[] | undefined {
    let value: unknown;
    // Where each node is written, from the parser's own events: a mapping's or list's line, and a
    // text's first line (an alias is the node it names, at the line of its anchor).
    const lineOf = new WeakMap<object, number>();
    const textLine = new Map<string, number>();
    const opened: number[] = [];
    const listener = (event: string, state: { line: number; result: unknown }) => {
      if (event === 'open') return void opened.push(state.line + 1);
      const line = opened.pop() ?? 1;
      const node = state.result;
      if (typeof node === 'object' && node !== null) {
        if (!lineOf.has(node)) lineOf.set(node, line);
      } else if (typeof node === 'string' && !textLine.has(node)) textLine.set(node, line);
    };
    try {
      value = yaml.safeLoad(text, { schema: yaml.FAILSAFE_SCHEMA, filename: file, listener });
    } catch (e) {
      const mark = (e as { mark?: { line?: number } }).mark;
      this.warn(file, (mark?.line ?? 0) + 1, 'build/toc', `the table of contents is not valid YAML (${(e as Error).message.split('\n')[0]}); the folder tree is shown instead`);
      return undefined;
    }
    // DocFX also reads a mapping whose `items` is the list.
    const list = Array.isArray(value) ? value : isMapping(value) && Array.isArray(value.items) ? value.items : undefined;
    if (list === undefined) {
      this.warn(file, 1, 'build/toc', 'the table of contents is not a YAML list of entries ({ name, href, items }); the folder tree is shown instead');
      return undefined;
    }
    let visited = 0;
    const convert = (item: unknown, depth: number, parent: number): RawEntry | undefined => {
      // Aliases can repeat a list without bound: the walk stops where resolving would.
      if (++visited > MAX_ENTRIES || depth > MAX_DEPTH) {
        if (!this.stopped) this.warn(file, 1, 'build/toc-entry', `the table of contents has more than ${MAX_ENTRIES} entries or ${MAX_DEPTH} levels; the rest is left out`);
        this.stopped = true;
        return undefined;
      }
      if (!isMapping(item)) {
        this.warn(
          file,
          (typeof item === 'string' ? textLine.get(item) : undefined) ?? parent,
          'build/toc-entry',
          `an entry is not a mapping of name, href and items: ${JSON.stringify(item)?.slice(0, 80)}; left out`,
        );
        return undefined;
      }
      const line = lineOf.get(item) ?? parent;
      const field = (key: string): string | undefined => {
        const v = item[key];
        if (v === undefined || v === null) return undefined;
        if (typeof v === 'string') return v;
        this.warn(file, line, 'build/toc-entry', `${key} is not text: ${JSON.stringify(v)?.slice(0, 80)}; ignored`);
        return undefined;
      };
      const name = field('name') ?? field('displayName');
      const href = field('href');
      const topicHref = field('topicHref');
      const items = item.items;
      if (items !== undefined && items !== null && !Array.isArray(items)) this.warn(file, line, 'build/toc-entry', `the items of ${JSON.stringify(name ?? href)} are not a list; ignored`);
      const out: RawEntry = { items: [], line };
      if (name !== undefined) out.name = name;
      if (href !== undefined) out.href = href;
      if (topicHref !== undefined) out.topicHref = topicHref;
      if (Array.isArray(items))
        for (const child of items) {
          const c = convert(child, depth + 1, lineOf.get(items) ?? line);
          if (c) out.items.push(c);
        }
      return out;
    };
    const top = lineOf.get(list) ?? 1;
    return list.map((item) => convert(item, 0, top)).filter((e): e is RawEntry => e !== undefined);
  }

  private resolveAll(raw: readonly RawEntry[], file: string, stack: readonly string[], depth: number): TocEntry[] {
    const out: TocEntry[] = [];
    for (const r of raw) {
      const e = this.resolve(r, file, stack, depth);
      if (Array.isArray(e)) out.push(...e);
      else if (e) out.push(e);
    }
    return out;
  }

  /** An entry with its link resolved; its items alone when it has neither name nor link (they take its place). */
  private resolve(raw: RawEntry, file: string, stack: readonly string[], depth: number): TocEntry | TocEntry[] | undefined {
    if (++this.entries > MAX_ENTRIES || depth > MAX_DEPTH) {
      if (this.stopped) return undefined;
      this.stopped = true;
      this.warn(file, raw.line, 'build/toc-entry', `the table of contents has more than ${MAX_ENTRIES} entries or ${MAX_DEPTH} levels; the rest is left out`);
      return undefined;
    }
    const entry: TocEntry = { items: this.resolveAll(raw.items, file, stack, depth + 1) };
    const name = raw.name?.trim();
    if (name) entry.name = name;
    const target = raw.href === undefined ? undefined : this.target(raw.href, file, raw.line);
    if (target && 'toc' in target) {
      if (stack.includes(target.toc) || stack.length > MAX_TOC_FILES)
        this.warn(file, raw.line, 'build/toc-entry', `${JSON.stringify(raw.href)} would include ${target.toc} again (or too deep); left out`);
      else entry.items.push(...(this.read(target.toc, stack) ?? []));
    } else if (target && 'url' in target) entry.url = target.url;
    else if (target) Object.assign(entry, target);
    if (raw.topicHref !== undefined && entry.path === undefined && entry.url === undefined) {
      const topic = this.target(raw.topicHref, file, raw.line);
      if (topic && 'path' in topic) Object.assign(entry, topic);
      else if (topic) this.warn(file, raw.line, 'build/toc-entry', `topicHref ${JSON.stringify(raw.topicHref)} is not a document; ignored`);
    }
    if (entry.name === undefined && entry.path === undefined && entry.url === undefined) {
      if (entry.items.length > 0) return entry.items;
      // Kept as text: the link as written is all there is to show.
      if (raw.href?.trim()) return { name: raw.href.trim(), items: [] };
      this.warn(file, raw.line, 'build/toc-entry', 'an entry has neither a name nor a link; left out');
      return undefined;
    }
    return entry;
  }

  /** What a link of `file` names, or undefined (warned: the entry is kept as text). */
  private target(href: string, file: string, line: number): Target | undefined {
    const h = href.trim();
    const bad = (why: string) => {
      this.warn(file, line, 'build/toc-entry', `${JSON.stringify(href)} ${why}; the entry is shown as text`);
      return undefined;
    };
    if (h === '') return bad('is an empty link');
    if (/^(?:https?:\/\/|mailto:)/i.test(h)) {
      try {
        new URL(h);
      } catch {
        return bad('is not a valid URL');
      }
      return { url: h };
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.startsWith('//')) return bad('is neither a relative path nor an http(s) or mailto URL');
    if (h.startsWith('/')) return bad('is a site-absolute path: only paths relative to the table of contents are followed');
    if (h.startsWith('#') || h.startsWith('?')) return bad('names no document');
    const cut = h.search(/[?#]/);
    const fragment = h.includes('#') ? h.slice(h.indexOf('#')) : '';
    const bare = cut < 0 ? h : h.slice(0, cut);
    if (bare.endsWith('/')) {
      // A folder: its TOC (DocFX), else its index.md.
      const folder = localTarget(file, `${bare}index.md`);
      if (folder === undefined) return bad('points outside the source folder');
      const dir = dirname(folder) === '.' ? '' : dirname(folder);
      const toc = tocFileIn(this.sourceDir, dir);
      if (toc !== undefined) return { toc };
      if (isFileIn(this.sourceDir, folder)) return { path: folder };
      return bad('is a folder with neither a table of contents nor an index.md');
    }
    const path = localTarget(file, bare);
    if (path === undefined) return bad('points outside the source folder');
    let exists = this.files.get(path);
    if (exists === undefined) this.files.set(path, (exists = isFileIn(this.sourceDir, path)));
    if (!exists) return bad('points at no file of the source folder');
    if (isTocFile(path)) return { toc: path };
    if (!/\.md$/i.test(path)) return bad('is not a Markdown document');
    return fragment.length > 1 ? { path, fragment } : { path };
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const HEADING = /^ {0,3}(#{1,6})(?=[ \t]|\[|$)[ \t]*(.*)$/;
const LINK = /^\[((?:\\.|[^\\\]])*)\]\(\s*(?:<([^>\n]*)>|([^\s()]*))(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1').trim();

/** A TOC.md's entries: each heading (`# [Name](href)` or `# Name`) an entry, nested by level; other lines ignored. */
export function markdownEntries(text: string): RawEntry[] {
  const root: RawEntry = { items: [], line: 0 };
  const open: Array<{ level: number; entry: RawEntry }> = [];
  const fenced = fenceTracker(FENCE);
  const lines = text.split(/\r\n?|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fenced(line)) continue;
    const h = HEADING.exec(line);
    if (!h) continue;
    const content = h[2]!.replace(/[ \t]+#+[ \t]*$/, '').trim();
    if (content === '') continue;
    const link = LINK.exec(content);
    const entry: RawEntry = { items: [], line: i + 1 };
    const name = unescape(link ? link[1]! : content);
    if (name) entry.name = name;
    if (link) entry.href = link[2] ?? link[3] ?? '';
    const level = h[1]!.length;
    while (open.length > 0 && open[open.length - 1]!.level >= level) open.pop();
    (open[open.length - 1]?.entry ?? root).items.push(entry);
    open.push({ level, entry });
  }
  return root.items;
}
