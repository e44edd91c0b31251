import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.js';

const plugin = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/plugins/${name}`, import.meta.url));

describe('callwire config check (the real binary)', function () {
  this.timeout(30000);
  let dir: string;
  const config = (lines: string[]) => {
    const file = join(dir, 'callwire.yaml');
    writeFileSync(file, lines.join('\n'));
    return file;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-check-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads each enabled plugin and prints what would start, its kind included', async () => {
    const file = config([
      'server: { api: { port: 6620 }, web: { port: 6612 } }',
      'plugins:',
      `  - use: ${plugin('echo-extension.mjs')}`,
      '    id: echo',
      "    options: { prefix: 'you said: ' }",
      '  - use: no-such-plugin-anywhere',
      '    enabled: false',
    ]);
    const run = await runCli(['config', 'check', file]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^config ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is valid\n`));
    assert.match(run.stdout, /\n {2}XML API {6}127\.0\.0\.1:6620\n/);
    assert.match(run.stdout, /\n {2}web {10}127\.0\.0\.1:6612 \(WebAPI, \/events, live monitor at \/\)\n/);
    assert.match(run.stdout, /\n {2}plugins {6}echo \(extension\); disabled: no-such-plugin-anywhere\n/);
  });

  it("validates each plugin's options against its own schema and names every problem as plugins[i].options.key", async () => {
    const file = config([
      'plugins:',
      `  - use: ${plugin('echo-extension.mjs')}`,
      "    options: { maxLength: 'ten' }",
      `  - use: ${plugin('echo-extension.mjs')}`,
      '    options: { prefix: 5 }',
      `  - use: ${plugin('not-a-plugin.mjs')}`,
      '  - use: no-such-plugin-anywhere',
    ]);
    const run = await runCli(['config', 'check', file]);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines[0], `invalid config ${file}:`);
    assert.match(lines[1]!, /^ {2}plugins\[0\]\.options\.maxLength: expected number/);
    assert.match(lines[2]!, /^ {2}plugins\[1\]\.options\.prefix: expected string/);
    assert.match(lines[3]!, /^ {2}plugins\[2\] \(.*not-a-plugin\.mjs\): cannot be loaded: .* is not a Callwire plugin/);
    assert.match(lines[4]!, /^ {2}plugins\[3\] \(no-such-plugin-anywhere\): cannot be loaded: .*npm install @callwire\/plugin-no-such-plugin-anywhere/);
    assert.equal(lines.length, 5);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('reports a bad core setting by key, and takes the file from --config as well', async () => {
    const file = config(['server:', '  api:', '    port: many']);
    const run = await runCli(['config', 'check', '--config', file]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /server\.api\.port: expected integer/);
    const usage = await runCli(['config', 'validate', file]);
    assert.equal(usage.status, 2);
    assert.equal(usage.stderr, "unknown config command 'validate'; did you mean 'callwire config check FILE'?\n");
  });
});
