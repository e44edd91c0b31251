import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENS, type Storage } from '@callwire/core';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';
import { runCli, serverEnv } from './run-cli.js';

const PASSWORD = 'li5t-Pass';
const NOV_1 = Date.UTC(2026, 10, 1, 9, 30, 0);
const NOV_2 = Date.UTC(2026, 10, 2, 17, 0, 0);

/**
 * `callwire audit` and `callwire calls`, the real binary against a real
 * server with auth.required: the audit log (written by real EXPORT
 * requests, plus older entries) and call-detail records, read through the
 * server's listings with the WebAPI's credentials.
 */
describe('callwire audit and callwire calls (the real binary against a real server)', function () {
  this.timeout(60_000);
  let t: TestHost;
  let env: Record<string, string>;
  let recordId: number;
  const webApi = (user: string, query: string) =>
    fetch(`http://127.0.0.1:${t.webPort}/webAPI.aspx?${query}`, { headers: { Authorization: `Basic ${Buffer.from(`${user}:${PASSWORD}`).toString('base64')}` } }).then((r) => r.text());

  before(async () => {
    t = await startTestHost({ auth: { required: true } });
    t.addCore(new InTestRecorder(1));
    const client = await t.client();
    const grant: Record<string, string[]> = { auditor: ['ALLOWAPIAUTH', 'ALLOWEXPORTDOWNLOAD'], viewer: ['ALLOWAPIAUTH'] };
    for (const [username, permissions] of Object.entries(grant)) {
      assert.equal(tag(await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: username, PASSWORD, FIRSTNAME: username, LASTNAME: 'Example' }), 'RESULTTYPE'), 'API_OK');
      await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: `role-${username}` });
      for (const permission of permissions) await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: `role-${username}`, PERMISSIONNAME: permission });
      assert.equal(tag(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: `role-${username}`, USERNAME: username }), 'RESULTTYPE'), 'API_OK');
    }
    // Audited by the server itself: one allowed (the recording is missing), one refused.
    assert.equal(tag(await webApi('auditor', 'type=export&requestid=1&uniquefield=ident&uniqueid=999&media_format=wav'), 'RESULTTYPE'), 'API_FILE_NOT_FOUND');
    assert.equal(tag(await webApi('viewer', 'type=export&requestid=2&uniquefield=ident&uniqueid=998&media_format=mp3'), 'RESULTTYPE'), 'API_COMMAND_NOT_ALLOWED');
    const storage = t.host.container.get<Storage>(TOKENS.Storage);
    for (const type of ['CALLSTART', 'CALLSTOP']) assert.equal(tag(await send(client, type, { DEVICEID: '201' }), 'RESULTTYPE'), 'API_OK');
    recordId = (await storage.recordings.findLatestBy('device_id', '201'))!.ident;
    await storage.audit.record({ at: NOV_1, action: 'EMAIL', who: 'jdoe', detail: 'IDENT=5 TOADDRESS=a@example.com: API_OK', remote_address: '10.0.0.7:5123' });
    await storage.audit.record({ at: NOV_2, action: 'EXPORT', who: 'jdoe', detail: 'UNIQUEFIELD=ident UNIQUEID=6: API_OK file 6.wav', remote_address: '10.0.0.7:5124' });
    await storage.callDetails.add({ received_at: NOV_1, device_id: '201', call_id: 'c-1', start_time: NOV_1 - 60_000, duration: 42, ani: '5551234', dnis: '201', direction: 'I', account_code: null, raw: '201,...', recording_ident: recordId });
    await storage.callDetails.add({ received_at: NOV_2, device_id: '202', call_id: 'c-2', start_time: NOV_2 - 30_000, duration: 7, ani: '202', dnis: '5559876', direction: 'O', account_code: '88', raw: '202,...', recording_ident: null });
    await storage.callDetails.add({ received_at: NOV_2 + 1000, device_id: '201', call_id: 'c-3', start_time: NOV_2 - 5000, duration: 3, ani: '5550000', dnis: '201', direction: 'I', account_code: null, raw: '201,...', recording_ident: null });
    env = { ...serverEnv(t), TZ: 'UTC', CALLWIRE_PASSWORD: PASSWORD };
  });
  after(() => t.close());

  it('audit: a table of every entry, newest first, with who, from where, the function and its outcome', async () => {
    const run = await runCli(['audit', '--login', 'auditor'], env);
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^TIME\s+USER\s+FROM\s+ACTION\s+DETAIL$/);
    assert.match(lines[1]!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+viewer\s+127\.0\.0\.1:\d+\s+EXPORT\s+UNIQUEFIELD=ident UNIQUEID=998 MEDIA_FORMAT=mp3: API_COMMAND_NOT_ALLOWED/);
    assert.match(lines[2]!, /\sauditor\s+127\.0\.0\.1:\d+\s+EXPORT\s+UNIQUEFIELD=ident UNIQUEID=999 MEDIA_FORMAT=wav: API_FILE_NOT_FOUND/);
    assert.equal(lines[3], '2026-11-02 17:00:00  jdoe     10.0.0.7:5124    EXPORT  UNIQUEFIELD=ident UNIQUEID=6: API_OK file 6.wav');
    assert.match(lines[4]!, /^2026-11-01 09:30:00\s+jdoe\s+10\.0\.0\.7:5123\s+EMAIL\s+IDENT=5/);
    assert.equal(lines[5], '4 audit entries');
  });

  it('audit --user, --from/--to (whole days), --action, --limit and --json', async () => {
    const json = async (args: string[]) => {
      const run = await runCli(['audit', '--login', 'auditor', '--json', ...args], env);
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout) as { at: string; who: string; action: string; detail: string; remoteAddress: string }[];
    };
    assert.deepEqual((await json(['--user', 'viewer'])).map((e) => [e.who, e.action]), [['viewer', 'EXPORT']]);
    assert.deepEqual(await json(['--from', '2026-11-01', '--to', '2026-11-01']), [
      { id: 3, at: '2026-11-01T09:30:00.000Z', who: 'jdoe', action: 'EMAIL', detail: 'IDENT=5 TOADDRESS=a@example.com: API_OK', remoteAddress: '10.0.0.7:5123' },
    ]);
    assert.deepEqual((await json(['--from', '2026-11-01T10:00', '--to', '2026-11-30'])).map((e) => e.at), ['2026-11-02T17:00:00.000Z']);
    assert.deepEqual((await json(['--action', 'email'])).map((e) => e.who), ['jdoe']);
    assert.deepEqual((await json(['--limit', '1'])).map((e) => e.who), ['viewer']);
    assert.deepEqual(await json(['--user', 'nobody']), []);
  });

  it('calls: call-detail records as a table, newest first, with the RECORDID each enriched; --device and dates filter', async () => {
    const run = await runCli(['calls', '--login', 'viewer', '--device', '201'], env);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trimEnd().split('\n'), [
      'RECEIVED             DEVICE  START                SECONDS  DIR  ANI      DNIS  CALLID  RECORDID',
      '2026-11-02 17:00:01  201     2026-11-02 16:59:55  3        I    5550000  201   c-3',
      `2026-11-01 09:30:00  201     2026-11-01 09:29:00  42       I    5551234  201   c-1     ${recordId}`,
      '2 call-detail records',
    ]);
    const json = await runCli(['calls', '--login', 'viewer', '--json', '--from', '2026-11-02'], env);
    assert.equal(json.status, 0, json.stderr);
    const records = JSON.parse(json.stdout) as Record<string, unknown>[];
    assert.deepEqual(records.map((r) => [r['deviceId'], r['callId'], r['durationSeconds'], r['accountCode'], r['recordId']]), [['201', 'c-3', 3, null, null], ['202', 'c-2', 7, '88', null]]);
    assert.equal(records[1]!['startTime'], '2026-11-02T16:59:30.000Z');
  });

  it('finds the server from --config (or CALLWIRE_CONFIG) like the other client commands', async () => {
    const file = join(t.dir, 'client.yaml');
    writeFileSync(file, `server: { host: 127.0.0.1, web: { port: ${t.webPort} } }\nplugins: []\n`);
    const run = await runCli(['calls', '--config', file, '--login', 'viewer', '--device', '202'], { TZ: 'UTC', CALLWIRE_PASSWORD: PASSWORD });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /\n2026-11-02 17:00:00  202 .*\n1 call-detail record\n$/);
    const viaEnv = await runCli(['audit', '--login', 'auditor', '--user', 'viewer'], { TZ: 'UTC', CALLWIRE_PASSWORD: PASSWORD, CALLWIRE_CONFIG: file });
    assert.equal(viaEnv.status, 0, viaEnv.stderr);
    assert.match(viaEnv.stdout, /\n1 audit entry\n$/);
  });

  it('needs the WebAPI\'s credentials: none, or a wrong password, is one line and status 1', async () => {
    const none = await runCli(['audit'], env);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /^callwire: the server refused the credentials \(HTTP 401: authentication required.*\); use --login with CALLWIRE_PASSWORD/);
    const wrong = await runCli(['calls', '--login', 'auditor'], { ...env, CALLWIRE_PASSWORD: 'not-it' });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /^callwire: the server refused the credentials \(HTTP 401/);
    const noPassword = await runCli(['calls', '--login', 'auditor'], serverEnv(t));
    assert.equal(noPassword.status, 2);
    assert.equal(noPassword.stderr, '--login needs the password in CALLWIRE_PASSWORD (it is not taken on the command line, where other users could see it)\n');
  });

  it('a bad filter is one line naming it: status 2 from the command line, 1 when the server refuses it', async () => {
    const day = await runCli(['audit', '--from', '2026-02-30'], env);
    assert.deepEqual([day.status, day.stderr], [2, '--from: there is no day 2026-02-30\n']);
    const text = await runCli(['calls', '--to', 'yesterday'], env);
    assert.deepEqual([text.status, text.stderr], [2, "--to takes a day (2026-12-01) or a date and time (2026-12-01T08:30), got 'yesterday'\n"]);
    const limit = await runCli(['calls', '--limit', '0'], env);
    assert.deepEqual([limit.status, limit.stderr], [2, "--limit takes a whole number from 1, got '0'\n"]);
    const tooMany = await runCli(['audit', '--login', 'auditor', '--limit', '20000'], env);
    assert.deepEqual([tooMany.status, tooMany.stderr], [1, "callwire: the server refused the query: limit takes a whole number from 1 to 10000, got '20000'\n"]);
    const backwards = await runCli(['audit', '--login', 'auditor', '--from', '2026-11-02', '--to', '2026-11-01'], env);
    assert.deepEqual([backwards.status, backwards.stderr], [1, 'callwire: the server refused the query: from must not be after to\n']);
    const unknown = await runCli(['calls', '--colour'], env);
    assert.equal(unknown.status, 2);
  });

  it('is listed by callwire --help and has its own help', async () => {
    const help = await runCli(['--help']);
    assert.match(help.stdout, /callwire audit .*list the audit log/);
    assert.match(help.stdout, /callwire calls .*list call-detail records/);
    const audit = await runCli(['help', 'audit']);
    assert.match(audit.stdout, /^Usage: callwire audit/);
    assert.match(audit.stdout, /--user NAME/);
    const calls = await runCli(['calls', '--help']);
    assert.match(calls.stdout, /--device ID/);
  });
});
