import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// The tests run the dependencies users run: their production builds. (Under vitest's NODE_ENV=test
// the micromark/mdast utilities load their development builds, whose internal assertions throw on
// inputs the production code reads, e.g. "*\n[x]  |": a random property run hit one.)
process.env.NODE_ENV = 'production';

// `npm test`: everything but the heavy scale runs (`*.slow.test.ts`, in `npm run test:slow`, which
// .ci/run also runs). No timeout is a speed requirement: they only stop a hung test.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.slow.test.ts', '**/node_modules/**'],
    // Much of a test's time is waiting (a browser, a child process, a file watcher): two files at a
    // time even on two cores (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
