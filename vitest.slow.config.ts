import { defineConfig } from 'vitest/config';

// `npm run test:slow`: the heavy runs — worker threads, incremental builds and shards on a large
// project — and longer runs of the browser safety corpus and of the safety shortcut's property
// (BROWSER_RUNS, SAFETY_RUNS, set by the script).
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts', 'test/unsafe-browser.test.ts', 'test/safety.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
