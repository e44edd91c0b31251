import assert from 'node:assert/strict';
import { TOKENS, type NewRecording, type Storage } from '@callwire/core';
import { ManualClock } from '@callwire/plugin-kit';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';

const T = Date.UTC(2011, 7, 1) ; // 1312156800 s, the manual's CALLDATESTART
const results = (reply: string) => reply.split('<SEARCHRESULT>').slice(1);
const ids = (reply: string) => results(reply).map((r) => Number(tag(r, 'RECORDID')));

describe('CALLLIST', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  let storage: Storage;
  /** The engine's time: it moves only when a test advances it. */
  let clock: ManualClock;
  const add = (row: Partial<NewRecording> & { start_time: number }) => storage.recordings.insertOpen({ device_id: '1111', ...row });

  beforeEach(async () => {
    clock = new ManualClock();
    t = await startTestHost({ callList: { defaultCount: 3, maxCount: 4 } }, { clock });
    t.addCore(new InTestRecorder(1));
    client = await t.client();
    storage = t.host.container.get<Storage>(TOKENS.Storage);
  });
  afterEach(() => t.close());

  it('lists calls made through the API, newest first, each SEARCHRESULT in the manual\'s layout with the agent\'s name', async () => {
    const agent = await storage.users.add({ first_name: 'John', last_name: 'Smith', sys_user: 'jsmith' });
    await storage.phones.add('1111', agent);
    const first = clock.now();
    await send(client, 'CALLSTART', { DEVICEID: '1111', DEVICEALIAS: '1234', CALLDIRECTION: 'I', USER3: '12345' });
    await clock.advance(42_000);
    await send(client, 'CALLSTOP', { DEVICEID: '1111' });
    await send(client, 'CALLSTART', { DEVICEID: '1111', USER3: 'later' });
    await send(client, 'CALLSTOP', { DEVICEID: '1111' });
    const reply = await send(client, 'CALLLIST', { DEVICEID: '1111' });
    assert.equal(tag(reply, 'COUNT'), '2');
    const [newest, older] = results(reply);
    assert.equal(tag(newest!, 'USER3'), 'later');
    const fields = [...older!.matchAll(/^\t\t<([A-Z0-9_]+)>/gm)].map((m) => m[1]);
    assert.deepEqual(fields, [
      'CALLNUMBER', 'DEVICEID', 'DEVICEALIAS', 'ANI', 'DNIS', 'CALLDIRECTION', 'GROUP', 'GATE',
      ...Array.from({ length: 15 }, (_, i) => `USER${i + 1}`),
      'RECORDID', 'RECORDINGTIME', 'DURATION', 'AGENTFIRSTNAME', 'AGENTLASTNAME', 'CRM_USER', 'SYS_USER',
    ]);
    assert.deepEqual(
      ['CALLNUMBER', 'DEVICEALIAS', 'CALLDIRECTION', 'USER3', 'AGENTFIRSTNAME', 'AGENTLASTNAME', 'SYS_USER'].map((n) => tag(older!, n)),
      ['2', '1234', 'I', '12345', 'John', 'Smith', 'jsmith'],
    );
    assert.equal(tag(older!, 'RECORDINGTIME'), String(first / 1000), 'RECORDINGTIME is UNIX seconds');
    assert.equal(tag(older!, 'DURATION'), '42');
  });

  it('combines every filter with AND', async () => {
    const base = { start_time: T };
    const target = await add({ ...base, device_id: '1111', crm_user: 'crm1', sys_user: 'sys1', device_alias: 'A1', sgroup: 'G1', gate: 'Q1', ani: '555', dnis: '800', user1: 'u1', user9: 'u9', user15: 'u15' });
    await add({ ...base, device_id: '2222', crm_user: 'crm1', sys_user: 'sys1', device_alias: 'A1', sgroup: 'G1', gate: 'Q1', ani: '555', dnis: '800', user1: 'u1' });
    await add({ ...base, device_id: '1111', crm_user: 'crm2', ani: '555' });
    const filters: Record<string, string> = {
      DEVICEID: '1111', CRM_USER: 'crm1', SYS_USER: 'sys1', DEVICEALIAS: 'A1', GROUP: 'G1', GATE: 'Q1', ANI: '555', DNIS: '800', USER1: 'u1', USER9: 'u9', USER15: 'u15',
    };
    for (const [name, value] of Object.entries(filters)) {
      const reply = await send(client, 'CALLLIST', { [name]: value, CALLCOUNT: 4 });
      assert.ok(ids(reply).includes(target), `${name} finds the row`);
      assert.ok(!ids(await send(client, 'CALLLIST', { [name]: `${value}x` })).includes(target), `${name} excludes others`);
    }
    assert.deepEqual(ids(await send(client, 'CALLLIST', filters)), [target]);
  });

  it('filters by CALLDATESTART/CALLDATEEND in UNIX seconds, with CALLCOUNT as the top N inside the range, newest first', async () => {
    const day = 86_400_000;
    const rows: number[] = [];
    for (let d = -1; d <= 9; d++) rows.push(await add({ start_time: T + d * day, user3: '12345' }));
    const reply = await send(client, 'CALLLIST', { DEVICEID: '1111', USER3: '12345', CALLCOUNT: 2, CALLDATESTART: 1312156800, CALLDATEEND: 1312934400 });
    // the range holds days 0..9 (1312934400 is day 9, inclusive); the top 2 are the newest
    assert.deepEqual(ids(reply), [rows[10], rows[9]]);
    assert.deepEqual(results(reply).map((r) => tag(r, 'CALLNUMBER')), ['1', '2']);
    const range = await send(client, 'CALLLIST', { CALLDATESTART: 1312156800, CALLDATEEND: 1312156800 + 86399, CALLCOUNT: 4 });
    assert.deepEqual(ids(range), [rows[1]]);
  });

  it('answers the configured default count without CALLCOUNT and never more than the maximum', async () => {
    for (let i = 0; i < 6; i++) await add({ start_time: T + i });
    assert.equal(results(await send(client, 'CALLLIST')).length, 3);
    assert.equal(results(await send(client, 'CALLLIST', { CALLCOUNT: 100 })).length, 4);
  });

  it('round-trips USER fields holding &, < and non-ASCII text, escaped on the wire', async () => {
    const text = 'Sales & <Marketing> Zoë 日本';
    await send(client, 'CALLSTART', { DEVICEID: '3333', USER4: text });
    await send(client, 'CALLSTOP', { DEVICEID: '3333' });
    const reply = await send(client, 'CALLLIST', { USER4: text });
    assert.match(reply, /<USER4>Sales &amp; &lt;Marketing&gt; Zoë 日本<\/USER4>/);
    assert.equal(results(reply).length, 1);
  });
});
