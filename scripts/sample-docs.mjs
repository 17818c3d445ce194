#!/usr/bin/env node
// Recreates the sample project from ../shared: the English sources in source/ and their real
// translations harvested into translations/. Run after `npm run build`:  node scripts/sample-docs.mjs
// The seed article's English is rebuilt from its sxs-lookup text (its English file at the handoff
// commit is not public), with the English title taken from its first heading.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFromBilingual } from '../lib/bilingual/unsxs.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(repo, '..', 'shared');
const msdocs = join(shared, 'fixtures', 'msdocs');

// source path in this project → [repository folder in the fixtures, path there]
const DOCS = {
  'nuget/what-is-nuget.md': ['docs.microsoft.com-nuget', 'docs/what-is-nuget.md'],
  'nuget/policies/Ecosystem.md': ['docs.microsoft.com-nuget', 'docs/policies/Ecosystem.md'],
  'nuget/concepts/Package-Versioning.md': ['docs.microsoft.com-nuget', 'docs/concepts/Package-Versioning.md'],
  'console/allocconsole.md': ['Console-Docs', 'docs/allocconsole.md'],
  'console/includes/no-vt-equiv-banner.md': ['Console-Docs', 'docs/includes/no-vt-equiv-banner.md'],
};
const SEED = ['OfficeDocs-AlchemyInsights-pr', 'AlchemyInsights/transfer-licenses-between-tenants.md'];
const LOCALES = ['zh-TW', 'ja-JP', 'de-DE'];

const seedText = readFileSync(join(shared, 'seed', '000_221a714a5994a5f5.txt'), 'utf8');
const title = /^# (?:<a name="[^"]*"><\/a>)?<span data-ttu-id="[^"]+">.*?<\/span><span class="sxs-lookup"><span data-stu-id="[^"]+">(.*?)<\/span><\/span>$/m.exec(seedText)[1];
writeFileSync(join(repo, 'source', 'transfer-licenses-between-tenants.md'), sourceFromBilingual(seedText, { title }));
for (const [path, [fixtureRepo, fixturePath]] of Object.entries(DOCS)) {
  mkdirSync(dirname(join(repo, 'source', path)), { recursive: true });
  copyFileSync(join(msdocs, 'en-us', fixtureRepo, fixturePath), join(repo, 'source', path));
}

rmSync(join(repo, 'translations'), { recursive: true, force: true });
for (const locale of LOCALES) {
  const staged = mkdtempSync(join(tmpdir(), `sxs-${locale}-`));
  const stage = (path, fixtureRepo, fixturePath) => {
    const from = join(msdocs, locale, fixtureRepo, 'sxs', fixturePath);
    try {
      readFileSync(from);
    } catch {
      return;
    }
    mkdirSync(dirname(join(staged, path)), { recursive: true });
    copyFileSync(from, join(staged, path));
  };
  stage('transfer-licenses-between-tenants.md', ...SEED);
  for (const [path, [fixtureRepo, fixturePath]] of Object.entries(DOCS)) stage(path, fixtureRepo, fixturePath);
  try {
    execFileSync(process.execPath, [join(repo, 'bin', 'sxs.js'), 'harvest', staged, '--locale', locale], { cwd: repo, stdio: 'inherit' });
  } catch {
    // harvest reports its problems itself; keep going with the other locales
  }
  rmSync(staged, { recursive: true, force: true });
}
