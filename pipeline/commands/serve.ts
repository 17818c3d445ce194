/**
 * `sxs serve [--port <n>] [--host <h>]`: a local preview of `<dist>/`. Takes the port (a busy one is a
 * usage error at once, exit 2), builds everything once, then
 * watches `source/`, `translations/` and the config file: a changed document is rebuilt in every
 * locale, a changed store file rebuilds its document, a changed config rebuilds everything; then the
 * index pages are rewritten, the navigation of every page of a locale whose navigation changed (a
 * TOC file edited, a title translated, a document added or deleted), and every open page reloads
 * (server-sent events).
 *
 * Binds to 127.0.0.1 unless told otherwise. Serves only files inside `<dist>/`, only GET and HEAD.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../core/config.js';
import { formatProblem } from '../core/problems.js';
import { assertInside, TEMP_SUFFIX } from '../util/fs.js';
import { build, htmlPath, siteNav, writeIndexes, writeNavigation, type PageInfo } from './build.js';
import { isTocFile } from '../html/toc.js';
import { writeSearchIndexes } from '../html/search.js';
import { SearchWords } from '../html/search-words.js';
import { count } from '../util/plural.js';

export interface ServeOptions {
  config: Config;
  /** The config file, reloaded when it changes. */
  configFile: string;
  port: number;
  host: string;
  log(line: string): void;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

const RELOAD_JS = `// sxs serve: reload the page when the preview was rebuilt.
new EventSource('/__sxs/events').addEventListener('reload', () => location.reload());
`;

type Pages = Map<string, Map<string, PageInfo>>;

export async function serve(options: ServeOptions): Promise<PreviewServer> {
  let config = options.config;
  const { log } = options;
  let pages: Pages = new Map();
  /** Per locale, the hash of the navigation its pages show (html/nav.ts). */
  let navHashes = new Map<string, string>();
  const clients = new Set<ServerResponse>();
  /** Per locale, the words of its pages; the search indexes are written one run at a time, after the pages. */
  let searchPages = new SearchWords();
  let searching: Promise<void> = Promise.resolve();
  const writeSearch = () => {
    const [dist, sourceLocale, pagesNow] = [config.dist, config.sourceLocale, searchPages.snapshot()];
    searching = searching.then(async () => {
      try {
        const started = performance.now();
        const report = await writeSearchIndexes(dist, sourceLocale, pagesNow);
        for (const p of report.problems) log(`search: ${p}`);
        if (report.written.length > 0) log(`search index of ${report.written.join(', ')} in ${Math.round(performance.now() - started)} ms`);
      } catch (e) {
        log(`search index failed: ${(e as Error).message}`);
      }
    });
    return searching;
  };

  const fullBuild = () => {
    const started = performance.now();
    const report = build({ config, locales: [], mode: 'bilingual' });
    for (const p of report.problems) log(formatProblem(p));
    pages = report.pages;
    searchPages = report.search;
    // Each page's navigation as the build wrote it is not known here: the first rebuild fills them all once.
    navHashes = new Map();
    log(`built ${count(report.htmlPages, 'page')} from ${count(report.documents, 'document')} in ${Math.round(performance.now() - started)} ms`);
  };

  /** Rebuilds some documents (removing the pages of deleted ones) and the index pages. */
  const rebuild = (paths: ReadonlySet<string>) => {
    const started = performance.now();
    const present = [...paths].filter((p) => existsSync(join(config.source, p)));
    for (const path of paths) {
      if (present.includes(path)) continue;
      searchPages.delete(path);
      for (const [locale, docs] of pages) {
        docs.delete(path);
        rmSync(join(config.dist, locale, htmlPath(path)), { force: true });
        rmSync(join(config.dist, locale, path), { force: true });
      }
    }
    const report = build({ config, locales: [], mode: 'bilingual', paths: present });
    for (const p of report.problems) log(formatProblem(p));
    for (const [locale, docs] of report.pages) {
      if (!pages.has(locale)) pages.set(locale, new Map());
      for (const [path, info] of docs) pages.get(locale)!.set(path, info);
    }
    searchPages.merge(report.search);
    const nav = siteNav(config, pages);
    for (const p of nav.problems) log(formatProblem(p));
    writeIndexes(config, pages, nav);
    // The pages just built, and every page of a locale whose navigation changed.
    writeNavigation(
      config,
      nav,
      pages,
      (locale, path, hash) => report.pages.get(locale)?.has(path) === true || navHashes.get(`${locale}\u0000${path}`) !== hash,
      (locale, path, _output, hash) => navHashes.set(`${locale}\u0000${path}`, hash),
    );
    log(`rebuilt ${[...paths].join(', ') || 'the navigation'} in ${Math.round(performance.now() - started)} ms`);
  };

  const notify = () => {
    for (const c of clients) c.write('event: reload\ndata: {}\n\n');
  };

  // ---- watching: changes are collected for a moment, then applied one batch at a time.
  let pending = new Set<string>();
  let everything = false;
  let timer: NodeJS.Timeout | undefined;
  const apply = () => {
    timer = undefined;
    const [paths, all] = [pending, everything];
    pending = new Set();
    everything = false;
    try {
      if (all) {
        try {
          config = loadConfig(dirname(options.configFile), options.configFile);
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          for (const p of e.problems) log(`${e.file}: ${p}`);
          return;
        }
        fullBuild();
      } else rebuild(paths);
      // The pages are there now; the reload waits for the search index of what changed.
      void writeSearch().then(notify);
    } catch (e) {
      log(`rebuild failed: ${(e as Error).message}`);
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(apply, 120);
  };
  const watchers = new Map<string, FSWatcher>();
  /**
   * Watches every folder of a tree, one watcher per folder, and folders as they appear. Not
   * `recursive: true`: on Linux, Node 20 watches the files themselves that way, and loses a file as
   * soon as an import replaces it by rename (the store's atomic write). A folder's watcher sees the
   * rename. A temporary file's name (`x.md.xlf.<pid>.<hex>.tmp`) is reported as the file it becomes.
   */
  const watchTree = (root: string, onChange: (rel: string) => void) => {
    const add = (dir: string) => {
      if (watchers.has(dir)) return;
      let st;
      try {
        st = lstatSync(dir);
      } catch {
        return;
      }
      if (!st.isDirectory()) return;
      const w = watch(dir, (_event, name) => {
        if (name === null) return;
        const full = join(dir, name.toString());
        if (existsSync(full) && lstatSync(full).isDirectory()) {
          add(full);
          for (const e of readdirSync(full, { recursive: true, withFileTypes: true })) if (e.isFile()) onChange(relative(root, join(e.parentPath, e.name)).split(sep).join('/'));
          return;
        }
        onChange(relative(root, full).replace(TEMP_SUFFIX, '').split(sep).join('/'));
      });
      w.on('error', (e) => log(`watching ${dir}: ${e.message}`));
      watchers.set(dir, w);
      for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) add(join(dir, e.name));
    };
    add(root);
  };
  const startWatching = () => {
    watchTree(config.source, (rel) => {
      // A TOC file (toc.yml; a TOC.md is a document too) changes only the navigation.
      if (rel.endsWith('.md')) pending.add(rel);
      else if (!isTocFile(rel)) return;
      schedule();
    });
    watchTree(config.translations, (rel) => {
      const m = /^[^/]+\/(.+)\.xlf$/.exec(rel);
      if (!m) return;
      pending.add(m[1]!);
      schedule();
    });
    const configWatcher = watch(dirname(options.configFile), (_event, name) => {
      if (name !== basename(options.configFile)) return;
      everything = true;
      schedule();
    });
    watchers.set(options.configFile, configWatcher);
  };

  // ---- HTTP
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, head = false) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(body) });
    res.end(head ? undefined : body);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad request\n');
    }
    if (pathname === '/__sxs/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (pathname === '/__sxs/reload.js') return send(res, 200, TYPES['.js']!, RELOAD_JS, head);
    const dist = resolve(config.dist);
    let file = resolve(dist, `.${pathname}`);
    try {
      assertInside(dist, file);
    } catch {
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden\n');
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      return send(
        res,
        404,
        TYPES['.html']!,
        `<!DOCTYPE html><title>Not found</title><p>${relative(dist, file).replace(/[<&]/g, '')} is not in the preview. <a href="/index.html">All languages</a></p>`,
        head,
      );
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    let body: string | Buffer = readFileSync(file);
    if (type === TYPES['.html']) body = body.toString('utf8').replace('</head>', '<script src="/__sxs/reload.js" defer></script>\n</head>');
    return send(res, 200, type, body, head);
  };
  const server = createServer(handle);
  // The port first: a busy one is reported at once, before anything is built or watched.
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => ok());
  });
  fullBuild();
  await writeSearch();
  startWatching();
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': ping\n\n');
  }, 15000);
  return {
    url: `http://${host}:${port}/`,
    close: async () => {
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      for (const c of clients) c.end();
      await new Promise<void>((ok) => server.close(() => ok()));
      await searching;
    },
  };
}
