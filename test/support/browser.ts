/**
 * Which Chromium the browser tests drive (Debian's, CHROMIUM_PATH, or Playwright's), and the
 * describe that runs them or reports them skipped with the install command.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';

/**
 * The browser: `CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, or a Chromium that Playwright installed
 * (`~/.cache/ms-playwright`). None found: these tests are reported skipped with the command that
 * installs one — except under `CI=true`, where a missing browser fails the run (.ci/run installs it).
 */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const cache = join(process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright'));
  if (!existsSync(cache)) return undefined;
  for (const dir of readdirSync(cache)
    .filter((d) => d.startsWith('chromium'))
    .sort()
    .reverse()) {
    for (const exe of ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']) {
      if (existsSync(join(cache, dir, exe))) return join(cache, dir, exe);
    }
  }
  return undefined;
}
export const INSTALL = 'apt-get install -y chromium fonts-wqy-zenhei (or set CHROMIUM_PATH)';
export const CHROMIUM = findChromium() ?? '';
export const browserTests = CHROMIUM !== '' || process.env.CI === 'true' ? describe : describe.skip;

// Said where a reader of the test output sees it (vitest's summary names no skipped test).
if (CHROMIUM === '' && process.env.CI !== 'true') console.warn(`browser tests skipped: no Chromium found. Install it: ${INSTALL}`);
