import assert from 'node:assert/strict';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';
import { runCli, serverEnv } from './run-cli.js';

describe('callwire send (the real binary against a real server)', function () {
  this.timeout(60000);
  let t: TestHost;
  let env: Record<string, string>;

  before(async () => {
    t = await startTestHost({ terminology: { deviceid: 'Extension' } });
    t.addCore(new InTestRecorder(1, 4));
    env = serverEnv(t);
  });
  after(() => t.close());

  it('sends a request built from KEY=VALUE pairs, escaping the values, and prints the RESULT as a table', async () => {
    const run = await runCli(['send', 'CALLSTART', 'DEVICEID=4001', 'ANI=55 & <12>', 'callDirection=I', 'USER1=a=b'], env);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, [
      'REQUESTTYPE  CALLSTART',
      'REQUESTID    1',
      'RESULTTYPE   API_OK',
      'RESULTCODE   20',
      'RESULTMSG    CALLSTART sent to all of the following cores: 1',
      '',
    ].join('\n'));
    // What the server stored is what was typed: the escaping survived the trip.
    const status = await send(await t.client(), 'DEVICESTATUS', { DEVICEID: '4001' });
    assert.equal(tag(status, 'ANI'), '55 &amp; &lt;12&gt;');
    assert.equal(tag(status, 'CALLDIRECTION'), 'I');
    assert.equal(tag(status, 'USER1'), 'a=b');
  });

  it('indents nested blocks and numbers repeated ones', async () => {
    await send(await t.client(), 'CALLSTART', { DEVICEID: '4002' });
    const run = await runCli(['send', 'devicelist'], env);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.split('\n');
    assert.ok(lines.includes('DEVICES'));
    assert.ok(lines.includes('  COUNT  2'));
    const first = lines.indexOf('  DEVICE 1');
    const second = lines.indexOf('  DEVICE 2');
    assert.ok(first > 0 && second > first, run.stdout);
    assert.match(lines[first + 1]!, /^ {4}DEVICEID +4001$/);
    assert.match(lines[second + 1]!, /^ {4}DEVICEID +4002$/);
    assert.ok(lines.includes('    RECORDING'), 'the RECORDING block inside each DEVICE');
    assert.ok(lines.some((l) => /^ {6}ISRECORDING +Y$/.test(l)));

    const terms = await runCli(['send', 'FETCHTERMINOLOGY'], env);
    assert.match(terms.stdout, /\n {2}TERMINOLOGY 5\n {4}NAME {3}deviceid\n {4}VALUE {2}Extension\n/);
  });

  it('prints the reply exactly as sent with --xml, and as JSON with --json', async () => {
    const xml = await runCli(['send', 'DEVICESTATUS', 'DEVICEID=4001', '--xml'], env);
    assert.equal(xml.status, 0);
    assert.match(xml.stdout, /^<RESULT>\n\t<REQUESTTYPE>DEVICESTATUS<\/REQUESTTYPE>\n/);
    assert.match(xml.stdout, /<ANI>55 &amp; &lt;12&gt;<\/ANI>/);
    assert.match(xml.stdout, /<\/RESULT>\n$/);

    const json = await runCli(['send', 'DEVICELIST', '--json'], env);
    assert.equal(json.status, 0);
    const reply = JSON.parse(json.stdout) as { RESULTTYPE: string; DEVICES: { COUNT: string; DEVICE: { DEVICEID: string; ANI: string; RECORDING: { ISRECORDING: string } }[] } };
    assert.equal(reply.RESULTTYPE, 'API_OK');
    assert.equal(reply.DEVICES.COUNT, '2');
    assert.deepEqual(reply.DEVICES.DEVICE.map((d) => d.DEVICEID), ['4001', '4002']);
    assert.equal(reply.DEVICES.DEVICE[0]!.ANI, '55 & <12>');
    assert.equal(reply.DEVICES.DEVICE[0]!.RECORDING.ISRECORDING, 'Y');
  });

  it('exits 1 on an error RESULTTYPE, still printing the reply, and 0 on the other success types', async () => {
    const refused = await runCli(['send', 'CALLSTOP', 'DEVICEID=nobody'], env);
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /RESULTTYPE +API_DEVICE_NOT_IN_CALL\nRESULTCODE +7\n/);
    const stopped = await runCli(['send', 'CALLSTOP', 'DEVICEID=4002'], env);
    assert.equal(stopped.status, 0, stopped.stdout);
    const unknown = await runCli(['send', 'NOSUCHFUNCTION'], env);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stdout, /RESULTTYPE +API_UNKNOWN_MESSAGE_TYPE/);
  });

  it('uses a REQUESTID given as a parameter, and --host/--port over the environment', async () => {
    const run = await runCli(['send', 'TEST', 'REQUESTID=77', '--host', '127.0.0.1', '--port', String(t.apiPort)], { CALLWIRE_API_PORT: '1' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^REQUESTTYPE {2}TEST\nREQUESTID {4}77\n/);
  });

  it('says in one line that the server is not there, and what to set', async () => {
    const run = await runCli(['send', 'TEST', '--port', '1'], {});
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'callwire: cannot connect to the Callwire API at 127.0.0.1:1: connection refused (is Callwire running? set --host/--port or CALLWIRE_API_PORT)\n');
  });

  it('refuses a bad command line with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['send'], /^callwire send needs a TYPE/],
      [['send', 'TEST', 'DEVICEID'], /^'DEVICEID' is not a parameter: write KEY=VALUE/],
      [['send', 'TEST', '<bad>=1'], /^'<BAD>' cannot be a parameter name/],
      [['send', 'TEST', '--xml', '--json'], /^choose one of --xml and --json\n/],
      [['send', 'TEST', '--colour'], /^Unknown option '--colour'/],
      [['send', 'TEST', '--port', 'many'], /^--port must be a port number from 1 to 65535, got 'many'\n/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args, env);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.equal(run.stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${run.stderr}`);
    }
  });
});
