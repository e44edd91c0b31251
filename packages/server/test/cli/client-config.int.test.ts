import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallwireProcess } from '../support/callwire-process.js';
import { freePort } from '../support/free-port.js';
import { runCli } from './run-cli.js';

/** A TCP listener that only counts who connects: what a client reaches when it ignores the config. */
async function decoy(): Promise<{ server: Server; port: number; connections: () => number }> {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, connections: () => count };
}

describe('client commands read the server address from the config file (the real binary, a real server)', function () {
  this.timeout(60000);
  const HOST = '127.0.0.2'; // not the default 127.0.0.1: reaching the server proves the host came from the file
  let dir: string;
  let file: string;
  let server: CallwireProcess;
  let apiPort: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callwire-client-config-'));
    apiPort = await freePort(HOST);
    const webPort = await freePort(HOST);
    file = join(dir, 'that.yaml');
    writeFileSync(file, [`server: { host: '${HOST}', api: { port: ${apiPort} }, web: { port: ${webPort} } }`, 'plugins: []', `storage: { path: ${join(dir, 'cw.db')} }`].join('\n'));
    server = CallwireProcess.spawn(['start', '--config', file], { CALLWIRE_CONFIG: '', CALLWIRE_API_PORT: '', CALLWIRE_WEB_PORT: '', CALLWIRE_HOST: '' });
    assert.equal((await server.ready()).api, apiPort);
  });
  after(async () => {
    server.kill('SIGTERM');
    await server.exit();
    rmSync(dir, { recursive: true, force: true });
  });

  it('callwire send TEST --config FILE reaches the server the file describes', async () => {
    const run = await runCli(['send', 'TEST', '--config', file]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /RESULTTYPE +API_OK/);
  });

  it('CALLWIRE_CONFIG names the file too, for send, events and import users', async () => {
    const send = await runCli(['send', 'TEST', '-c', file]);
    assert.equal(send.status, 0, send.stderr);
    const viaEnv = await runCli(['send', 'TEST'], { CALLWIRE_CONFIG: file });
    assert.equal(viaEnv.status, 0, viaEnv.stderr);
    const csv = join(dir, 'users.csv');
    writeFileSync(csv, 'FIRSTNAME,LASTNAME\nSally,Smith\n');
    const imported = await runCli(['import', 'users', csv], { CALLWIRE_CONFIG: file });
    assert.equal(imported.status, 0, imported.stderr);
    const events = await runCli(['events', '--port', '1'], { CALLWIRE_CONFIG: file });
    assert.match(events.stderr, new RegExp(`cannot connect to the Callwire API at ${HOST.replace(/\./g, '\\.')}:1\\b`), 'the host from the file, the port from --port');
  });

  it('--port and CALLWIRE_API_PORT still go on top of the file', async () => {
    const other = await decoy();
    try {
      await runCli(['send', 'TEST', '--config', file, '--host', '127.0.0.1', '--port', String(other.port)]);
      assert.equal(other.connections(), 1, '--host/--port win over the file');
      await runCli(['send', 'TEST', '--host', '127.0.0.1'], { CALLWIRE_CONFIG: file, CALLWIRE_API_PORT: String(other.port) });
      assert.equal(other.connections(), 2, 'CALLWIRE_API_PORT wins over the file, as it does for the server');
    } finally {
      other.server.close();
    }
  });

  it('a config whose port is 0 (a free port) cannot be reached: one line saying to give --port', async () => {
    const zero = join(dir, 'zero.yaml');
    writeFileSync(zero, 'server: { api: { port: 0 } }\n');
    const run = await runCli(['send', 'TEST', '--config', zero]);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, `server.api.port in ${zero} must be a port number from 1 to 65535, got '0' (0 lets the server pick a free port: give --port)\n`);
  });
});
