import { defineConfig } from 'vitest/config';

// The tests run the dependencies users run: their production builds. (Under vitest's NODE_ENV=test
// the micromark/mdast utilities load their development builds, whose internal assertions throw on
// inputs the production code reads, e.g. "*\n[x]  |": a random property run hit one.)
process.env.NODE_ENV = 'production';

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
