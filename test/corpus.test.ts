/**
 * Real published files from four repository families (test/fixtures/corpus, see its README): each
 * is harvested into a store and rebuilt byte for byte, and what the harvest read from the file (its
 * conventions, its shapes) is what the store records. Edits of the English change only what they
 * touch. `npm run fidelity` runs the same on the whole corpus.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../pipeline/commands/build.js';
import { harvest } from '../pipeline/commands/harvest.js';
import { loadStoredDoc } from '../pipeline/store/store.js';
import { makeProject, type Project } from './support/project.js';

const ROOT = join(import.meta.dirname, 'fixtures', 'corpus');

interface Case {
  family: string;
  locale: string;
  path: string;
  published: string;
  english: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const family of readdirSync(ROOT).filter((f) => statSync(join(ROOT, f)).isDirectory())) {
    for (const locale of readdirSync(join(ROOT, family)).filter((l) => !l.endsWith('.en'))) {
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const full = join(dir, name);
          if (statSync(full).isDirectory()) walk(full);
          else {
            const path = relative(join(ROOT, family, locale), full)
              .split('\\')
              .join('/');
            out.push({ family, locale, path, published: full, english: join(ROOT, family, `${locale}.en`, path) });
          }
        }
      };
      walk(join(ROOT, family, locale));
    }
  }
  return out.sort((a, b) => a.published.localeCompare(b.published));
}

/** A project with the case's English, harvested from its published file and built. */
async function rebuild(c: Case, english: Buffer | string = readFileSync(c.english)): Promise<{ project: Project; report: Awaited<ReturnType<typeof harvest>>; output: () => string }> {
  const project = makeProject([c.locale]);
  project.write(join('source', c.path), english);
  project.write(join('published', c.path), readFileSync(c.published));
  const report = await harvest({ config: project.config, dir: join(project.root, 'published'), locale: c.locale });
  return {
    project,
    report,
    output: () => {
      build({ config: project.config, locales: [c.locale], mode: 'bilingual', html: false });
      return project.read(join('dist', c.locale, c.path));
    },
  };
}

const all = cases();
const named = (end: string) => all.find((c) => c.path.endsWith(end))!;

describe('published files of every generation rebuild byte for byte', () => {
  it('has the fixtures', async () => {
    expect(all.length).toBe(13);
  });

  for (const c of all) {
    it(`${c.family}/${c.locale}/${c.path}`, async () => {
      const r = await rebuild(c);
      expect(r.report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.report.documents[0]!.retired).toEqual([]);
      expect(r.output()).toBe(readFileSync(c.published, 'utf8'));
    });
  }
});

describe('what harvest reads from a file', () => {
  it('the conventions of its generation: no heading anchors, markup peeled, no-break spaces kept', async () => {
    const { project } = await rebuild(named('how-to-delete-a-med-v-image.md'));
    const stored = loadStoredDoc(project.config.translations, 'ko-KR', 'mdop/medv-v1/how-to-delete-a-med-v-image.md')!;
    expect(stored.conventions).toEqual({ anchors: false, peelMarkup: true, keepNbsp: true });
    const office = await rebuild(named('dialog-boxes.md'));
    expect(loadStoredDoc(office.project.config.translations, 'ja-JP', 'docs/design/dialog-boxes.md')!.conventions?.anchors).toBe(true);
  });

  it('a sentence the file wrote as two pairs is stored as a split translation', async () => {
    const c = named('simulationalgorithm.md');
    const { project, report } = await rebuild(c);
    expect(report.documents[0]!.split).toBe(1);
    const split = loadStoredDoc(project.config.translations, c.locale, c.path)!.translations.find((t) => t.parts);
    expect(split?.parts?.map((p) => p.source)).toEqual([
      'A time-independent simulation technique converts an <xref:microsoft.quantum.simulation.evolutiongenerator>',
      'to unitary time evolution for some time-interval.',
    ]);
  });

  it('two sentences the file wrote as one pair are stored as a range, and the ids after it follow the file', async () => {
    const c = named('troubleshoot-development-errors.md');
    const { project, report, output } = await rebuild(c);
    expect(report.documents[0]!.merged).toBeGreaterThanOrEqual(1);
    expect(loadStoredDoc(project.config.translations, c.locale, c.path)!.translations.map((t) => t.id)).toContain('134-135');
    const text = output();
    expect(text).toContain('data-ttu-id="1822a-134">');
    expect(text).toContain('data-ttu-id="1822a-135">'); // the next sentence, numbered as published
  });
});

describe('an edit of the English changes only what it touches', () => {
  const c = named('usability-testing.md');
  const english = readFileSync(c.english, 'utf8');
  const published = readFileSync(c.published, 'utf8').split('\n');

  it('one sentence edited: only its pair changes (the English there, untranslated)', async () => {
    const edited = english.replace('It’s important to get data on the entire user journey', 'It’s important to get data on the whole user journey');
    expect(edited).not.toBe(english);
    const out = await (await rebuild(c, edited)).output().split('\n');
    expect(out.length).toBe(published.length);
    const changed = out.map((line, i) => (line === published[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed.length).toBe(1);
    // On that line only the edited sentence's pair differs.
    const before = published[changed[0]!]!.split('</span></span>');
    const after = out[changed[0]!]!.split('</span></span>');
    expect(after.filter((part, i) => part !== before[i]).length).toBe(1);
    expect(out[changed[0]!]).toContain('It’s important to get data on the whole user journey');
  });

  it('one sentence inserted: it is new, and only the ids after it move', async () => {
    const edited = english.replace('\n## ', '\nA sentence added for the test.\n\n## ');
    const out = await (await rebuild(c, edited)).output();
    const ids = (text: string) => [...text.matchAll(/data-ttu-id="[0-9a-f]+-(\d+)">/g)].map((m) => Number(m[1]));
    const strip = (text: string) => text.replace(/data-(ttu|stu)-id="[0-9a-f]+-p?\d+"/g, '').replace(/\n[^\n]*A sentence added for the test\.[^\n]*\n\n/, '\n');
    expect(out).toContain('A sentence added for the test.</span>');
    // Apart from the ids and the new sentence, the file is the published one.
    expect(strip(out)).toBe(strip(published.join('\n')));
    const before = ids(published.join('\n'));
    const after = ids(out);
    expect(after.length).toBe(before.length + 1);
    expect(after.slice(-5)).toEqual(before.slice(-5).map((n) => n + 1));
  });
});
