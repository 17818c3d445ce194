import { defineConfig } from 'vitest/config';

// `npm run test:slow`: the heavy runs — worker threads, incremental builds and shards on a large
// project — and a longer run of the browser safety corpus (BROWSER_RUNS, set by the script).
export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts', 'test/unsafe-browser.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
