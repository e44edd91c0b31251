import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOKENS, type Storage } from '@callwire/core';
import { send, startTestHost, type TestHost } from '@callwire/server/test-support/test-host';
import { tag, type XmlClient } from '@callwire/server/test-support/xml-client';

const plugin = fileURLToPath(new URL('../src/index.js', import.meta.url));

describe('chat sessions (CHATSTART / CHATUPDATE / CHATSTOP) routed to the screen-metadata core', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  let agent: number;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);

  beforeEach(async () => {
    t = await startTestHost({ plugins: [{ use: plugin, options: { coreIdent: 2 } }] });
    client = await t.client();
    agent = await storage().users.add({ first_name: 'Jane', last_name: 'Doe', username: 'JDOE', employee_id: 'E-7', sys_user: 'jdoe' });
    await storage().phones.add('7010', agent);
  });
  afterEach(() => t.close());

  it('answers the manual\'s CHATSTART example, and the session is stored as a chat recording that CALLLIST shows', async () => {
    await client.write('<REQUEST>\r\n  <REQUESTID>37</REQUESTID>\r\n  <TYPE>CHATSTART</TYPE>\r\n  <SESSIONID>82738</SESSIONID>\r\n  <KEYNAME>USERNAME</KEYNAME>\r\n  <KEYVALUE>JDOE</KEYVALUE>\r\n</REQUEST>\r\n');
    const [started] = await client.read();
    assert.equal(tag(started!, 'RESULTMSG'), 'CHATSTART sent to all of the following cores: 2');
    assert.equal(tag(await send(client, 'CHATUPDATE', { SESSIONID: '82738', GROUP: '53', USER1: 'order 5' }, 64), 'RESULTMSG'), 'CHATUPDATE sent to all of the following cores: 2');
    assert.equal(tag(await send(client, 'CHATSTOP', { SESSIONID: '82738' }, 52), 'RESULTMSG'), 'CHATSTOP sent to all of the following cores: 2');
    const [row] = await storage().recordings.list({ deviceId: '7010' });
    assert.deepEqual([row?.recording_type, row?.globalid, row?.agent_id, row?.sgroup, row?.user1, row?.state, row?.screen_capture], ['chat', '82738', agent, '53', 'order 5', 'complete', 1]);
    const metadata = JSON.parse(readFileSync(row!.filename!, 'utf8')) as { sessionId: string; stoppedAt?: string };
    assert.equal(metadata.sessionId, '82738');
    assert.ok(metadata.stoppedAt);
    const list = await send(client, 'CALLLIST', { DEVICEID: '7010' });
    assert.equal(tag(list, 'AGENTFIRSTNAME'), 'Jane');
    assert.deepEqual(t.events.map((e) => e.event.type), ['RECORDINGSTARTED', 'RECORDINGSTOPPED', 'RECORDINGUPDATE']);
  });

  it('finds the agent by AGENTID and by each KEYNAME', async () => {
    const keys: Record<string, string>[] = [
      { AGENTID: String(agent) }, { KEYNAME: 'SYS_USER', KEYVALUE: 'jdoe' }, { KEYNAME: 'EMPLOYEEID', KEYVALUE: 'E-7' },
    ];
    for (const [i, key] of keys.entries()) {
      assert.equal(tag(await send(client, 'CHATSTART', { SESSIONID: `s${i}`, ...key }), 'RESULTTYPE'), 'API_OK', JSON.stringify(key));
    }
  });

  it('answers 33 without a SESSIONID or for an unknown one, 24 with a message saying what was looked up, 1 for a session already started', async () => {
    assert.equal(tag(await send(client, 'CHATSTART', { KEYNAME: 'USERNAME', KEYVALUE: 'JDOE' }), 'RESULTCODE'), '33');
    assert.equal(tag(await send(client, 'CHATSTOP', { SESSIONID: 'nope' }), 'RESULTCODE'), '33');
    const missing = await send(client, 'CHATSTART', { SESSIONID: 'x', KEYNAME: 'USERNAME', KEYVALUE: 'NOBODY' });
    assert.equal(tag(missing, 'RESULTCODE'), '24');
    assert.equal(tag(missing, 'RESULTMSG'), 'no agent has USERNAME NOBODY');
    await send(client, 'CHATSTART', { SESSIONID: 'dup', AGENTID: String(agent) });
    assert.equal(tag(await send(client, 'CHATSTART', { SESSIONID: 'dup', AGENTID: String(agent) }), 'RESULTCODE'), '1');
  });

  it('allows more than three concurrent sessions per agent', async () => {
    for (let i = 0; i < 5; i++) assert.equal(tag(await send(client, 'CHATSTART', { SESSIONID: `m${i}`, AGENTID: String(agent) }), 'RESULTTYPE'), 'API_OK');
    assert.equal(tag(await send(client, 'CHANNELS'), 'COUNT'), '5');
  });

  it('pauses the agent\'s screen capture during an AGENTBLACKOUT, with RECORDINGPAUSED and RECORDINGRESUMED', async () => {
    await send(client, 'CHATSTART', { SESSIONID: 'b1', AGENTID: String(agent) });
    await send(client, 'AGENTBLACKOUTSTART', { SYS_USER: 'jdoe' });
    await send(client, 'AGENTBLACKOUTSTOP', { SYS_USER: 'jdoe' });
    await send(client, 'CHATSTOP', { SESSIONID: 'b1' });
    assert.deepEqual(t.events.map((e) => e.event.type), ['RECORDINGSTARTED', 'RECORDINGPAUSED', 'RECORDINGRESUMED', 'RECORDINGSTOPPED', 'RECORDINGUPDATE']);
    const [row] = await storage().recordings.list({ deviceId: '7010' });
    assert.equal(row?.blackouts.length, 1);
    const metadata = JSON.parse(readFileSync(row!.filename!, 'utf8')) as { pauses: { from: string; to?: string }[] };
    assert.equal(metadata.pauses.length, 1);
    assert.ok(metadata.pauses[0]!.to);
  });
});

describe('chat sessions without a screen-capture core', function () {
  this.timeout(20000);
  it('answers API_ERROR_RECORDER_NOT_RUNNING saying no core records screens', async () => {
    const t = await startTestHost();
    try {
      const storage = t.host.container.get<Storage>(TOKENS.Storage);
      const agent = await storage.users.add({ first_name: 'A', last_name: 'B' });
      const reply = await send(await t.client(), 'CHATSTART', { SESSIONID: '1', AGENTID: String(agent) });
      assert.equal(tag(reply, 'RESULTCODE'), '34');
      assert.match(tag(reply, 'RESULTMSG')!, /none records screens/);
    } finally {
      await t.close();
    }
  });
});
