/**
 * One character-reference table (text/entities.ts) for codes, TM tokens and link destinations, read
 * as the Markdown parser reads them; a reference to no character never crashes a command.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteLinks } from '../pipeline/render/links.js';
import { decodeEntity } from '../pipeline/text/entities.js';
import { tmTokens } from '../pipeline/core/tokens.js';
import { inlineContent, plainText } from '../pipeline/core/codes.js';
import { readXliff } from '../pipeline/xliff/read.js';
import { sxsIn } from './support/cli.js';
import { tempDir, walk } from './support/fixtures.js';

describe('character references', () => {
  it('reads named (HTML5), decimal and hexadecimal references as CommonMark does', () => {
    expect(decodeEntity('&amp;')).toBe('&');
    expect(decodeEntity('&eacute;')).toBe('é');
    expect(decodeEntity('&nbsp;')).toBe('\u00a0');
    expect(decodeEntity('&#233;')).toBe('é');
    expect(decodeEntity('&#xE9;')).toBe('é');
    expect(decodeEntity('&#0;')).toBe('\ufffd');
    expect(decodeEntity('&#xD800;')).toBe('\ufffd');
    expect(decodeEntity('&#9999999;')).toBe('\ufffd');
    expect(decodeEntity('&nosuchname;')).toBeUndefined();
  });

  it('codes, TM tokens and link destinations use it, and a reference past U+10FFFF breaks none of them', () => {
    const content = inlineContent('Un &eacute;t&eacute; &#9999999; &nosuchname;.')!;
    expect(plainText(content)).toBe('Un été \ufffd &nosuchname;.');
    expect(tmTokens('&eacute;t&eacute; &#9999999;')).toEqual(['é', 't', 'é', '\ufffd']);
    // A destination is rewritten only where it reads as the parser's URL: with a reference in it too.
    expect(rewriteLinks('[a](caf&eacute;.md) [b](x&#9999999;.md)', (url) => `new-${url.length}.md`)).toBe('[a](new-14.md) [b](new-14.md)');
  });

  it('export of a document with a reference to no character writes its handoff (it crashed with "Invalid code point")', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'source'));
    writeFileSync(join(dir, 'sxs.config.json'), JSON.stringify({ sourceLocale: 'en-US', locales: ['de-DE'], source: 'source', translations: 'translations', dist: 'dist' }));
    writeFileSync(join(dir, 'source', 'a.md'), '# Head\n\nA sentence with &#9999999; in it. And &eacute;t&eacute; here.\n');
    const r = await sxsIn(dir, ['export', '--locale', 'de-DE']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const xlf = readFileSync(
      walk(join(dir, 'handoff')).find((f) => f.endsWith('.xlf'))!,
      'utf8',
    );
    expect(xlf).toContain('equiv-text="\ufffd"');
    expect(xlf).toContain('equiv-text="é"');
  });
});

describe('XLIFF <cp/>', () => {
  it('a code point past U+10FFFF reads as U+FFFD (String.fromCodePoint threw: import crashed)', () => {
    const xlf = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en-US" trgLang="de-DE">
  <file id="f1"><unit id="u1"><segment id="101"><source>a<cp hex="110000"/>b</source><target>c<cp hex="FFFFFFFF"/>d<cp hex="1"/></target></segment></unit></file>
</xliff>`;
    const doc = readXliff(Buffer.from(xlf));
    expect(JSON.stringify(doc.files)).toContain('\ufffd');
    expect(JSON.stringify(doc.files)).toContain('\\u0001');
  });
});
