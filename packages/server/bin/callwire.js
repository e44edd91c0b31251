#!/usr/bin/env node
// The `callwire` command. npm links this file into node_modules/.bin while it
// installs, before `prepare` builds dist/, so the link target must be a file
// that is in git: this one. It loads the built CLI when it runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (existsSync(fileURLToPath(main))) {
  await import(main.href);
} else {
  process.stderr.write(`callwire: not built yet (no ${fileURLToPath(main)}); run 'npm run build' at the repository root\n`);
  process.exitCode = 1;
}
