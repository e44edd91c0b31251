import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { LineSplitter } from '../src/line-splitter.js';
import type { RecordSource } from '../src/transport/record-source.js';
import { SerialSource } from '../src/transport/serial-source.js';
import { TcpClientSource } from '../src/transport/tcp-client-source.js';
import { TcpListenSource } from '../src/transport/tcp-listen-source.js';
import { PbxSmdrServer, freePort } from './support/pbx-tcp.js';
import { PtyPair } from './support/pty-pair.js';
import { countedRetry, waitUntil } from './support/wait.js';

/** A real pino logger whose JSON lines the test reads back: [level, message]. */
function capturingLogger() {
  const entries: [string, string][] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg: string };
        entries.push([pino.levels.labels[entry.level]!, entry.msg]);
      }
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), entries };
}

const splitter = () => new LineSplitter({ lineEnding: 'any', encoding: 'latin1', maxLineLength: 2048 });
const LOGIN = 'SMDR\r\nsecret\r\n';

describe('sources log each state change once, not each retry', function () {
  this.timeout(20_000);
  let source: RecordSource | undefined;
  afterEach(async () => {
    await source?.stop();
    source = undefined;
  });

  it('serial: waiting for the port, open, lost, waiting, open again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smdr-state-'));
    const pty = new PtyPair(dir);
    const { log, entries } = capturingLogger();
    const lines: string[] = [];
    const retry = countedRetry(10, 40);
    source = new SerialSource({ path: pty.pluginEnd, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, xon: false }, splitter, (l) => lines.push(l), log, retry.options);
    try {
      source.start();
      await waitUntil(() => entries.length >= 1 && retry.retries >= 3, 'a few retries against a port that is not there');
      await pty.start();
      await pty.waitUntilPluginOpened();
      await pty.write('one\r\n');
      await waitUntil(() => lines.length === 1, 'the first line');
      const before = retry.retries;
      await pty.stop();
      await waitUntil(() => entries.length >= 4 && retry.retries >= before + 3, 'the loss, then a few retries');
      await pty.start();
      await pty.waitUntilPluginOpened();
      await pty.write('two\r\n');
      await waitUntil(() => lines.length === 2, 'the second line');
      const p = pty.pluginEnd;
      assert.deepEqual(entries.map(([level, msg]) => `${level} ${msg.replace(/\(.*\)/, '(…)')}`), [
        `warn serial port ${p} cannot be opened (…); retrying until it can`,
        `info serial port ${p} open (…)`,
        `warn serial port ${p} went away (…); reopening`,
        `warn serial port ${p} cannot be opened (…); retrying until it can`,
        `info serial port ${p} open (…)`,
      ]);
      assert.deepEqual(lines, ['one', 'two']);
    } finally {
      await source.stop();
      await pty.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('TCP client: refused, connected (with the login sent), lost, refused, connected', async () => {
    const pbx = await PbxSmdrServer.start();
    const port = pbx.port;
    await pbx.close();
    const { log, entries } = capturingLogger();
    const retry = countedRetry(10, 40);
    source = new TcpClientSource({ host: '127.0.0.1', port, connectTimeoutMs: 1000, keepAliveMs: 1000, login: { username: 'SMDR', password: 'secret' } }, splitter, () => undefined, log, retry.options);
    source.start();
    await waitUntil(() => entries.length >= 1 && retry.retries >= 3, 'a few refused connects');
    await pbx.listen();
    await pbx.waitForConnections(1);
    await pbx.waitForReceived(1, LOGIN);
    const before = retry.retries;
    await pbx.close();
    await waitUntil(() => entries.length >= 4 && retry.retries >= before + 3, 'the loss, then a few refused connects');
    await pbx.listen();
    await pbx.waitForConnections(2);
    // The PBX sees the connection before the plugin's own 'connect' runs, and the login arrives after both.
    await pbx.waitForReceived(2, LOGIN);
    await waitUntil(() => entries.length >= 5, 'the second connect logged');
    // the reason in brackets depends on timing (a plain close or ECONNRESET); the states do not
    assert.deepEqual(entries.map(([level, msg]) => `${level} ${msg.replace(/ \(.*\)/, '')}`), [
      `warn cannot connect to the PBX at 127.0.0.1:${port}; retrying until it answers`,
      `info connected to the PBX at 127.0.0.1:${port}; sent login 'SMDR'`,
      `warn the PBX at 127.0.0.1:${port} closed the connection; reconnecting`,
      `warn cannot connect to the PBX at 127.0.0.1:${port}; retrying until it answers`,
      `info connected to the PBX at 127.0.0.1:${port}; sent login 'SMDR'`,
    ]);
    assert.match(entries[0]![1], /\(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);
    assert.deepEqual(pbx.received, [LOGIN, LOGIN]);
    await pbx.close();
  });

  it('TCP listener: a port in use is retried until it is free', async () => {
    const port = await freePort();
    const squatter = new TcpListenSource({ host: '127.0.0.1', port, keepAliveMs: 1000 }, splitter, () => undefined, pino({ level: 'silent' }), countedRetry(10, 40).options);
    squatter.start();
    await waitUntil(() => squatter.port === port, 'the first listener');
    const { log, entries } = capturingLogger();
    const retry = countedRetry(10, 40);
    source = new TcpListenSource({ host: '127.0.0.1', port, keepAliveMs: 1000 }, splitter, () => undefined, log, retry.options);
    source.start();
    await waitUntil(() => entries.length >= 1 && retry.retries >= 3, 'a few retries against the port in use');
    await squatter.stop();
    await waitUntil(() => (source as TcpListenSource).port === port, 'the second listener to bind');
    await waitUntil(() => entries.length >= 2, 'the bind logged');
    assert.deepEqual(entries.map(([level, msg]) => `${level} ${msg.replace(/\(.*\)/, '(…)')}`), [
      `warn cannot listen for SMDR on 127.0.0.1:${port} (…); retrying`,
      `info listening for SMDR on 127.0.0.1:${port}`,
    ]);
  });
});
