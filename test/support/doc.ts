/** Helpers to build SourceDocs from inline Markdown strings in tests. */
import { buildSourceDoc, type SourceDoc } from '../../pipeline/core/doc.js';
import { Segmenter, DEFAULT_ABBREVIATIONS } from '../../pipeline/markdown/segment.js';
import { DEFAULT_CONVENTIONS, type Conventions } from '../../pipeline/core/conventions.js';
import { renderDoc, type RenderMode } from '../../pipeline/render/render.js';

export function doc(markdown: string, abbreviations: readonly string[] = DEFAULT_ABBREVIATIONS, path = 'doc.md'): SourceDoc {
  return buildSourceDoc(path, Buffer.from(markdown), { segmenter: new Segmenter(abbreviations) });
}

/** The SOURCE texts of every block's sentences. */
export function sentences(markdown: string, abbreviations?: readonly string[]): string[][] {
  return doc(markdown, abbreviations).blocks.map((b) => b.sentences.map((s) => s.source));
}

/** Renders with every sentence translated as `T<n>` (or as `targets` says; `pN` units only from `targets`). */
export function render(markdown: string, mode: RenderMode = 'bilingual', targets: Record<string, string> = {}, path = 'doc.md', conventions: Partial<Conventions> = {}): string {
  const d = doc(markdown, undefined, path);
  return renderDoc(
    d,
    {
      lookup: (id) => {
        const target = targets[id] ?? (id.startsWith('p') ? undefined : `T${id}`);
        return target === undefined ? undefined : { target };
      },
    },
    { prefix: 'abcde', keys: new Map([['ms.contentlocale', 'zh-TW']]), conventions: { ...DEFAULT_CONVENTIONS, ...conventions } },
    mode,
  ).text;
}
