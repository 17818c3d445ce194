/**
 * `sxs validate`: the official schemas in-process (libxml2 WebAssembly) plus the processing requirements,
 * graded so that a vendor's harmless extensions warn and XLIFF's own content errors. Each case is a small
 * document built here; the real CAT-tool files are in xliff-corpus.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../pipeline/cli.js';
import { validateXliff } from '../pipeline/xliff/validate.js';
import { tempDir } from './support/fixtures.js';

const v12 = (units: string, rootAttrs = '', ns = 'urn:oasis:names:tc:xliff:document:1.2') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"${ns ? ` xmlns="${ns}"` : ''}${rootAttrs}>\n<file original="a.md" source-language="en" target-language="de" datatype="x-markdown">\n<body>\n${units}\n</body>\n</file>\n</xliff>\n`;
const v21 = (segment: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="de">\n<file id="f1">\n<unit id="u1">\n${segment}\n</unit>\n</file>\n</xliff>\n`;
const findings = (text: string) => validateXliff(Buffer.from(text)).findings;
const errors = (text: string) => findings(text).filter((f) => f.severity === 'error');

describe('XLIFF 1.2: the strict schema, graded', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['target before source', '<trans-unit id="1"><target>T</target><source>S</source></trans-unit>', /<target>: This element is not expected. Expected is \( <source> \)/],
    ['an invalid state', '<trans-unit id="1"><source>S</source><target state="done">T</target></trans-unit>', /attribute 'state': 'done' is not a valid value/],
    ['an invalid translate', '<trans-unit id="1" translate="maybe"><source>S</source></trans-unit>', /attribute 'translate': \[facet 'enumeration'\] The value 'maybe'/],
    ['an invalid context-type', '<trans-unit id="1"><source>S</source><context-group><context context-type="bogus">c</context></context-group></trans-unit>', /attribute 'context-type': 'bogus'/],
  ];
  for (const [name, unit, message] of cases) {
    it(`${name} is an error with its line`, () => {
      const e = errors(v12(unit));
      expect(e).toEqual([expect.objectContaining({ line: 5, rule: 'xliff/schema', severity: 'error', message: expect.stringMatching(message) })]);
    });
  }

  it("a unit without source is one error: our rule names it, the schema's wording on that line is not added", () => {
    expect(errors(v12('<trans-unit id="1"><target>T</target></trans-unit>'))).toEqual([
      expect.objectContaining({ line: 5, column: 1, rule: 'xliff/structure', message: '<trans-unit> needs exactly one <source>' }),
    ]);
  });

  it('duplicate ids are one error (our rule; the schema says the same and is not repeated)', () => {
    const e = errors(v12('<trans-unit id="1"><source>S</source></trans-unit>\n<trans-unit id="1"><source>S</source></trans-unit>'));
    expect(e.map((f) => [f.line, f.rule])).toEqual([[6, 'xliff/id-unique']]);
  });

  it('a missing namespace is an error; XLIFF 1.0 (DTD, no namespace) a warning', () => {
    expect(errors(v12('<trans-unit id="1"><source>S</source></trans-unit>', '', ''))).toEqual([expect.objectContaining({ line: 2, rule: 'xliff/namespace' })]);
    const old = findings(v12('<trans-unit id="1"><source>S</source></trans-unit>', '', '').replace('version="1.2"', 'version="1.0"'));
    expect(old.map((f) => [f.rule, f.severity])).toEqual([['xliff/namespace', 'warning']]);
  });

  it('a vendor extension the strict schema refuses is a warning, the file stays valid', () => {
    const f = findings(v12('<trans-unit id="1" sdl:x="1"><source>S</source></trans-unit>', ' xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" sdl:version="1.0"'));
    expect(f.length).toBe(2);
    for (const x of f) expect(x).toMatchObject({ rule: 'xliff/schema', severity: 'warning', message: expect.stringMatching(/the schema allows no extension attribute here/) });
    expect(f.map((x) => x.line)).toEqual([2, 5]);
  });

  it('a vendor extension that hides an XLIFF error does not hide the error', () => {
    const e = errors(v12('<trans-unit id="1" sdl:x="1"><target>T</target><source>S</source></trans-unit>', ' xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"'));
    expect(e).toEqual([expect.objectContaining({ line: 5, rule: 'xliff/schema', message: expect.stringMatching(/<target>: This element is not expected/) })]);
  });

  it('XLIFF 1.1 is checked with the 1.2 schema, as warnings', () => {
    const f = findings(v12('<trans-unit id="1"><source>S</source><target state="done">T</target></trans-unit>', '', 'urn:oasis:names:tc:xliff:document:1.1'));
    expect(f).toEqual([expect.objectContaining({ line: 5, rule: 'xliff/schema', severity: 'warning', message: expect.stringMatching(/'done'.*XLIFF 1\.1 checked with the 1\.2 schema/) })]);
  });

  it('a valid file has no finding at all', () => {
    expect(findings(v12('<trans-unit id="1"><source>S</source><target state="translated">T</target></trans-unit>'))).toEqual([]);
  });
});

describe("XLIFF 2: a target inline element takes its source counterpart's id or a fresh one", () => {
  const seg = (target: string) => `<segment id="s1"><source>Press <pc id="1">Enter</pc> now<ph id="2"/>.</source><target>${target}</target></segment>`;

  it('the same element, or a paired code written as sc/ec, is fine', () => {
    expect(findings(v21(seg('Drücken Sie <pc id="1">Enter</pc><ph id="2"/>.')))).toEqual([]);
    expect(findings(v21(seg('Drücken Sie <sc id="1"/>Enter<ec startRef="1"/><ph id="2"/>.')))).toEqual([]);
  });

  it('a <ph> reusing the id of a <pc>, or of the segment, is an error', () => {
    expect(errors(v21(seg('Drücken Sie <ph id="1"/>Enter<ph id="2"/>.')))).toEqual([
      expect.objectContaining({ line: 5, rule: 'xliff/id-unique', message: '<ph id="1"> in a target reuses the id of the <pc> of unit u1' }),
    ]);
    expect(errors(v21(seg('Drücken Sie <pc id="1">Enter</pc><ph id="2"/><ph id="s1"/>.')))).toEqual([
      expect.objectContaining({ rule: 'xliff/id-unique', message: '<ph id="s1"> in a target reuses the id of the <segment> of unit u1' }),
    ]);
  });

  it('the 2.1 schema error is reported where our rules are silent', () => {
    // An extension attribute on <source>, which XLIFF 2 does not allow: both our grammar and the schema say so, once.
    const e = errors(v21('<segment id="s1"><source x:y="1" xmlns:x="urn:x">S</source></segment>'));
    expect(e).toHaveLength(1);
  });
});

describe('sxs validate (CLI)', () => {
  async function run(cwd: string, ...args: string[]) {
    let out = '';
    const code = await main(['validate', ...args], { cwd, isTTY: false, stdout: (t) => (out += t), stderr: (t) => (out += t) });
    return { code, out };
  }

  it('warnings are printed as file:line:column and the file counts as valid (exit 0); an error fails it (exit 1)', async () => {
    const dir = tempDir('sxs-validate-');
    writeFileSync(join(dir, 'vendor.xlf'), v12('<trans-unit id="1"><source>S</source></trans-unit>', ' xmlns:v="urn:vendor" v:job="7"'));
    writeFileSync(join(dir, 'bad.xlf'), v12('<trans-unit id="1"><target>T</target><source>S</source></trans-unit>'));
    const ok = await run(dir, 'vendor.xlf');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^\S*\/vendor\.xlf:2:1: warning xliff\/schema: <xliff>, attribute <job> \(urn:vendor\): the schema allows no extension attribute here/m);
    expect(ok.out).toMatch(/^OK \S*\/vendor\.xlf \(XLIFF 1\.2\), 1 warning$/m);
    expect(ok.out).toMatch(/^1 valid \(1 with warnings\), 0 invalid$/m);
    const both = await run(dir, 'vendor.xlf', 'bad.xlf', '--json');
    expect(both.code).toBe(1);
    const report = JSON.parse(both.out) as { files: Array<{ valid: boolean; findings: Array<{ severity: string }> }>; valid: number; invalid: number; warnings: number };
    expect([report.valid, report.invalid, report.warnings]).toEqual([1, 1, 1]);
    expect(report.files.map((f) => [f.valid, f.findings.map((x) => x.severity)])).toEqual([
      [true, ['warning']],
      [false, ['error']],
    ]);
  });
});
