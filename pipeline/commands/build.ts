/**
 * `sxs build [--locale <L>]… [--plain] [--no-html]`: for every source document and locale, writes
 * `<dist>/<locale>/<path>` (the bilingual Markdown, or with --plain the plain rendition) and the
 * bilingual HTML page `<dist>/<locale>/<path minus .md>.html`; the English pages under
 * `<dist>/<sourceLocale>/`; an index page per locale and `<dist>/index.html`.
 *
 * Each document is parsed once, whatever the number of locales. A sentence without a matching
 * translation is written with the English, counted, and marked on the HTML page.
 */
import { segmenterFor } from './common.js';
import { BuildRun, needsWork, type BuildOptions, type BuildReport } from './build-run.js';
import { buildDocument, type IncludedBodies } from './build-doc.js';

export * from './build-run.js';
export { buildDocument, type IncludedBodies } from './build-doc.js';

/** Builds in this thread (tests, `serve`, small projects). */
export function build(options: BuildOptions): BuildReport {
  const run = new BuildRun(options);
  const planned = run.plan();
  const total = planned.filter(needsWork).length;
  const segmenter = segmenterFor(options.config);
  const includes: IncludedBodies = new Map();
  let done = 0;
  for (const p of planned) {
    if (!needsWork(p)) {
      run.apply({ path: p.path, locales: [] }, p.hits);
      continue;
    }
    run.apply(buildDocument(run.settings, p, segmenter, includes), p.hits);
    options.onProgress?.(++done, total);
  }
  return run.finish();
}
