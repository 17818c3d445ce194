#!/usr/bin/env node
// Launcher: the TypeScript in pipeline/ is compiled to lib/ by `npm run build` (run by `npm ci` via `prepare`).
import { appendFileSync } from 'node:fs';
import { main } from '../lib/cli.js';

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  appendFile: (path, text) => appendFileSync(path, text),
  untilStopped: () => new Promise((resolve) => ['SIGINT', 'SIGTERM'].forEach((signal) => process.once(signal, resolve))),
});
