import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCli, type RunningCli } from '../cli/run-cli.js';
import { CallwireProcess } from '../support/callwire-process.js';
import { freePort } from '../support/free-port.js';
import { send } from '../support/test-host.js';
import { XmlClient } from '../support/xml-client.js';

const EXAMPLE_CLIENT = fileURLToPath(new URL('../../../../../examples/events-client.mjs', import.meta.url));

/** Starts a call on `device` (a CALLSTART event) through a fresh client. */
async function callOn(port: number, device: string): Promise<void> {
  const client = await XmlClient.open(port);
  try {
    await send(client, 'CALLSTART', { DEVICEID: device });
  } finally {
    client.close();
  }
}

/**
 * Found 4 of issue 18: `callwire events` exited when the server restarted,
 * and no client could resume. Here a real `callwire start` process is stopped
 * and started again on the same ports while a follower listens.
 */
describe('following events across a real server restart', function () {
  this.timeout(60000);
  let dir: string;
  let env: Record<string, string>;
  let apiPort: number;
  const servers: CallwireProcess[] = [];
  const startServer = async (): Promise<void> => {
    const server = CallwireProcess.spawn(['start'], env);
    servers.push(server);
    await server.ready();
  };
  const stopServer = async (): Promise<void> => {
    const server = servers.pop()!;
    server.kill('SIGTERM');
    await server.exit();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callwire-resume-'));
    const config = join(dir, 'callwire.yaml');
    writeFileSync(config, 'plugins: []\nevents: { heartbeatSeconds: 1 }\n');
    apiPort = await freePort();
    const webPort = await freePort();
    env = { CALLWIRE_DATA_DIR: dir, CALLWIRE_CONFIG: config, CALLWIRE_API_PORT: String(apiPort), CALLWIRE_WEB_PORT: String(webPort) };
    await startServer();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  /** Events printed as JSON lines, as `type deviceId`. */
  const printed = (stdout: string, device: (line: Record<string, unknown>) => unknown): string[] =>
    stdout.trim().split('\n').filter((l) => l !== '').map((l) => String(device(JSON.parse(l) as Record<string, unknown>)));

  it('callwire events --reconnect keeps going, resumes by SEQ (nothing missed, nothing twice), and exits 0 only on Ctrl-C', async () => {
    const cli: RunningCli = startCli(['events', '--reconnect', '--json', '--class', 'CALL'], env);
    try {
      await cli.waitForStderr(/listening for CALL events on 127\.0\.0\.1:\d+ \(EVENTXREF \d+\); Ctrl-C to stop/);
      await callOn(apiPort, '7001');
      await cli.waitForStdout(/"DEVICEID":"7001"/);
      await stopServer();
      await cli.waitForStderr(/reconnecting to resume after SEQ \d+/);
      await startServer();
      // published before or after the follower is back: either way it is printed once
      await callOn(apiPort, '7002');
      await cli.waitForStderr(/resuming after SEQ \d+\); Ctrl-C to stop/);
      await cli.waitForStderr(/the server no longer holds the events after SEQ \d+; it holds from SEQ \d+/);
      await callOn(apiPort, '7003');
      await cli.waitForStdout(/"DEVICEID":"7003"/);
      const lines = cli.stdout().trim().split('\n').map((l) => JSON.parse(l) as { EVENTTYPE: string; SEQ: number; data: Record<string, string> });
      assert.deepEqual(lines.map((e) => `${e.EVENTTYPE} ${e.data['DEVICEID']}`), 
        // a clean stop ends the calls in progress: their CALLSTOP reaches the follower before the connection ends
        ['CALLSTART 7001', 'CALLSTOP 7001', 'CALLSTART 7002', 'CALLSTART 7003'],
      );
      assert.ok(lines[2]!.SEQ > lines[1]!.SEQ && lines[3]!.SEQ === lines[2]!.SEQ + 1, 'the new run numbers above the old one');
      assert.equal(cli.child.exitCode, null, 'still running');
    } finally {
      cli.child.kill('SIGINT');
    }
    assert.equal((await cli.finished()).status, 0);
  });

  it("the README's example client (examples/events-client.mjs) resumes after a restart", async () => {
    const child = spawn(process.execPath, [EXAMPLE_CLIENT, '127.0.0.1', String(apiPort)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    const waitFor = async (device: string): Promise<void> => {
      const deadline = Date.now() + 15000;
      while (!stdout.includes(`"deviceId":"${device}"`)) {
        if (Date.now() > deadline) throw new Error(`the example client never printed ${device}: ${stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    };
    try {
      // it subscribes on its own time: call until it has printed one
      const deadline = Date.now() + 15000;
      while (!stdout.includes('"deviceId":"8001"')) {
        if (Date.now() > deadline) throw new Error(`the example client printed nothing: ${stdout}`);
        await callOn(apiPort, '8001');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await stopServer();
      await startServer();
      await callOn(apiPort, '8002');
      await waitFor('8002');
      const events = printed(stdout, (line) => `${String(line['type'])} ${String(line['deviceId'])}`);
      assert.equal(events.at(-1), 'CALLSTART 8002');
      assert.equal(events.filter((e) => e === 'CALLSTART 8002').length, 1);
      assert.match(stdout, /"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d"/);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
