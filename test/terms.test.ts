/**
 * Terminology (issue 20): the TBX reader (TBX-Basic v2, TBX v3 DCA and DCT, do-not-translate
 * conventions, hostile files), the matcher (cases in test/fixtures/terms/cases.json and fast-check
 * properties), the three rules on the fixture projects test/fixtures/check/term-*, and the glossary
 * in handoff files: XLIFF 2.1 validated against the official schemas and sxs validate, read back by
 * libxml2 (an independent reader), XLIFF 1.2 notes, byte-identical output without a glossary, and
 * import of files that carry it.
 */
import { cpSync, readFileSync, writeFileSync, truncateSync, closeSync, openSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { XmlDocument, XmlElement as LxElement } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../pipeline/core/config.js';
import { exportHandoff, type XliffFormat } from '../pipeline/commands/export.js';
import { importHandoff } from '../pipeline/commands/import.js';
import { loadStoredDoc } from '../pipeline/store/store.js';
import { doNotTranslateTerms, entriesFor, findTerms, languageMatches, termIssues, TERM_RULES } from '../pipeline/terms/match.js';
import { loadGlossary, MAX_TERM_LENGTH, readTbx, type Glossary } from '../pipeline/terms/tbx.js';
import { inlineContent, plainText } from '../pipeline/core/codes.js';
import { validateXliff } from '../pipeline/xliff/validate.js';
import { REPO, tempDir, walk } from './support/fixtures.js';
import { translate } from './support/vendor.js';
import { schemaErrors } from './support/xsd.js';

const FIXTURES = join(REPO, 'test', 'fixtures', 'terms');
const runs = Number(process.env.FC_RUNS ?? 300);
const GLS = 'urn:oasis:names:tc:xliff:glossary:2.0';
const NS = { x: 'urn:oasis:names:tc:xliff:document:2.0', gls: GLS, x12: 'urn:oasis:names:tc:xliff:document:1.2' };

const tbx = (name: string, sourceLocale = 'en-US') => readTbx(readFileSync(join(FIXTURES, 'tbx', name)), { sourceLocale, name });
const fromText = (text: string, sourceLocale = 'en-US') => readTbx(Buffer.from(text), { sourceLocale, name: 'test.tbx' });
/** A concise view of a glossary: id, dnt, definition, then per language its terms with their status. */
const view = (g: Glossary) =>
  g.entries.map((e) => [e.id, e.dnt, e.definition ?? null, e.languages.map((l) => [l.lang, l.definition ?? null, l.terms.map((t) => `${t.text}${t.status ? `:${t.status}` : ''}`)])]);

/** A TBX-Basic file from [English term, { lang: term | [term, status] }] concepts. */
function tbxOf(concepts: Array<[string, Record<string, string>, string?]>): string {
  const entries = concepts.map(([en, targets, note], i) => {
    const langs = Object.entries(targets).map(([lang, term]) => `<langSet xml:lang="${lang}"><tig><term>${term}</term></tig></langSet>`);
    const n = note ? `<termNote type="transferComment">${note}</termNote>` : '';
    return `<termEntry id="c${i}"><langSet xml:lang="en"><tig><term>${en}</term>${n}</tig></langSet>${langs.join('')}</termEntry>`;
  });
  return `<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="en"><martifHeader/><text><body>${entries.join('\n')}</body></text></martif>`;
}

describe('TBX reader', () => {
  it('reads TBX-Basic v2 (martif): tig and ntig, statuses, definitions of the concept and of a language, an external DTD never read', () => {
    const { glossary, findings } = tbx('basic-v2.tbx');
    expect(findings).toEqual([]);
    expect(view(glossary)).toEqual([
      [
        'package',
        false,
        'A unit of reusable code.',
        [
          ['en-US', null, ['package']],
          ['de', null, ['Paket:preferred', 'Package:deprecated', 'Softwarepaket:admitted']],
          ['zh-Hant', null, ['套件', '程式包:superseded']],
        ],
      ],
      ['nuget', true, null, [['en', null, ['NuGet']]]],
      [
        'c3',
        false,
        null,
        [
          ['en', 'The window of a character-mode application.', ['console']],
          ['ja-JP', null, ['コンソール:preferred']],
        ],
      ],
    ]);
    expect(glossary.entries[0]!.languages[1]!.terms[0]).toMatchObject({ line: 30, column: 13 });
  });

  it('reads TBX v3 in the DCA style (conceptEntry, langSec, termSec; inline markup in a term read as text)', () => {
    const { glossary, findings } = tbx('v3-dca.tbx');
    expect(findings).toEqual([]);
    expect(view(glossary)).toEqual([
      [
        'c-dependency',
        false,
        'A package another package needs.',
        [
          ['en', null, ['dependency']],
          ['de-DE', null, ['Abhängigkeit:preferred']],
          ['ja', null, ['依存関係:preferred', '依存性:deprecated']],
        ],
      ],
      [
        'c-vs',
        false,
        null,
        [
          ['en', null, ['Visual Studio']],
          ['de', null, ['Visual Studio:preferred']],
        ],
      ],
    ]);
  });

  it('reads TBX v3 in the DCT style (data categories as elements of the dialect namespace)', () => {
    const { glossary, findings } = tbx('v3-dct.tbx');
    expect(findings).toEqual([]);
    expect(view(glossary)).toEqual([
      [
        'tenant',
        false,
        "An organization's own instance of a cloud service.",
        [
          ['en', null, ['tenant']],
          ['de', null, ['Mandant:preferred', 'Tenant:deprecated']],
        ],
      ],
      ['msbuild', true, null, [['en', null, ['MSBuild']]]],
    ]);
  });

  it('knows the do-not-translate markers of several tools, and only those', () => {
    const { glossary, findings } = tbx('dnt-conventions.tbx');
    expect(findings).toEqual([]);
    expect(glossary.entries.map((e) => [e.id, e.dnt])).toEqual([
      ['weblate', true],
      ['translate-toolkit', true],
      ['multiterm', true],
      ['transfer-comment', true],
      ['translatable', false],
      ['same-term', false],
    ]);
    expect(doNotTranslateTerms(glossary)).toEqual(['Weblate', 'Pootle', 'Trados', 'Okapi']);
  });

  it('the sample project has a glossary with do-not-translate and approved terms in every configured locale', () => {
    const config = loadConfig(REPO);
    const { glossary, problems, ok } = loadGlossary(config.glossary!, config.sourceLocale);
    expect([ok, problems]).toEqual([true, []]);
    expect(doNotTranslateTerms(glossary)).toEqual(['NuGet', 'Visual Studio', 'MSBuild', 'PowerShell']);
    for (const locale of config.locales) {
      const entries = entriesFor(glossary, 'Install the package, its dependencies and assemblies in the console.', locale);
      expect(entries.map((e) => e.term)).toEqual(['package', 'dependency', 'assembly', 'console']);
      for (const e of entries) expect(e.translations.length, `${locale} ${e.term}`).toBe(1);
    }
  });
});

describe('TBX reader on hostile input: a finding with line, column and rule, never a crash or a hang', () => {
  const errorOf = (text: string | Buffer) => {
    const r = typeof text === 'string' ? fromText(text) : readTbx(text, { sourceLocale: 'en', name: 'x.tbx' });
    expect(r.glossary.entries).toEqual([]);
    expect(r.findings).toHaveLength(1);
    return r.findings[0]!;
  };

  it('entity declarations (billion laughs, external entities) are refused, never expanded or fetched', () => {
    const lol = `<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY a "aaaaaaaaaa">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${'b'.repeat(i + 1)} "${`&${i === 0 ? 'a' : 'b'.repeat(i)};`.repeat(10)}">`).join('\n')}\n]>\n<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&bbbbbbbbb;</term></tig></langSet></termEntry></body></text></martif>`;
    expect(errorOf(lol)).toMatchObject({ rule: 'terms/xml', severity: 'error', message: expect.stringMatching(/internal subset/) });
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>`;
    expect(errorOf(xxe)).toMatchObject({ rule: 'terms/xml' });
    expect(errorOf('<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&undefined;</term></tig></langSet></termEntry></body></text></martif>')).toMatchObject({
      rule: 'terms/xml',
      line: 1,
    });
  });

  it('malformed XML, bad bytes, deep nesting, not TBX', () => {
    expect(errorOf('<martif>\n<text><body>\n  <termEntry></langSet>')).toMatchObject({ rule: 'terms/xml', line: 3 });
    expect(errorOf(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]))).toMatchObject({ rule: 'terms/xml', message: expect.stringMatching(/not valid utf-8/) });
    const deep = `<martif><text><body>${'<termEntry>'.repeat(100_000)}</body></text></martif>`;
    expect(errorOf(deep)).toMatchObject({ rule: 'terms/xml', message: expect.stringMatching(/nested more than 256/) });
    expect(errorOf('<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>')).toMatchObject({ rule: 'terms/format', line: 2, column: 1 });
    expect(errorOf('<martif type="TBX"><martifHeader/></martif>')).toMatchObject({ rule: 'terms/format' });
    expect(errorOf('')).toMatchObject({ rule: 'terms/xml' });
  });

  it('reads UTF-16 with a BOM and a declared legacy encoding', () => {
    const text = tbxOf([['package', { de: 'Paket' }]]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'), 'utf16le')]);
    expect(view(readTbx(utf16, { sourceLocale: 'en', name: 'x' }).glossary)).toEqual([
      [
        'c0',
        false,
        null,
        [
          ['en', null, ['package']],
          ['de', null, ['Paket']],
        ],
      ],
    ]);
    const latin1 = Buffer.from(tbxOf([['café', { fr: 'café' }]]).replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="windows-1252"?>'), 'latin1');
    expect(readTbx(latin1, { sourceLocale: 'en', name: 'x' }).glossary.entries[0]!.languages[1]!.terms[0]!.text).toBe('café');
  });

  it('skips what it cannot use with a warning at its position, and reads the rest', () => {
    const text = [
      '<martif><text><body>',
      '<termEntry id="a"><langSet xml:lang="en"><tig><term>  </term></tig><tig><term>ok</term></tig></langSet></termEntry>',
      '<termEntry id="b"><langSet><tig><term>no language</term></tig></langSet></termEntry>',
      `<termEntry id="c"><langSet xml:lang="en"><tig><term>${'x'.repeat(MAX_TERM_LENGTH + 1)}</term></tig><tig><note>no term</note></tig></langSet></termEntry>`,
      '</body></text></martif>',
    ].join('\n');
    const { glossary, findings } = fromText(text);
    expect(view(glossary)).toEqual([['a', false, null, [['en', null, ['ok']]]]]);
    expect(findings.map((f) => [f.line, f.rule, f.severity])).toEqual([
      [2, 'terms/entry', 'warning'],
      [3, 'terms/entry', 'warning'],
      [3, 'terms/entry', 'warning'],
      [4, 'terms/too-long', 'warning'],
      [4, 'terms/entry', 'warning'],
      [4, 'terms/entry', 'warning'],
    ]);
  });

  it('a missing file and a file over the size limit are refused before reading', () => {
    const dir = tempDir('sxs-tbx-');
    expect(loadGlossary(join(dir, 'none.tbx'), 'en-US')).toMatchObject({ ok: false, glossary: { entries: [] }, problems: [{ rule: 'terms/read', line: 1, column: 1, severity: 'error' }] });
    const big = join(dir, 'big.tbx');
    closeSync(openSync(big, 'w'));
    truncateSync(big, 64 * 1024 * 1024 + 1); // sparse: nothing is written, nothing must be read
    expect(loadGlossary(big, 'en-US')).toMatchObject({ ok: false, problems: [{ rule: 'terms/too-large', message: expect.stringMatching(/more than the 64 MiB/) }] });
  });

  it('any bytes or any text: a glossary and findings, never an exception', () => {
    const pieces = fc.constantFrom(
      '<martif>',
      '</martif>',
      '<text>',
      '<body>',
      '</body>',
      '<termEntry id="x">',
      '</termEntry>',
      '<langSet xml:lang="de">',
      '</langSet>',
      '<tig>',
      '</tig>',
      '<term>',
      '</term>',
      'Paket',
      '&amp;',
      '&x;',
      '<!DOCTYPE a [<!ENTITY x "y">]>',
      '<![CDATA[x]]>',
      '<!--c-->',
      '<?pi x?>',
      '\u0000',
      '"',
      "'",
      '<',
      '>',
      ' xmlns:b="urn:b"',
      '<b:transferComment>DNT</b:transferComment>',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.array(pieces, { maxLength: 40 }).map((a) => Buffer.from(a.join(''))),
        ),
        (bytes) => {
          const r = readTbx(bytes, { sourceLocale: 'en', name: 'x' });
          expect(Array.isArray(r.glossary.entries)).toBe(true);
          for (const f of r.findings) expect(f.line).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: runs },
    );
  });

  it('reads a large glossary in linear time (20,000 concepts)', () => {
    const concepts = Array.from({ length: 20_000 }, (_, i): [string, Record<string, string>] => [`term${i} alpha`, { de: `Begriff${i}`, ja: `用語${i}` }]);
    const bytes = Buffer.from(tbxOf(concepts));
    const { glossary } = readTbx(bytes, { sourceLocale: 'en', name: 'x' });
    expect(glossary.entries).toHaveLength(20_000);
    const text = Array.from({ length: 2_000 }, (_, i) => `see term${i * 10} alpha and term${i * 10} alphas`).join('. ');
    expect(findTerms(glossary, text)).toHaveLength(4_000);
  });
});

describe('matching', () => {
  const { glossary, findings } = readTbx(readFileSync(join(FIXTURES, 'cases.tbx')), { sourceLocale: 'en-US', name: 'cases.tbx' });
  const cases = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as Array<{ name: string; locale: string; source: string; target: string; issues: string[] }>;

  it('reads the cases glossary', () => expect(findings).toEqual([]));

  for (const c of cases) {
    it(`${c.name} (${c.locale})`, () => {
      const issues = termIssues(glossary, c.source, c.target, c.locale);
      expect(issues.map((i) => i.rule).sort()).toEqual([...c.issues].sort());
      for (const i of issues) expect(TERM_RULES).toContain(i.rule);
    });
  }

  it('every rule has positive and negative cases', () => {
    for (const rule of TERM_RULES) {
      const short = rule.slice('qa/term-'.length);
      expect(cases.filter((c) => c.name.startsWith(`${short}:`) && c.issues.includes(rule)).length, rule).toBeGreaterThanOrEqual(2);
      expect(cases.filter((c) => c.name.startsWith(`${short} (no):`) && c.issues.length === 0).length, rule).toBeGreaterThanOrEqual(2);
    }
  });

  it('says what is wrong and what to write', () => {
    expect(termIssues(glossary, 'Install the packages with NuGet.', 'Installieren Sie die Bündel mit Nuget.', 'de-DE')).toEqual([
      { rule: 'qa/term-missing', message: 'the English has "packages" (glossary: "package"): the translation has none of its approved terms, expected "Paket"' },
      { rule: 'qa/term-dnt', message: '"NuGet" is not to be translated: the translation does not have it unchanged' },
    ]);
    expect(termIssues(glossary, 'Open the console.', '開啟控制台。', 'zh-TW')).toEqual([
      { rule: 'qa/term-missing', message: 'the English has "console" (glossary: "console"): the translation has none of its approved terms, expected "主控台"' },
      { rule: 'qa/term-forbidden', message: 'the translation uses "控制台", a forbidden term (glossary: "console"): use "主控台"' },
    ]);
  });

  it('finds terms leftmost-longest with their inflection, and not inside words', () => {
    const found = (text: string) => findTerms(glossary, text).map((m) => [m.entry.id, m.text]);
    expect(found('The Package Manager Console lists packages; its console shows PACKAGE dependencies.')).toEqual([
      ['pmc', 'Package Manager Console'],
      ['package', 'package'],
      ['console', 'console'],
      ['package', 'PACKAGE'],
      ['dependency', 'dependencies'],
    ]);
    expect(found('repackaged subpackages packaged consoles’ Tenant’s NuGet.exe nuget-based')).toEqual([
      ['console', 'console'],
      ['tenant', 'Tenant'],
      ['nuget', 'NuGet'],
      ['nuget', 'nuget'],
    ]);
  });

  it('language tags: a bare language serves its regions; zh-Hant serves zh-TW', () => {
    expect(['de', 'DE-de', 'de_DE', 'zh-Hant'].map((t) => languageMatches(t, t === 'zh-Hant' ? 'zh-TW' : 'de-DE'))).toEqual([true, true, true, true]);
    expect([languageMatches('de-AT', 'de-DE'), languageMatches('zh-Hans', 'zh-TW'), languageMatches('zh-CN', 'zh-TW')]).toEqual([false, false, false]);
    const basic = tbx('basic-v2.tbx').glossary;
    expect(entriesFor(basic, 'a package', 'zh-TW')[0]).toMatchObject({ translations: ['套件'], forbidden: ['程式包'] });
    expect(entriesFor(basic, 'a package', 'de-AT')[0]).toMatchObject({ translations: ['Paket', 'Softwarepaket'], forbidden: ['Package'] });
  });

  const word = fc.stringMatching(/^[a-z]{1,8}$/);
  const termArb = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  const textArb = fc.array(fc.oneof(word, fc.constantFrom(',', '.', '(', ')', '—', '42', 'é', 'Ω', '“', '”')), { maxLength: 30 });
  const randomCase = (s: string, flips: boolean[]) => [...s].map((ch, i) => (flips[i % flips.length] ? ch.toUpperCase() : ch)).join('');

  it('property: a term set in any text (any case, any white space) is always found', () => {
    fc.assert(
      fc.property(termArb, textArb, textArb, fc.array(fc.boolean(), { minLength: 1 }), fc.constantFrom(' ', '  ', '\n', '\u00a0'), (term, before, after, flips, space) => {
        const g = fromText(tbxOf([[term, { de: 'X' }]])).glossary;
        const text = `${before.join(' ')} ${randomCase(term, flips).replace(/ /g, space)} ${after.join(' ')}`;
        expect(findTerms(g, text).length).toBeGreaterThanOrEqual(1);
        expect(termIssues(g, text, 'X', 'de-DE')).toEqual([]);
      }),
      { numRuns: runs },
    );
  });

  it('property: never found across a word boundary (glued to letters or digits before, or after unless an ending)', () => {
    fc.assert(
      fc.property(termArb, fc.stringMatching(/^[a-z0-9]{1,4}$/), fc.stringMatching(/^[a-df-rt-z0-9][a-z0-9]{0,3}$/), fc.boolean(), (term, pre, post, front) => {
        const g = fromText(tbxOf([[term, { de: 'X' }]])).glossary;
        const text = front ? `${pre}${term}` : `${term}${post}`;
        expect(findTerms(g, text)).toEqual([]);
        expect(termIssues(g, text, '', 'de-DE')).toEqual([]);
      }),
      { numRuns: runs },
    );
  });

  it('property: Chinese and Japanese terms are found anywhere, with no word boundary', () => {
    const cjk = fc.stringMatching(/^[\u4e00-\u4e20\u30a0-\u30b0]{1,6}$/);
    fc.assert(
      fc.property(cjk, cjk, cjk, (term, before, after) => {
        const g = fromText(tbxOf([['thing', { ja: term, 'zh-TW': term }]])).glossary;
        expect(termIssues(g, 'a thing', `${before}${term}${after}`, 'ja-JP')).toEqual([]);
        expect(termIssues(g, 'a thing', `${before}${term}${after}`, 'zh-TW')).toEqual([]);
        if (!`${before}${after}`.includes(term)) expect(termIssues(g, 'a thing', `${before}${after}`, 'ja-JP').map((i) => i.rule)).toEqual(['qa/term-missing']);
      }),
      { numRuns: runs },
    );
  });

  it('is linear: 10,000 terms sharing long prefixes on texts that walk them (100,000 starts)', () => {
    const concepts = Array.from({ length: 10_000 }, (_, i): [string, Record<string, string>] => [`${'a '.repeat(40)}x${i}`, { de: `${'b'.repeat(200)}${i}`, ja: `${'あ'.repeat(200)}${i}` }]);
    const g = fromText(tbxOf(concepts)).glossary;
    expect(findTerms(g, 'a '.repeat(50_000))).toEqual([]);
    expect(termIssues(g, 'a '.repeat(50_000), `${'b'.repeat(100_000)} ${'あ'.repeat(100_000)}`, 'ja-JP')).toEqual([]);
  });
});

/** Plain text of stored Markdown as the rules read it: inline code and URLs left out. */
const plain = (markdown: string) => {
  const c = inlineContent(markdown, []);
  return c ? plainText(c) : markdown;
};

describe('the rules on the fixture projects (test/fixtures/check/term-*: good.md passes, bad.md has the issue)', () => {
  for (const rule of TERM_RULES) {
    it(rule, () => {
      const config = loadConfig(join(REPO, 'test', 'fixtures', 'check', rule.replace('qa/', '')));
      const { glossary, ok } = loadGlossary(config.glossary!, config.sourceLocale);
      expect(ok).toBe(true);
      const issuesOf = (path: string) =>
        loadStoredDoc(config.translations, 'de-DE', path)!.translations.flatMap((t) => termIssues(glossary, plain(t.source), plain(t.target), 'de-DE').map((i) => i.rule));
      expect(issuesOf('good.md')).toEqual([]);
      expect(issuesOf('bad.md')).toEqual([rule]);
    });
  }

  it("the sample project's published translations have no forbidden term and keep every do-not-translate term", () => {
    const config = loadConfig(REPO);
    const { glossary } = loadGlossary(config.glossary!, config.sourceLocale);
    const rules: Record<string, number> = {};
    for (const locale of config.locales) {
      for (const file of walk(join(config.translations, locale))) {
        const stored = loadStoredDoc(config.translations, locale, relative(join(config.translations, locale), file).slice(0, -'.xlf'.length))!;
        for (const t of stored.translations) for (const i of termIssues(glossary, plain(t.source), plain(t.target), locale)) rules[`${locale} ${i.rule}`] = (rules[`${locale} ${i.rule}`] ?? 0) + 1;
      }
    }
    // What the glossary finds in the real pages: zh-TW 封裝 for "package" (twice) and 套件管理員主控台 for
    // "Package Manager Console", a de-DE mistranslation ("Packen von Verweisen") and a product name kept in English.
    expect(rules).toEqual({ 'zh-TW qa/term-missing': 3, 'de-DE qa/term-missing': 2 });
  });
});

describe('the glossary in handoff files', () => {
  function sample(glossary = true) {
    const root = tempDir('sxs-terms-');
    for (const part of ['sxs.config.json', 'terms.tbx', 'source', 'translations']) cpSync(join(REPO, part), join(root, part), { recursive: true });
    const file = join(root, 'sxs.config.json');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (!glossary) delete json.glossary;
    writeFileSync(file, JSON.stringify(json));
    return loadConfig(root);
  }
  const exportAll = (glossary: boolean, format: XliffFormat, locale = 'de-DE') => {
    const config = sample(glossary);
    const out = join(config.root, 'handoff');
    const r = exportHandoff({ config, locale, format, out, all: true, toolVersion: '0.0.0', date: '01/02/2026' });
    expect(r.problems).toEqual([]);
    return { config, out, files: r.files, terms: r.terms };
  };

  /** Each unit's glossary entries as libxml2 reads them: [term, source attribute, translations, definition]. */
  function readBack(file: string): Map<string, Array<[string, string, string[], string | null]>> {
    const doc = XmlDocument.fromBuffer(readFileSync(file));
    try {
      const out = new Map<string, Array<[string, string, string[], string | null]>>();
      for (const unit of doc.find('//x:unit', NS) as LxElement[]) {
        const entries = (unit.find('gls:glossary/gls:glossEntry', NS) as LxElement[]).map((e): [string, string, string[], string | null] => [
          e.get('gls:term', NS)!.content,
          (e.get('gls:term/@source', NS)?.content ?? '') as string,
          e.find('gls:translation', NS).map((t) => t.content),
          e.get('gls:definition', NS)?.content ?? null,
        ]);
        // The module's place: a child of <unit>, after <mtc:matches> and before <notes>, one per unit.
        const prefix: Record<string, string> = { [GLS]: 'gls', [NS.x]: 'x', 'urn:oasis:names:tc:xliff:matches:2.0': 'mtc' };
        const names: string[] = [];
        for (let c = unit.firstChild; c; c = c.next) if (c instanceof LxElement) names.push(`${prefix[c.namespaceUri] ?? c.namespaceUri}:${c.name}`);
        if (entries.length > 0) {
          expect(names.filter((n) => n === 'gls:glossary')).toHaveLength(1);
          expect(names.indexOf('gls:glossary')).toBeLessThan(names.indexOf('x:notes'));
          if (names.includes('mtc:matches')) expect(names.indexOf('mtc:matches')).toBeLessThan(names.indexOf('gls:glossary'));
        }
        out.set(unit.get('@id')!.content, entries);
      }
      return out;
    } finally {
      doc.dispose();
    }
  }

  const en = exportAll(true, 'xliff21');
  const de12 = exportAll(true, 'xliff12');

  it('XLIFF 2.1 with <gls:glossary> validates against the official core + modules schemas and sxs validate', () => {
    expect(en.files.length).toBe(5);
    for (const f of en.files) {
      expect(schemaErrors(readFileSync(f)), f).toEqual([]);
      expect(validateXliff(readFileSync(f)).findings, f).toEqual([]);
    }
  });

  it('an independent reader (libxml2, XPath) reads back the entries of each unit', () => {
    const file = en.files.find((f) => f.endsWith('what-is-nuget.md.xlf'))!;
    const units = readBack(file);
    // The title "What is NuGet and what does it do?": one do-not-translate term.
    expect(units.get('u101')).toEqual([['NuGet', 'terms.tbx', ['NuGet'], 'The package manager for .NET. Do not translate.']]);
    // The paragraph "Put simply, a NuGet package is a single ZIP file … the package's version number."
    const simply = [...units.values()].find((e) => e.some(([t]) => t === 'package') && e.length === 2 && e[0]![0] === 'NuGet');
    expect(simply).toEqual([
      ['NuGet', 'terms.tbx', ['NuGet'], 'The package manager for .NET. Do not translate.'],
      ['package', 'terms.tbx', ['Paket'], 'A single ZIP file with the .nupkg extension that contains compiled code, related files and a descriptive manifest.'],
    ]);
    const all = [...units.values()].flat();
    expect(all.length).toBeGreaterThan(50);
    expect([...new Set(all.map(([t]) => t))].sort()).toEqual(['MSBuild', 'NuGet', 'Package Manager Console', 'PowerShell', 'Visual Studio', 'assembly', 'console', 'dependency', 'package']);
    // In every file, each unit's entries are those the glossary gives for the unit's English as libxml2 reads it.
    const { glossary } = loadGlossary(en.config.glossary!, 'en-US');
    let total = 0;
    for (const f of en.files) {
      const back = readBack(f);
      const doc = XmlDocument.fromBuffer(readFileSync(f));
      try {
        for (const unit of doc.find('//x:unit', NS) as LxElement[]) {
          const english = unit
            .find('x:segment/x:source | x:ignorable/x:source', NS)
            .map((s) => s.content)
            .join('');
          const expected = entriesFor(glossary, english, 'de-DE').map((e) => [e.term, e.translations]);
          expect(
            back.get(unit.get('@id')!.content)!.map(([t, , tr]) => [t, tr]),
            `${f} ${unit.get('@id')!.content}`,
          ).toEqual(expected);
          total += expected.length;
        }
      } finally {
        doc.dispose();
      }
    }
    expect(total).toBe(en.terms);
    const tenants = readBack(en.files.find((f) => f.endsWith('transfer-licenses-between-tenants.md.xlf'))!);
    expect(tenants.get('u101')).toEqual([
      ['license', 'terms.tbx', ['Lizenz'], null],
      ['tenant', 'terms.tbx', ['Mandant'], "An organization's own instance of Microsoft 365, with its users, subscriptions and licenses. Do not use: Tenant."],
    ]);
  });

  it('CJK locales get their own terms', () => {
    const ja = exportAll(true, 'xliff21', 'ja-JP');
    const units = readBack(ja.files.find((f) => f.endsWith('what-is-nuget.md.xlf'))!);
    const entries = [...units.values()].flat();
    expect(entries.find(([t]) => t === 'package')).toEqual(['package', 'terms.tbx', ['パッケージ'], expect.any(String)]);
    expect(entries.find(([t]) => t === 'dependency')?.[2]).toEqual(['依存関係']);
  });

  it('XLIFF 1.2: one <note from="sxs-glossary"> per entry, valid against the strict schema', () => {
    for (const f of de12.files) expect(schemaErrors(readFileSync(f)), f).toEqual([]);
    const doc = XmlDocument.fromBuffer(readFileSync(de12.files.find((f) => f.endsWith('transfer-licenses-between-tenants.md.xlf'))!));
    try {
      const unit = doc.get('//x12:trans-unit[@id="u101"]', NS) as LxElement;
      expect(unit.find('x12:note[@from="sxs-glossary"]', NS).map((n) => n.content)).toEqual([
        'license → Lizenz',
        "tenant → Mandant (An organization's own instance of Microsoft 365, with its users, subscriptions and licenses. Do not use: Tenant.)",
      ]);
      expect(unit.get('x12:note[@from="sxs-glossary"]/@annotates', NS)?.content).toBe('source');
    } finally {
      doc.dispose();
    }
  });

  for (const format of ['xliff21', 'xliff12'] as const) {
    it(`${format}: without a glossary the files are byte for byte what they were; with one, only the glossary parts are added`, () => {
      const without = exportAll(false, format);
      expect(without.terms).toBe(0);
      const withTerms = format === 'xliff21' ? en : de12;
      for (const f of without.files) {
        const plainFile = readFileSync(f, 'utf8');
        expect(plainFile).not.toMatch(/gls:|sxs-glossary/);
        const other = readFileSync(join(withTerms.out, relative(without.out, f)), 'utf8');
        const stripped = other
          .replace(/ xmlns:gls="[^"]*"/, '')
          .replace(/\n *<gls:glossary>[\s\S]*?<\/gls:glossary>/g, '')
          .replace(/\n *<note from="sxs-glossary"[^\n]*<\/note>/g, '');
        expect(stripped).toBe(plainFile);
      }
    });

    it(`${format}: files with the glossary import: untouched (nothing changes) and translated`, () => {
      const { config, files } = exportAll(true, format, 'zh-TW');
      const untouched = importHandoff({ config, inputs: files, dryRun: true, acceptStale: false });
      // The glossary elements read without a problem; the quality rules' warnings (the sample's real terminology slips) aside.
      const errors = (r: { problems: Array<{ severity: string; rule: string }> }) => r.problems.filter((p) => p.severity === 'error' || !p.rule.startsWith('qa/'));
      expect(errors(untouched)).toEqual([]);
      expect(untouched.changed).toBe(0);
      for (const f of files) translate(f, (s) => s.toUpperCase());
      const r = importHandoff({ config, inputs: files, dryRun: false, acceptStale: false });
      expect(errors(r)).toEqual([]);
      expect(r.changed).toBeGreaterThan(100);
    });
  }

  it('an unreadable glossary stops the export: an error, no file written, no handoff recorded', () => {
    const config = sample(true);
    writeFileSync(config.glossary!, '<martif><text><body><termEntry>');
    const out = join(config.root, 'handoff');
    const r = exportHandoff({ config, locale: 'de-DE', format: 'xliff21', out, all: true, toolVersion: '0.0.0' });
    expect(r.problems).toMatchObject([{ file: config.glossary, rule: 'terms/xml', severity: 'error' }]);
    expect([r.files, r.recorded]).toEqual([[], 0]);
  });
});
