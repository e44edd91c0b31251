#!/usr/bin/env node
// Runs every workspace's tests (npm test in each package, in order), streams
// their output, and ends with one line summing all packages: "N passed, N failed".
// Exits non-zero when a test failed, a package's run failed, or no test ran at all.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function workspaces() {
  const out = [];
  const list = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
  for (const pattern of list) {
    const dirs = pattern.endsWith('/*') ? listDirs(join(root, pattern.slice(0, -2))).map((d) => join(pattern.slice(0, -2), d)) : [pattern];
    for (const dir of dirs) {
      try {
        const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
        if (pkg.scripts?.test) out.push({ dir, name: pkg.name });
      } catch {
        /* not a package */
      }
    }
  }
  return out.filter((w) => only.length === 0 || only.some((o) => w.name.includes(o) || w.dir.includes(o)));
}

function listDirs(path) {
  try {
    return readdirSync(path, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}


function run({ dir, name }) {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${name} (${dir}) ===\n`);
    const child = spawn('npm', ['test', '--silent'], { cwd: join(root, dir), stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const take = (stream, sink) => stream.on('data', (chunk) => {
      text += chunk;
      sink.write(chunk);
    });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('close', (code) => {
      const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(text)?.[1] ?? 0);
      resolve({ name, code, passed: count('passing'), failed: count('failing'), pending: count('pending') });
    });
  });
}

const results = [];
for (const workspace of workspaces()) results.push(await run(workspace));
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const pending = results.reduce((n, r) => n + r.pending, 0);
const broken = results.filter((r) => r.code !== 0 && r.failed === 0);
process.stdout.write('\n');
for (const r of results) process.stdout.write(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}${r.code !== 0 && r.failed === 0 ? ' (the run itself failed)' : ''}\n`);
process.stdout.write(`${passed} passed, ${failed} failed${pending ? ` (${pending} pending)` : ''}\n`);
process.exitCode = failed > 0 || broken.length > 0 || passed === 0 ? 1 : 0;
