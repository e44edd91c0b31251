import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';

/**
 * DEVICEALIAS as a client written from the manual uses it: CHATSTART lists
 * "KEYNAME: … DEVICEALIAS (Phone ID)", and CALLSTART, CALLSTOP, CALLUPDATE
 * and the blackouts mark DEVICEALIAS "+" — "can be used only if a device ID
 * has already been associated with an agent" (IMPORTAGENTPHONE).
 */
describe('DEVICEALIAS (Phone ID) through the agent\'s phones', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);
  const ok = async (type: string, params: Record<string, string | number>) => {
    const reply = await send(client, type, params);
    assert.equal(tag(reply, 'RESULTTYPE'), 'API_OK', `${type} ${JSON.stringify(params)}: ${tag(reply, 'RESULTMSG')}`);
    return reply;
  };
  /** The DEVICEID of the last event of that type. */
  const lastDevice = (type: string) => t.events.filter((e) => e.event.type === type).at(-1)?.event.deviceId;

  beforeEach(async () => {
    t = await startTestHost({ plugins: [{ use: 'screen-metadata', options: { coreIdent: 2 } }] });
    t.addCore(new InTestRecorder(1, 8));
    client = await t.client();
  });
  afterEach(() => t.close());

  it('with a phone assigned by IMPORTAGENTPHONE, CALLSTART, CALLUPDATE, BLACKOUTSTART/STOP, AGENTBLACKOUTSTART/STOP and CALLSTOP by DEVICEALIAS set to that phone ID reach that phone and its agent', async () => {
    const agent = Number(tag(await ok('IMPORTUSER', { ACTION: 'ADD', USERNAME: 'JDOE', FIRSTNAME: 'John', LASTNAME: 'Doe' }), 'USERID'));
    await ok('IMPORTAGENTPHONE', { ACTION: 'ADD', PHONEID: '1234', AGENTID: agent });
    assert.equal(tag(await ok('CALLSTART', { DEVICEALIAS: '1234', ANI: '6145551212' }), 'RESULTMSG'), 'CALLSTART sent to all of the following cores: 1');
    assert.equal(lastDevice('CALLSTART'), '1234');
    await ok('CALLUPDATE', { DEVICEALIAS: '1234', USER1: 'Gold Level' });
    await ok('BLACKOUTSTART', { DEVICEALIAS: '1234' });
    await ok('BLACKOUTSTOP', { DEVICEALIAS: '1234' });
    await ok('AGENTBLACKOUTSTART', { DEVICEALIAS: '1234' });
    await ok('AGENTBLACKOUTSTOP', { DEVICEALIAS: '1234' });
    await ok('CALLSTOP', { DEVICEALIAS: '1234' });
    const [row] = await storage().recordings.list({ deviceId: '1234' });
    assert.deepEqual([row?.agent_id, row?.device_alias, row?.user1, row?.blackouts.length, row?.state], [agent, '1234', 'Gold Level', 2, 'complete']);
  });

  it('CHATSTART with KEYNAME=DEVICEALIAS and KEYVALUE the agent\'s phone ID (IMPORTAGENTPHONE) finds the agent; the session is that phone\'s', async () => {
    const agent = Number(tag(await ok('IMPORTUSER', { ACTION: 'ADD', USERNAME: 'JDOE', FIRSTNAME: 'John', LASTNAME: 'Doe' }), 'USERID'));
    await ok('IMPORTAGENTPHONE', { ACTION: 'ADD', PHONEID: '1111', AGENTID: agent });
    await ok('IMPORTAGENTPHONE', { ACTION: 'ADD', PHONEID: '1234', AGENTID: agent });
    assert.equal(tag(await ok('CHATSTART', { SESSIONID: '82738', KEYNAME: 'DEVICEALIAS', KEYVALUE: '1234' }), 'RESULTMSG'), 'CHATSTART sent to all of the following cores: 2');
    await ok('CHATSTOP', { SESSIONID: '82738' });
    const [row] = await storage().recordings.list({ deviceId: '1234' });
    assert.deepEqual([row?.recording_type, row?.agent_id, row?.device_alias], ['chat', agent, '1234']);
    const nobody = await send(client, 'CHATSTART', { SESSIONID: '2', KEYNAME: 'DEVICEALIAS', KEYVALUE: '9999' });
    assert.deepEqual([tag(nobody, 'RESULTCODE'), tag(nobody, 'RESULTMSG')], ['24', 'no agent has DEVICEALIAS 9999']);
  });

  it('resolves DEVICEALIAS in this order: the device whose call in progress carries it, then the agent\'s phone with that phone ID (IMPORTAGENTPHONE), then the phones of the user whose IMPORTUSER DEVICEALIAS it is, then the device whose last call carried it', async () => {
    // 4. learned from an earlier call on 7100, and nothing else knows A1
    await ok('CALLSTART', { DEVICEID: '7100', DEVICEALIAS: 'A1' });
    await ok('CALLSTOP', { DEVICEID: '7100' });
    await ok('CALLSTART', { DEVICEALIAS: 'A1' });
    assert.equal(lastDevice('CALLSTART'), '7100');
    await ok('CALLSTOP', { DEVICEID: '7100' });

    // 3. over 4: the user whose own DEVICEALIAS (IMPORTUSER) is A1 has phone 7200
    const sally = Number(tag(await ok('IMPORTUSER', { ACTION: 'ADD', USERNAME: 'SSMITH', FIRSTNAME: 'Sally', LASTNAME: 'Smith', DEVICEALIAS: 'A1' }), 'USERID'));
    await ok('IMPORTAGENTPHONE', { ACTION: 'ADD', PHONEID: '7200', AGENTID: sally });
    await ok('CALLSTART', { DEVICEALIAS: 'A1' });
    assert.equal(lastDevice('CALLSTART'), '7200');
    await ok('CALLSTOP', { DEVICEID: '7200' });

    // 2. over 3: A1 is itself a phone ID, another agent's
    const john = Number(tag(await ok('IMPORTUSER', { ACTION: 'ADD', USERNAME: 'JDOE', FIRSTNAME: 'John', LASTNAME: 'Doe' }), 'USERID'));
    await ok('IMPORTAGENTPHONE', { ACTION: 'ADD', PHONEID: 'A1', AGENTID: john });
    await ok('CALLSTART', { DEVICEALIAS: 'A1' });
    assert.equal(lastDevice('CALLSTART'), 'A1');
    await ok('CALLSTOP', { DEVICEID: 'A1' });

    // 1. over 2: the agent signed on at port 7300 with A1; its call is the one meant
    await ok('CALLSTART', { DEVICEID: '7300', DEVICEALIAS: 'A1' });
    await ok('CALLUPDATE', { DEVICEALIAS: 'A1', USER1: 'on 7300' });
    await ok('CALLSTOP', { DEVICEALIAS: 'A1' });
    assert.equal(lastDevice('CALLSTOP'), '7300');
    assert.equal((await storage().recordings.lastForDevice('7300'))?.user1, 'on 7300');
  });
});
