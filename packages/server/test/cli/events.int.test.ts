import assert from 'node:assert/strict';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import type { XmlClient } from '../support/xml-client.js';
import { runCli, serverEnv, startCli, type RunningCli } from './run-cli.js';

describe('callwire events (the real binary against a real server)', function () {
  this.timeout(60000);
  let t: TestHost;
  let client: XmlClient;
  let env: Record<string, string>;
  const running: RunningCli[] = [];
  const start = (args: string[]) => {
    const cli = startCli(['events', ...args], env);
    running.push(cli);
    return cli;
  };

  beforeEach(async () => {
    t = await startTestHost();
    t.addCore(new InTestRecorder(1, 4));
    client = await t.client();
    env = serverEnv(t);
  });
  afterEach(async () => {
    for (const cli of running.splice(0)) cli.child.kill('SIGKILL');
    await t.close();
  });

  it('prints each event as one readable line as it happens, the snapshot first, and stops on Ctrl-C with status 0', async () => {
    await send(client, 'CALLSTART', { DEVICEID: '6001', ANI: '5550001', DNIS: '8005550100', CALLDIRECTION: 'I' });
    const cli = start(['--snapshot']);
    await cli.waitForStderr(/listening for ALL events on 127\.0\.0\.1:\d+ \(EVENTXREF \d+\); Ctrl-C to stop/);
    await cli.waitForStdout(/RECORDINGSTARTED 6001/);
    await send(client, 'CALLSTART', { DEVICEID: '6002', ANI: 'Sales & Marketing', CALLINSTANCE: 'x1' });
    await send(client, 'CALLSTOP', { DEVICEID: '6002', CALLINSTANCE: 'x1' });
    await cli.waitForStdout(/RECORDINGUPDATE +6002/);
    const lines = cli.stdout().trim().split('\n');
    assert.deepEqual(lines.map((l) => l.split(/\s+/).slice(1, 3).join(' ')), [
      'CALLSTART 6001', 'RECORDINGSTARTED 6001',
      'CALLSTART 6002', 'RECORDINGSTARTED 6002', 'CALLSTOP 6002', 'RECORDINGSTOPPED 6002', 'RECORDINGUPDATE 6002',
    ]);
    assert.match(lines[0]!, /^\d\d:\d\d:\d\d\.\d{3} CALLSTART {8}6001 {5}ANI=5550001 DNIS=8005550100 CALLDIRECTION=I STARTTIME="[^"]+" COREIDENT=1$/);
    assert.match(lines[2]!, /ANI="Sales & Marketing" CALLINSTANCE=x1/);
    assert.doesNotMatch(lines[2]!, /KEEPDAYS=-1|ARCHIVEACTION/, 'unset values are left out');
    cli.child.kill('SIGINT');
    const run = await cli.finished();
    assert.equal(run.status, 0);
  });

  it('prints JSON lines shaped like the WebSocket frames with --json, and honours --class and --value', async () => {
    const cli = start(['--json', '--class', 'record', '--value', '6101,6103']);
    await cli.waitForStderr(/listening for RECORD events of 6101,6103/);
    for (const device of ['6101', '6102', '6103']) await send(client, 'CALLSTART', { DEVICEID: device });
    await cli.waitForStdout(/"DEVICEID":"6103"/);
    const events = cli.stdout().trim().split('\n').map((line) => JSON.parse(line) as { EVENTCLASS: string; EVENTTYPE: string; EVENTXREF: string; data: Record<string, string> });
    assert.deepEqual(events.map((e) => `${e.EVENTTYPE} ${e.data['DEVICEID']}`), ['RECORDINGSTARTED 6101', 'RECORDINGSTARTED 6103']);
    assert.equal(events[0]!.EVENTCLASS, 'RECORD');
    assert.match(events[0]!.EVENTXREF, /^\d+$/);
    assert.deepEqual(Object.keys(events[0]!.data).slice(0, 4), ['DEVICEID', 'FILENAME', 'CHANNEL', 'ERRORREASON'], "EVENTDATA in the manual's order");
  });

  it('says in one line that the server went away, and exits 1', async () => {
    const cli = start([]);
    await cli.waitForStderr(/listening/);
    await t.close();
    const run = await cli.finished(15000);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /\ncallwire: the server at 127\.0\.0\.1:\d+ closed the connection\n$/);
    t = await startTestHost(); // for afterEach to close
  });

  it('refuses a class the event interface does not have before connecting', async () => {
    const run = await runCli(['events', '--class', 'SCREEN'], env);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, "--class must be ALL, CALL or RECORD, got 'SCREEN'\n");
  });
});
