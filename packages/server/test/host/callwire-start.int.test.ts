import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI, CallwireProcess } from '../support/callwire-process.js';
import { tag, testRequest, XmlClient } from '../support/xml-client.js';

const plugin = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/plugins/${name}`, import.meta.url));

describe('callwire start (a real process)', function () {
  this.timeout(30000);
  let dir: string;
  const env = () => ({ CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: '' });
  /** Runs the CLI to completion; a process that does not exit fails the test instead of hanging it. */
  const run = (args: string[], extraEnv: Record<string, string> = env()) =>
    spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...extraEnv }, encoding: 'utf8', timeout: 15000, killSignal: 'SIGKILL' });

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-host-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('with no config file serves TEST on the API port and /healthz on the web port, then stops cleanly on SIGTERM', async () => {
    const server = CallwireProcess.spawn(['start'], env());
    try {
      const ports = await server.ready();
      const client = await XmlClient.open(ports.api);
      await client.write(testRequest(1));
      const [reply] = await client.read();
      assert.equal(tag(reply!, 'RESULTTYPE'), 'API_OK');
      client.close();
      const health = await fetch(`http://127.0.0.1:${ports.web}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { status: string }).status, 'ok');
      assert.equal((await fetch(`http://127.0.0.1:${ports.web}/nothing-here`)).status, 404);
    } finally {
      server.kill('SIGTERM');
    }
    assert.equal(await server.exit(), 0);
    assert.ok(server.lines.some((l) => l['msg'] === 'Callwire stopped'));
    assert.ok(readFileSync(join(dir, 'callwire.db')).length > 0, 'the SQLite database was created in the data dir');
  });

  it('loads plugins from the config: an extension adds an API function, one failing in start() is logged and restarted', async () => {
    const configFile = join(dir, 'callwire.yaml');
    writeFileSync(configFile, [
      'plugins:',
      `  - use: ${plugin('failing-start.mjs')}`,
      `  - use: ${plugin('echo-extension.mjs')}`,
      '    id: echo',
      "    options: { prefix: 'you said: ', maxLength: 8 }",
    ].join('\n'));
    const server = CallwireProcess.spawn(['start', '--config', configFile], env());
    try {
      const ports = await server.ready();
      const client = await XmlClient.open(ports.api);
      await client.write('<REQUEST><TYPE>ECHOTEXT</TYPE><REQUESTID>5</REQUESTID><TEXT>hello</TEXT></REQUEST>\r\n');
      await client.write('<REQUEST><TYPE>ECHOTEXT</TYPE><REQUESTID>6</REQUESTID><TEXT>much too long</TEXT></REQUEST>\r\n');
      const [ok, tooLong] = await client.read(2);
      assert.equal(tag(ok!, 'RESULTMSG'), 'you said: hello');
      assert.equal(tag(tooLong!, 'RESULTCODE'), '59');
      client.close();
      const messages = server.lines.map((l) => String(l['msg']));
      assert.ok(messages.some((m) => m.startsWith('plugin failing-start failed in start(): PBX link refused the login; restarting in 1 s')), messages.join('\n'));
    } finally {
      server.kill('SIGINT');
    }
    assert.equal(await server.exit(), 0);
    assert.equal(readFileSync(join(dir, 'plugins', 'echo', 'lifecycle.log'), 'utf8'), 'start\nstop\n');
  });

  it('refuses to start with plugins that cannot be loaded, listing each as config check does', async () => {
    const configFile = join(dir, 'callwire.yaml');
    writeFileSync(configFile, [
      'plugins:',
      `  - use: ${plugin('echo-extension.mjs')}`,
      `  - use: ${plugin('not-a-plugin.mjs')}`,
      `  - use: ${plugin('needs-newer-host.mjs')}`,
      '  - use: no-such-plugin-anywhere',
    ].join('\n'));
    const result = run(['start', '--config', configFile]);
    assert.equal(result.status, 1);
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines[0], `invalid config ${configFile}:`);
    assert.ok(lines[1]!.startsWith('  plugins[1]') && lines[1]!.includes('is not a Callwire plugin'), result.stderr);
    assert.ok(lines[2]!.startsWith('  plugins[2]') && lines[2]!.includes('needs @callwire/plugin-api ^9.0.0'), result.stderr);
    assert.ok(lines[3]!.startsWith('  plugins[3] (no-such-plugin-anywhere)') && lines[3]!.includes('npm install @callwire/plugin-no-such-plugin-anywhere'), result.stderr);
    assert.equal(lines.length, 4);
    assert.equal(result.stdout, '', 'nothing started, nothing logged');
  });

  it('refuses to start with bad plugin options, listing every problem by plugin and key', async () => {
    const configFile = join(dir, 'callwire.yaml');
    writeFileSync(configFile, [
      'plugins:',
      `  - use: ${plugin('echo-extension.mjs')}`,
      "    options: { maxLength: 'ten' }",
      `  - use: ${plugin('echo-extension.mjs')}`,
      '    options: { prefix: 5 }',
    ].join('\n'));
    const result = run(['start', '--config', configFile]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /plugins\[0\]\.options\.maxLength: expected number/);
    assert.match(result.stderr, /plugins\[1\]\.options\.prefix: expected string/);
  });

  it('refuses to start with a bad config, naming the key and the problem in one line, without a stack trace', () => {
    const configFile = join(dir, 'bad.yaml');
    writeFileSync(configFile, 'server:\n  api:\n    maxClients: many\nstorage:\n  driver: mysql\n');
    const result = run(['start', '--config', configFile]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /server\.api\.maxClients: expected integer/);
    assert.match(result.stderr, /storage\.driver: expected 'sqlite' or 'postgres'/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('answers --help and an unknown command with usage', () => {
    const help = run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /callwire start \[--config FILE\]/);
    const unknown = run(['fly']);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stderr, "unknown command 'fly'; run 'callwire --help'\n");
  });

  it('config check prints what a valid config would start', () => {
    const configFile = join(dir, 'ok.yaml');
    writeFileSync(configFile, 'server:\n  api: { port: 6620 }\nplugins: []\n');
    const result = run(['config', 'check', configFile], { CALLWIRE_CONFIG: '' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /is valid/);
    assert.match(result.stdout, /XML API\s+127\.0\.0\.1:6620/);
    assert.match(result.stdout, /plugins\s+\(none\)/);
  });
});
