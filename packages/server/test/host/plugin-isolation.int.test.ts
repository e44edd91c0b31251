import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CallwireProcess } from '../support/callwire-process.js';
import { send } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';

const plugin = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/plugins/${name}`, import.meta.url));
const fast = '    restart: { delaySeconds: 0.05, maxDelaySeconds: 0.2, maxRestarts: 3 }';

describe('plugin isolation: whatever a plugin throws or leaves rejected costs only that plugin (a real process)', function () {
  this.timeout(60000);
  let dir: string;
  let server: CallwireProcess;
  let client: XmlClient;
  let webPort: number;
  const starts = (id: string) => readFileSync(join(dir, 'plugins', id, 'starts.log'), 'utf8').split('\n').filter(Boolean).length;
  const failureLine = (id: string, where: string) =>
    server.waitFor((l) => l['plugin'] === id && l['level'] === 50 && String(l['msg']).includes(`failed in ${where}`));
  const startedAgain = (id: string) => server.waitFor((l) => l['plugin'] === id && l['msg'] === `plugin ${id} started again`);

  /** A call on another device is recorded from start to stop: the host and the recorder still serve. */
  async function callStillWorks(device: string): Promise<void> {
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: device }), 'RESULTCODE'), '20');
    assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: device }), 'RESULTCODE'), '20');
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callwire-isolation-'));
    const configFile = join(dir, 'callwire.yaml');
    writeFileSync(configFile, [
      'plugins:',
      `  - use: ${plugin('metadata-recorder.mjs')}`,
      '    options: { coreIdent: 1 }',
      `  - use: ${plugin('crashing-timer.mjs')}`,
      '    id: crashy',
      fast,
      `  - use: ${plugin('leaky-rejection.mjs')}`,
      '    id: leaky',
      fast,
      `  - use: ${plugin('throwing-socket.mjs')}`,
      '    id: sockety',
      fast,
      `  - use: ${plugin('failing-extension.mjs')}`,
      '    restart: { maxRestarts: 0 }',
      `  - use: ${plugin('echo-extension.mjs')}`,
      '    id: echo',
    ].join('\n'));
    server = CallwireProcess.spawn(['start', '--config', configFile], { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: '' });
    const ports = await server.ready();
    webPort = ports.web;
    client = await XmlClient.open(ports.api);
  });
  after(async () => {
    client?.close();
    server?.kill('SIGTERM');
    assert.equal(await server.exit(), 0, 'the host stopped cleanly after all of it');
    rmSync(dir, { recursive: true, force: true });
  });

  it('names a plugin that throws in a timer callback, restarts it, and calls keep working meanwhile', async () => {
    assert.equal(starts('crashy'), 1);
    await send(client, 'CALLSTART', { DEVICEID: '6660' });
    const line = await failureLine('crashy', 'an uncaught exception');
    assert.match(String(line['msg']), /^plugin crashy failed in an uncaught exception: boom in a timer; restarting in 0\.05 s/);
    assert.equal((line['err'] as { message: string }).message, 'boom in a timer');
    await callStillWorks('7001');
    await startedAgain('crashy');
    assert.equal(starts('crashy'), 2, 'it was started again');
    await send(client, 'CALLSTOP', { DEVICEID: '6660' });
  });

  it('names a plugin that leaves a rejected promise unhandled, and restarts it', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '6670' });
    const line = await failureLine('leaky', 'an unhandled promise rejection');
    assert.match(String(line['msg']), /device 6679 is not in a call/);
    await callStillWorks('7002');
    await startedAgain('leaky');
    assert.equal(starts('leaky'), 2);
    await send(client, 'CALLSTOP', { DEVICEID: '6670' });
  });

  it('names a plugin that throws in the data handler of a socket its server accepted (by the stack: Node loses the async context there)', async () => {
    const port = Number(readFileSync(join(dir, 'plugins', 'sockety', 'port.txt'), 'utf8'));
    const pbx = connect(port, '127.0.0.1');
    pbx.on('error', () => undefined); // the plugin's stop closes it
    pbx.write('garbage\n');
    const line = await failureLine('sockety', 'an uncaught exception');
    assert.match(String(line['msg']), /cannot parse "garbage"/);
    pbx.destroy();
    await callStillWorks('7003');
    await startedAgain('sockety');
  });

  it('leaves nothing of an extension that failed to start bound: its function answers 10, another extension still answers', async () => {
    const reply = await send(client, 'HALFBOUND');
    assert.equal(tag(reply, 'RESULTCODE'), '10');
    assert.equal(tag(await send(client, 'ECHOTEXT', { TEXT: 'hi' }), 'RESULTCODE'), '20');
    const health = (await (await fetch(`http://127.0.0.1:${webPort}/healthz`)).json()) as { problems: string[] };
    assert.ok(
      health.problems.some((p) => p.startsWith('plugin failing-extension is not running: disabled after 1 failure(s) in a row; the last: licence server unreachable (in start())')),
      JSON.stringify(health.problems),
    );
  });

  it('disables a plugin after maxRestarts failures in a row, and says so in /healthz', async () => {
    for (let round = 0; round < 3; round++) {
      const before = server.lines.filter((l) => l['plugin'] === 'crashy' && l['level'] === 50).length;
      await send(client, 'CALLSTART', { DEVICEID: '6660' });
      await server.waitFor(() => server.lines.filter((l) => l['plugin'] === 'crashy' && l['level'] === 50).length > before);
      await send(client, 'CALLSTOP', { DEVICEID: '6660' });
      if (round < 2) await server.waitFor(() => starts('crashy') === 3 + round);
    }
    const disabled = await server.waitFor((l) => l['plugin'] === 'crashy' && String(l['msg']).includes('disabled after 4 failure(s) in a row'));
    assert.ok(disabled);
    const health = (await (await fetch(`http://127.0.0.1:${webPort}/healthz`)).json()) as { problems: string[] };
    assert.ok(health.problems.some((p) => p.startsWith('plugin crashy is not running: disabled after 4 failure(s)')), JSON.stringify(health.problems));
    await callStillWorks('7004');
  });
});

describe('plugin isolation: a recorder core that fails mid-call (a real process)', function () {
  this.timeout(60000);

  it('ends the recording on it (its row completed, not left open), restarts the core, and the next call is recorded again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callwire-isolation-'));
    const configFile = join(dir, 'callwire.yaml');
    writeFileSync(configFile, ['plugins:', `  - use: ${plugin('crashing-recorder.mjs')}`, '    id: recorder', '    options: { coreIdent: 1 }', fast].join('\n'));
    const server = CallwireProcess.spawn(['start', '--config', configFile], { CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: '' });
    let client: XmlClient | undefined;
    try {
      const ports = await server.ready();
      client = await XmlClient.open(ports.api);
      assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '6690' }), 'RESULTMSG'), 'CALLSTART sent to all of the following cores: 1');
      await server.waitFor((l) => l['plugin'] === 'recorder' && String(l['msg']).includes('failed in an uncaught exception: the capture card went away'));
      await server.waitFor((l) => l['msg'] === 'plugin recorder started again');
      const db = new Database(join(dir, 'callwire.db'), { readonly: true });
      const rows = () => db.prepare('SELECT device_id, state FROM recordings ORDER BY ident').all() as { device_id: string; state: string }[];
      try {
        await server.waitFor(() => rows().some((r) => r.device_id === '6690' && r.state === 'complete'));
        assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '6690' }), 'RESULTCODE'), '20', 'the call itself went on');
        assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: '6691' }), 'RESULTMSG'), 'CALLSTART sent to all of the following cores: 1');
        assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '6691' }), 'RESULTCODE'), '20');
        await server.waitFor(() => rows().filter((r) => r.state === 'complete').length === 2);
        assert.deepEqual(rows(), [{ device_id: '6690', state: 'complete' }, { device_id: '6691', state: 'complete' }]);
      } finally {
        db.close();
      }
    } finally {
      client?.close();
      server.kill('SIGTERM');
    }
    assert.equal(await server.exit(), 0);
    rmSync(dir, { recursive: true, force: true });
  });
});
