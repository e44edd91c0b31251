// Shared by the benchmarks: a real Callwire host on 127.0.0.1 (port 0, SQLite
// in a temp dir), and a pipelining XML client.
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../packages/server/dist/src/config/index.js';
import { CallwireHost } from '../packages/server/dist/src/host/callwire-host.js';

/** Starts a host with `config` merged over test-friendly defaults; `log` is a pino level. */
export async function startHost(config = {}, { log = 'silent', dir } = {}) {
  const home = dir ?? mkdtempSync(join(tmpdir(), 'callwire-bench-'));
  const file = join(home, 'callwire.json');
  writeFileSync(file, JSON.stringify({ plugins: [], log: { level: log }, ...config }));
  const loaded = loadConfig({ file, env: { CALLWIRE_DATA_DIR: home, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0' } });
  const logger = log === 'silent' ? pino({ level: 'silent' }) : pino({ level: log }, pino.destination({ dest: '/dev/null', sync: false }));
  const host = await CallwireHost.start(loaded, logger);
  return {
    host,
    dir: home,
    apiPort: host.addresses.api.port,
    webPort: host.addresses.web.port,
    async close() {
      await host.stop();
      if (!dir) rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A TCP client that sends raw bytes and counts CRLF-terminated replies. */
export class PipeClient {
  constructor(socket) {
    this.socket = socket;
    this.pending = [];
    this.tail = '';
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    socket.on('data', (text) => {
      const parts = (this.tail + text).split('\r\n');
      this.tail = parts.pop();
      for (const reply of parts) this.pending.shift()?.(reply);
    });
  }

  static open(port) {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new PipeClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends one request; resolves with its reply. */
  request(text) {
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.socket.write(text);
    });
  }

  close() {
    this.socket.destroy();
  }
}

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A percentile (0-100) of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs the load worker; resolves with requests per second. */
export async function drive({ port, connections = 1, depth = 1, total, requests }) {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { port, connections, depth, total, requests } });
  const message = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (message.error) throw new Error(message.error);
  if (message.failures > 0) throw new Error(`${message.failures} of ${total} replies were not API_OK`);
  return total / message.seconds;
}

/** A TEST request with id `i`, as the manual shows it. */
export const testRequest = (i) => `<REQUEST><TYPE>TEST</TYPE><REQUESTID>${i}</REQUESTID></REQUEST>\r\n`;

/**
 * For ratios of two runs of the same system: runs `baseline` and `figure`
 * alternately, `rounds` times each, and gives the best of each (by `value`)
 * with every sample's value. On a shared machine interference only ever slows
 * a run, and alternating keeps a slow minute (or the first run's warm-up)
 * from landing on one side only.
 */
export async function alternate(rounds, baseline, figure, value = (outcome) => outcome) {
  const runs = { baseline: [], figure: [] };
  for (let i = 0; i < rounds; i++) {
    runs.baseline.push(await baseline());
    runs.figure.push(await figure());
  }
  const best = (list) => list.reduce((a, b) => (value(b) > value(a) ? b : a));
  return { baseline: best(runs.baseline), figure: best(runs.figure), samples: { baseline: runs.baseline.map(value), figure: runs.figure.map(value) } };
}
