#!/usr/bin/env node
// Launcher: the TypeScript in pipeline/ is compiled to lib/ by `npm run build` (run by `npm ci` via `prepare`).
import { appendFileSync } from 'node:fs';
import { main } from '../lib/cli.js';

// A reader that closes its end (`sxs validate | head`) is not an error of the command: later output
// is dropped, and the command finishes and exits with its own code.
const closed = new Set();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE' && !closed.has(stream)) throw e;
    closed.add(stream);
  });
}
const writer = (stream) => (s) => {
  if (!closed.has(stream)) stream.write(s);
};

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: writer(process.stdout),
  stderr: writer(process.stderr),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  appendFile: (path, text) => appendFileSync(path, text),
  untilStopped: () => new Promise((resolve) => ['SIGINT', 'SIGTERM'].forEach((signal) => process.once(signal, resolve))),
  // Questions only when a person is at both ends (`sxs init` in a terminal).
  ...(process.stdin.isTTY && process.stdout.isTTY ? { ask } : {}),
});

async function ask(question) {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}
