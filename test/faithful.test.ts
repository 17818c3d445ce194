/**
 * The faithful rendition (render/faithful.ts): target = source gives the author's bytes back, for
 * generated documents with every byte-level variation the normalization hides (CRLF, a BOM, tabs,
 * no-break spaces); translations change only their sentences, keep the author's line structure and
 * front-matter quoting; and a pseudo-translation renders, in markdown-it and in remark, to the same
 * structure as the English (HTML compared with the text left out).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { buildSourceDoc } from '../pipeline/core/doc.js';
import { splitFrontMatter } from '../pipeline/markdown/front-matter.js';
import { parseMarkdown } from '../pipeline/markdown/parse.js';
import { DEFAULT_ABBREVIATIONS, Segmenter } from '../pipeline/markdown/segment.js';
import { pseudoMarkdown } from '../pipeline/pseudo/pseudo.js';
import { DEFAULT_CONVENTIONS } from '../pipeline/core/conventions.js';
import { originalOfBytes, wrapLike } from '../pipeline/render/faithful.js';
import { renderDoc, type TranslationLookup } from '../pipeline/render/render.js';
import { exchangeUnits } from '../pipeline/core/exchange.js';
import { FIXTURES, walk } from './support/fixtures.js';
import { sxsIn } from './support/cli.js';
import { document } from './support/markdown-gen.js';
import { makeProject } from './support/project.js';

const segmenter = new Segmenter(DEFAULT_ABBREVIATIONS);
const handoff = { prefix: 'abcde', keys: new Map(), conventions: DEFAULT_CONVENTIONS };

/** The faithful rendition of `text` (as the file's bytes) with `lookup`'s translations. */
function faithful(text: string | Buffer, lookup: TranslationLookup): string {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const d = buildSourceDoc('doc.md', bytes, { segmenter });
  return renderDoc(d, lookup, handoff, 'faithful', originalOfBytes(bytes, false)).text;
}
const identity: TranslationLookup = { lookup: (_id, source) => ({ target: source }) };
/** Each sentence (and front-matter value) translated by `f`; `pN` units not. */
const each = (f: (source: string, id: string) => string): TranslationLookup => ({ lookup: (id, source) => (id.startsWith('p') ? undefined : { target: f(source, id) }) });

describe('faithful rendition, target = source', () => {
  it('gives back the bytes of generated documents, with CRLF, a BOM, tabs and no-break spaces', () => {
    const variant = fc.constantFrom('lf', 'crlf', 'bom', 'tabs', 'nbsp');
    fc.assert(
      fc.property(document, variant, (md, v) => {
        let text = md;
        if (v === 'crlf') text = md.replace(/\n/g, '\r\n');
        if (v === 'tabs') text = md.replace(/^( {4})/gm, '\t').replace(/ (?=\S)/g, (m, i: number) => (i % 7 === 0 ? '\t' : m));
        if (v === 'nbsp') text = md.replace(/ (?=[a-z])/g, (m, i: number) => (i % 5 === 0 ? '\u00a0' : m));
        const bytes = v === 'bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) : Buffer.from(text);
        expect(Buffer.from(faithful(bytes, identity))).toEqual(bytes);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('gives back every Markdown file of the fixtures', () => {
    const files = walk(FIXTURES).filter((f) => f.endsWith('.md'));
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(faithful(bytes, identity), f).toBe(bytes.toString('utf8').replace(/^\ufeff/, '\ufeff'));
    }
  });
});

/** Every segment of an XLIFF 2.1 handoff translated as its source, confirmed. */
const targetIsSource = (xml: string) =>
  xml.replace(/<segment\b(?![^>]*\bstate=)/g, '<segment state="translated"').replace(/<source>([\s\S]*?)<\/source>(?:\s*<target>[\s\S]*?<\/target>)?/g, '<source>$1</source><target>$1</target>');

describe('export → target = source → import → build --faithful, through the command line', () => {
  it('gives back the bytes of generated documents', async () => {
    await fc.assert(
      fc.asyncProperty(document, fc.boolean(), async (md, crlf) => {
        const p = makeProject(['fr-FR']);
        const text = crlf ? md.replace(/\n/g, '\r\n') : md;
        p.write('source/doc.md', text);
        expect((await sxsIn(p.root, ['export', '--all', '--format', 'xliff21', '-q'])).code).toBeLessThan(2);
        const handoff = join(p.root, 'handoff', 'fr-FR', 'doc.md.xlf');
        if (existsSync(handoff)) {
          writeFileSync(handoff, targetIsSource(readFileSync(handoff, 'utf8')));
          const imported = await sxsIn(p.root, ['import', join(p.root, 'handoff'), '-q']);
          expect(imported.code, imported.stderr).toBe(0);
        }
        const built = await sxsIn(p.root, ['build', '--faithful', '--no-html', '--no-cache', '-q']);
        expect(built.code, built.stderr).toBeLessThan(2);
        expect(p.read('dist/fr-FR/doc.md')).toBe(text);
      }),
      { numRuns: Number(process.env.FC_RUNS_CLI ?? 25) },
    );
  }, 120_000);
});

describe('faithful rendition, translated', () => {
  it('changes only the sentences; no anchors, no handoff keys', () => {
    const md = '---\ntitle: Install the tool\nms.date: 2024-01-01\n---\n\n# Getting started\n\nFirst step.  Second   step.\n\n```bash\nnpm i\n```\n';
    const out = faithful(
      md,
      each((s) => `«${s}»`),
    );
    expect(out).toBe('---\ntitle: «Install the tool»\nms.date: 2024-01-01\n---\n\n# «Getting started»\n\n«First step.»  «Second   step.»\n\n```bash\nnpm i\n```\n');
  });

  it('wraps a translation over the lines the English had, with the quote and list prefixes', () => {
    const md = '> The first line of a quote\n> goes on here and ends\n> on a third line.\n\n- An item that the author\n  wrapped in two lines.\n';
    const out = faithful(
      md,
      each((s) => s.toUpperCase().replace(/\.$/, ' TRANSLATED.')),
    );
    expect(out).toBe('> THE FIRST LINE OF A QUOTE GOES\n> ON HERE AND ENDS ON A THIRD\n> LINE TRANSLATED.\n\n- AN ITEM THAT THE AUTHOR WRAPPED\n  IN TWO LINES TRANSLATED.\n');
    // The same Markdown structure: the lines stay in the quote and the item.
    expect(parseMarkdown(out).children.map((c) => c.type)).toEqual(['blockquote', 'list']);
  });

  it('never breaks before a word that would start a block, inside code, a link destination or a tag, or a text without spaces', () => {
    for (const t of ['aaa - bbb 1. ccc', 'x # y > z', 'p + q 12) r']) expect(wrapLike('one two\nthree', t, '\n')).not.toMatch(/\n(?:[-+#>]|\d+[.)])(?:\s|$)/);
    expect(wrapLike('one two\nthree', '`a b c` [x](u v "t i")', '\n')).toBe('`a b c`\n[x](u v "t i")');
    expect(wrapLike('one two\nthree', '<a href="x y">z</a>', '\n')).toBe('<a href="x y">z</a>');
    expect(wrapLike('one two\nthree four', '日本語のテキストです。', '\n')).toBe('日本語のテキストです。');
    expect(wrapLike('one\ntwo', 'a  b', '\n')).toBe('a  b');
  });

  it('keeps CRLF in the wrapped lines and everywhere else', () => {
    const md = 'A sentence the author\r\nwrapped.\r\n\r\nNext one.\r\n';
    expect(
      faithful(
        md,
        each((s) => `X ${s}`),
      ),
    ).toBe('X A sentence the author\r\nwrapped.\r\n\r\nX Next one.\r\n');
  });

  it('writes front-matter values in their own style, quoting a plain one only when it must', () => {
    const md = ['---', 'title: Plain title', "description: 'Single quoted, it''s here'", 'keywords: "Double \\"quoted\\""', 'author: someone', 'ms.topic: conceptual', '---', '', 'Text.', ''].join(
      '\n',
    );
    const targets: Record<string, string> = {
      'Plain title': 'Titre : simple',
      "Single quoted, it's here": "Entre apostrophes, c'est là",
      'Double "quoted"': 'Double « citée » "x"',
      'A folded value over two lines.': 'Une valeur pliée.',
    };
    const out = faithful(
      md,
      each((s) => targets[s] ?? s),
    );
    const lines = out.split('\n');
    expect(lines[1]).toBe('title: "Titre : simple"');
    expect(lines[2]).toBe("description: 'Entre apostrophes, c''est là'");
    expect(lines[3]).toBe('keywords: "Double « citée » \\"x\\""');
    expect(lines.slice(4, 6)).toEqual(['author: someone', 'ms.topic: conceptual']);
    const data = splitFrontMatter(out).data!;
    expect(data.title).toBe('Titre : simple');
    expect(data.description).toBe("Entre apostrophes, c'est là");
    expect(data.keywords).toBe('Double « citée » "x"');
  });

  it('keeps reference definition labels, so their references still resolve', () => {
    const md = 'Read [the guide][Setup guide] first.\n\n[Setup guide]: ./setup.md\n';
    const out = faithful(
      md,
      each((s) => `«${s}»`),
    );
    expect(out).toBe('«Read [the guide][Setup guide] first.»\n\n[Setup guide]: ./setup.md\n');
  });

  it('survives what a review found: flow lists, quoted keys, lone CRs, controls, blocks that cannot say it, two BOMs', () => {
    const fr = each((s) => `FR ${s}`);
    const flow = faithful('---\ntitle: T\nkeywords: [alpha beta, "gamma delta"]\n---\n\nText.\n', fr);
    expect(flow).toBe('---\ntitle: FR T\nkeywords: ["FR alpha beta", "FR gamma delta"]\n---\n\nFR Text.\n');
    expect(splitFrontMatter(flow).data!.keywords).toEqual(['FR alpha beta', 'FR gamma delta']);
    // A key the position finder does not know is left in English, never written over the `---`.
    expect(faithful('---\n"title": Hello world.\n---\n\nBody.\n', fr)).toMatch(/^---\n"title": Hello world\.\n---\n/);
    const cr = faithful(
      '---\rtitle: Hello\r  world.\rdescription: Keep me.\r---\r\rBody text.\r',
      each((s) => (s === 'Keep me.' ? s : `FR ${s}`)),
    );
    expect(cr).toBe('---\rtitle: FR Hello world.\rdescription: Keep me.\r---\r\rFR Body text.\r');
    for (const t of ['a\u007fb', 'a\u0085b', 'x\ufffe']) {
      for (const style of ['title: Plain one', 'title: >-\n  Plain one']) {
        const out = faithful(
          `---\n${style}\n---\n\nText.\n`,
          each((s) => (s === 'Plain one' ? t : s)),
        );
        expect(splitFrontMatter(out).data!.title, JSON.stringify(out)).toBe(t);
      }
    }
    for (const t of ['line\nbreak', ' lead']) {
      const out = faithful(
        '---\ntitle: >-\n  Folded one\n---\n\nText.\n',
        each((s) => (s === 'Folded one' ? t : s)),
      );
      expect(splitFrontMatter(out).data!.title).toBe(t);
    }
    const keep = faithful(
      '---\ntitle: |+\n  Kept one\n\ndescription: x\n---\n\nText.\n',
      each((s) => (s === 'Kept one' ? 'Gardé' : s)),
    );
    expect(splitFrontMatter(keep).data!.title).toBe('Gardé\n\n');
    expect(faithful('\ufeff\ufeffHello world.\n', fr)).toBe('\ufeff\ufeffFR Hello world.\n');
  });

  it('never wraps before a line that would be a setext underline or a thematic break, or after a backslash', () => {
    for (const t of ['Voici une longue ligne de texte -- et la fin', 'Une ligne == deux', 'un *** deux ___ trois', 'a\\ b c d e']) {
      const out = wrapLike('one two three\nfour five six', t, '\n');
      expect(out, out).not.toMatch(/\n[-=*_]+(?:\s|$)|\\\n/);
    }
  });

  it('writes a folded or literal block value as a block', () => {
    for (const style of ['>-', '>', '|']) {
      const md = `---\ntitle: T\ndescription: ${style}\n  A block value\n  over two lines.\nms.topic: x\n---\n\nText.\n`;
      const out = faithful(
        md,
        each((s) => (s.startsWith('A block') ? 'Une valeur en bloc.' : s)),
      );
      expect(out).toBe(`---\ntitle: T\ndescription: ${style}\n  Une valeur en bloc.\nms.topic: x\n---\n\nText.\n`);
      expect(String(splitFrontMatter(out).data!.description).trim()).toBe('Une valeur en bloc.');
    }
  });
});

/** The structure of HTML: tags and attributes, text left out. */
function structure(html: string): string[] {
  return [...html.matchAll(/<\/?[a-z][a-z0-9]*(?:\s[^>]*)?>/g)].map((m) => m[0].replace(/\s(?:alt|title)="[^"]*"/g, ''));
}
/** The structure of an mdast tree: node types and URLs, no text or positions. */
function shape(node: Nodes): unknown {
  const out: unknown[] = [node.type];
  // Known, and not the rendition's: typed text escaped right after a bare URL (`http://x/\\<y`) is
  // read by GFM as part of the URL up to the backslash (core/codes.ts toMarkdown; in the note).
  if ('url' in node) out.push(node.url.replace(/\\$/, ''));
  if ('depth' in node) out.push(node.depth);
  if ('ordered' in node) out.push(node.ordered);
  if (node.type === 'code' || node.type === 'inlineCode') out.push(node.value);
  if ('children' in node) {
    // Text is what a translation changes: text nodes are left out (brackets around a link make some).
    out.push((node.children as Nodes[]).filter((c) => c.type !== 'text').map(shape));
  }
  return out;
}

describe('a pseudo-translation renders to the English structure (markdown-it and remark)', () => {
  const md = new MarkdownIt({ html: true, linkify: false });
  const files = walk(FIXTURES)
    .filter((f) => f.endsWith('.md') && !/README\.md$/.test(f))
    .filter((f) => !/\/(?:zh-TW|ja-JP|fr-FR|ru-RU|ko-KR|es-ES|de-DE)\//.test(f) || /\.en\//.test(f));
  it(`on ${files.length} English files of the fixtures`, () => {
    expect(files.length).toBeGreaterThan(30);
    for (const f of files) {
      const bytes = readFileSync(f);
      const d = buildSourceDoc('doc.md', bytes, { segmenter });
      const targets = new Map<string, string>();
      for (const unit of exchangeUnits(d)) for (const seg of unit.segments) targets.set(seg.id, pseudoMarkdown(seg.content, unit.plain, seg.source));
      const out = renderDoc(d, { lookup: (id) => (targets.has(id) ? { target: targets.get(id)! } : undefined) }, handoff, 'faithful', originalOfBytes(bytes, false)).text;
      const english = splitFrontMatter(bytes.toString('utf8')).body;
      const localized = splitFrontMatter(out).body;
      expect(structure(md.render(localized)), f).toEqual(structure(md.render(english)));
      expect(shape(parseMarkdown(localized)), f).toEqual(shape(parseMarkdown(english)));
    }
  });
});
