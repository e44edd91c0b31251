import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';
import { freePort } from '../support/free-port.js';
import { runCli, serverEnv } from './run-cli.js';

/**
 * Records one call through the real product (the rtp-recorder core writes a
 * file even when no audio arrives) and returns its recording ident, as the
 * RECORDINGUPDATE event names it.
 */
async function recordCall(t: TestHost, deviceId: string): Promise<string> {
  const events = await XmlClient.open(t.apiPort);
  try {
    await events.write('<REQUEST><TYPE>EVENTS</TYPE><REQUESTID>1</REQUESTID><EVENTCLASS>RECORD</EVENTCLASS></REQUEST>\r\n');
    await events.read(1);
    const client = await t.client();
    assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: deviceId }), 'RESULTTYPE'), 'API_OK');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await send(client, 'CALLSTOP', { DEVICEID: deviceId });
    for (;;) {
      const [event] = await events.read(1, 10000);
      if (tag(event!, 'EVENTTYPE') === 'RECORDINGUPDATE') return tag(event!, 'RECORDID')!;
    }
  } finally {
    events.close();
  }
}

describe('callwire export (the real binary against a real server)', function () {
  this.timeout(60000);
  let t: TestHost;
  let dir: string;

  before(async () => {
    // The real recorder core, on ports of its own so parallel runs do not collide.
    const base = 30000 + 2 * Math.floor(Math.random() * 4000);
    t = await startTestHost({ plugins: [{ use: 'rtp-recorder', options: { coreIdent: 1, channels: 2, portRange: [base, base + 7] } }] });
  });
  after(() => t.close());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-export-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('downloads recordings by ident as MP3 files into the folder, with a line per file', async () => {
    const first = await recordCall(t, '8001');
    const second = await recordCall(t, '8002');
    const out = join(dir, 'exports');
    const run = await runCli(['export', '--ident', `${first},${second}`, '--format', 'mp3', '--out', out], serverEnv(t));
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const files = readdirSync(out).sort();
    assert.equal(files.length, 2, files.join(', '));
    assert.ok(files.every((name) => name.endsWith('.mp3')), files.join(', '));
    for (const name of files) {
      const bytes = readFileSync(join(out, name));
      // An MPEG audio frame starts with 11 set bits (possibly after an ID3 tag).
      const start = bytes.subarray(0, 3).toString('latin1') === 'ID3' ? 10 + ((bytes[6]! << 21) | (bytes[7]! << 14) | (bytes[8]! << 7) | bytes[9]!) : 0;
      assert.ok(bytes[start] === 0xff && (bytes[start + 1]! & 0xe0) === 0xe0, `${name} starts with an MPEG frame`);
    }
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0]!, new RegExp(`^ident ${first}: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/.+\\.mp3 \\(\\d+(\\.\\d)? [KM]?B\\)$`));
    assert.equal(lines[2], `exported 2 of 2 recordings to ${out}`);
    assert.match(run.stderr, /2\/2 ident \d+ \(100%\)/, 'progress, as plain lines off a terminal');
  });

  it('prints the server\'s XML error reply as one line per recording it cannot export, exports the rest, and exits 1', async () => {
    const ident = await recordCall(t, '8003');
    const run = await runCli(['export', '--ident', `${ident},999999`, '--format', 'wav', '--out', dir], serverEnv(t));
    assert.equal(run.status, 1);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0]!, new RegExp(`^ident ${ident}: .+\\.wav \\(`));
    assert.match(lines[1]!, /^ident 999999: API_FILE_NOT_FOUND \(41\): .+$/);
    assert.equal(lines[2], `exported 1 of 2 recordings to ${dir}`);
    assert.equal(readFileSync(join(dir, readdirSync(dir)[0]!)).subarray(0, 4).toString(), 'RIFF');
  });

  it('says in one line when the web port is not there, and refuses bad idents', async () => {
    const port = await freePort();
    const down = await runCli(['export', '--ident', '1', '--out', dir, '--web-port', String(port)], {});
    assert.equal(down.status, 1);
    assert.equal(down.stderr.trim().split('\n').at(-1), `callwire: cannot connect to the WebAPI at 127.0.0.1:${port}: connection refused (is Callwire running? set --host/--web-port or CALLWIRE_WEB_PORT)`);
    const bad = await runCli(['export', '--ident', '1,two', '--out', dir], serverEnv(t));
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, "--ident takes recording idents (positive whole numbers), got 'two'\n");
  });

  describe('with auth.required', () => {
    let secured: TestHost;

    before(async () => {
      secured = await startTestHost({ auth: { required: true } });
      const client = await secured.client();
      await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: 'exporter', PASSWORD: 'exp0rt!', FIRSTNAME: 'Ex', LASTNAME: 'Porter' });
      await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Integrations' });
      await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Integrations', PERMISSIONNAME: 'ALLOWAPIAUTH' });
      await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Integrations', USERNAME: 'exporter' });
    });
    after(() => secured.close());

    it('stops with one line when the server wants credentials, and sends them with --user and CALLWIRE_PASSWORD', async () => {
      const refused = await runCli(['export', '--ident', '1', '--out', dir], serverEnv(secured));
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /^callwire: the WebAPI refused the credentials \(HTTP 401: authentication required: .*\); use --user with CALLWIRE_PASSWORD/m);
      // Past the web server's guard, the export itself answers: the user may use the API but not download.
      const signedIn = await runCli(['export', '--ident', '1', '--out', dir, '--user', 'exporter'], { ...serverEnv(secured), CALLWIRE_PASSWORD: 'exp0rt!' });
      assert.equal(signedIn.status, 1);
      assert.match(signedIn.stdout, /^ident 1: API_(COMMAND_NOT_ALLOWED \(44\)|FILE_NOT_FOUND \(41\)): .+\n/);
    });
  });
});
