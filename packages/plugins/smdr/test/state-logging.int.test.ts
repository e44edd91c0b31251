import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ManualClock } from '@callwire/plugin-kit';
import { pino } from 'pino';
import { lineSplitterFor } from '../src/transport/create-source.js';
import type { RecordSource, SourceContext } from '../src/transport/record-source.js';
import { SerialSource } from '../src/transport/serial-source.js';
import { TcpClientSource } from '../src/transport/tcp-client-source.js';
import { TcpListenSource } from '../src/transport/tcp-listen-source.js';
import { PbxSmdrServer, freePort } from './support/pbx-tcp.js';
import { PtyPair } from './support/pty-pair.js';
import { waitUntil } from './support/wait.js';

/** A real pino logger whose JSON lines the test reads back as `level message`. */
function capturingLogger() {
  const entries: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg: string };
        entries.push(`${pino.levels.labels[entry.level]!} ${entry.msg}`);
      }
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), entries };
}

const splitter = lineSplitterFor({ lineEnding: 'any', encoding: 'latin1', maxLineLength: 2048 });
/** No jitter, so the waits in the log lines are exact. */
const RECONNECT = { initialMs: 10, maxMs: 40, jitter: 0 };
const LOGIN = 'SMDR\r\nsecret\r\n';

describe('sources log each state change once, not each retry', function () {
  this.timeout(20_000);
  let clock: ManualClock;
  let source: RecordSource | undefined;
  const context = (log: SourceContext['log']): SourceContext => ({ log, timers: clock, stopping: new AbortController().signal });
  /** Lets the source fail `count` more attempts: each time it waits for its retry, the clock moves past the wait. */
  const retries = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await waitUntil(() => source!.state === 'waiting', 'the source to wait for its next attempt');
      await clock.advance(RECONNECT.maxMs);
    }
  };

  /**
   * Moves the clock past each wait until the source is up: an attempt made
   * while socat was still creating the pty fails like the ones before it
   * (and, being the same state, logs nothing new).
   */
  const retriesUntilUp = async () => {
    await waitUntil(() => source!.state === 'waiting' || source!.state === 'up', 'the source to wait or be up');
    while (source!.state !== 'up') {
      if (source!.state === 'waiting') await clock.advance(RECONNECT.maxMs);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  };

  beforeEach(() => {
    clock = new ManualClock();
  });
  afterEach(async () => {
    await source?.stop();
    source = undefined;
  });

  it('serial: cannot open the port, opened, lost, cannot open, opened again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smdr-state-'));
    const pty = new PtyPair(dir);
    const { log, entries } = capturingLogger();
    const lines: string[] = [];
    source = new SerialSource({ path: pty.pluginEnd, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, xon: false }, splitter, (l) => lines.push(l.text), context(log), RECONNECT);
    try {
      source.start();
      await retries(3);
      await pty.start();
      await retriesUntilUp();
      await pty.waitUntilPluginOpened();
      await pty.write('one\r\n');
      await waitUntil(() => lines.length === 1, 'the first line');
      await pty.stop();
      await retries(3);
      await pty.start();
      await retriesUntilUp();
      await pty.waitUntilPluginOpened();
      await pty.write('two\r\n');
      await waitUntil(() => lines.length === 2, 'the second line');
      const p = pty.pluginEnd;
      assert.deepEqual(entries.map((entry) => entry.replace(/\(.*\)/, '(…)')), [
        `info opening serial port ${p}`,
        `warn cannot open serial port ${p} (…); retrying in 10 ms, backing off to every 40 ms`,
        `info opened serial port ${p} (…)`,
        `warn lost serial port ${p} (…); trying again in 10 ms`,
        `warn cannot open serial port ${p} (…); retrying in 20 ms, backing off to every 40 ms`,
        `info opened serial port ${p} (…)`,
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
    const settings = { host: '127.0.0.1', port, connectTimeoutMs: 60_000, keepAliveMs: 1000, login: { username: 'SMDR', password: 'secret' } };
    source = new TcpClientSource(settings, splitter, () => undefined, context(log), RECONNECT);
    source.start();
    await retries(3);
    await pbx.listen();
    await retries(1);
    await pbx.waitForConnections(1);
    await pbx.waitForReceived(1, LOGIN);
    await pbx.close();
    await retries(3);
    await pbx.listen();
    await retries(1);
    await pbx.waitForConnections(2);
    // The PBX sees the connection before the plugin's own 'connect' runs, and the login arrives after both.
    await pbx.waitForReceived(2, LOGIN);
    await waitUntil(() => entries.length >= 6, 'the second connect logged');
    // the reason in brackets depends on timing (a plain close or ECONNRESET); the states do not
    const peer = `the PBX at 127.0.0.1:${port}`;
    assert.deepEqual(entries.map((entry) => entry.replace(/ \(.*\)/, '')), [
      `info connecting to ${peer}`,
      `warn cannot connect to ${peer}; retrying in 10 ms, backing off to every 40 ms`,
      `info connected to ${peer}; sent login 'SMDR'`,
      `warn lost ${peer}; trying again in 10 ms`,
      `warn cannot connect to ${peer}; retrying in 20 ms, backing off to every 40 ms`,
      `info connected to ${peer}; sent login 'SMDR'`,
    ]);
    assert.match(entries[1]!, /\(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);
    assert.deepEqual(pbx.received, [LOGIN, LOGIN]);
    await pbx.close();
  });

  it('TCP listener: a port in use is retried until it is free', async () => {
    const port = await freePort();
    const squatter = new TcpListenSource({ host: '127.0.0.1', port, keepAliveMs: 1000 }, splitter, () => undefined, context(pino({ level: 'silent' })), RECONNECT);
    squatter.start();
    await waitUntil(() => squatter.port === port, 'the first listener');
    const { log, entries } = capturingLogger();
    const listener = new TcpListenSource({ host: '127.0.0.1', port, keepAliveMs: 1000 }, splitter, () => undefined, context(log), RECONNECT);
    source = listener;
    listener.start();
    await retries(3);
    await squatter.stop();
    await retries(1);
    await waitUntil(() => listener.port === port, 'the second listener to bind');
    assert.deepEqual(entries.map((entry) => entry.replace(/\(.*\)/, '(…)')), [
      `info binding 127.0.0.1:${port} for SMDR`,
      `warn cannot listen on 127.0.0.1:${port} for SMDR (…); retrying in 10 ms, backing off to every 40 ms`,
      `info listening on 127.0.0.1:${port} for SMDR`,
    ]);
  });
});
