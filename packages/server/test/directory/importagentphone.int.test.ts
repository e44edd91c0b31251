import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import type { XmlClient } from '../support/xml-client.js';
import { resultData, text } from './directory-replies.js';

describe('IMPORTAGENTPHONE', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);
  const code = (reply: string) => `${text(reply, 'RESULTCODE')} ${text(reply, 'RESULTTYPE')}`;
  const phone = (params: Record<string, string | number>) => send(client, 'IMPORTAGENTPHONE', params);
  const addUser = async (params: Record<string, string>) => Number(text(await send(client, 'IMPORTUSER', { ACTION: 'ADD', ...params }), 'USERID'));

  beforeEach(async () => {
    t = await startTestHost();
    t.addCore(new InTestRecorder(1));
    client = await t.client();
  });
  afterEach(() => t.close());

  it('ADD by AGENTID returns the AGENTID; repeating it changes nothing; another agent\'s phone is API_PHONEID_IN_USE (57)', async () => {
    const john = await addUser({ FIRSTNAME: 'John', LASTNAME: 'Doe' });
    const jane = await addUser({ FIRSTNAME: 'Jane', LASTNAME: 'Roe' });
    const added = await phone({ ACTION: 'ADD', PHONEID: '1234', AGENTID: john });
    assert.equal(code(added), '20 API_OK');
    assert.deepEqual(resultData(added), [['AGENTID', String(john)]]);
    const repeat = await phone({ ACTION: 'add', PHONEID: '1234', AGENTID: john });
    assert.equal(code(repeat), '20 API_OK');
    assert.match(text(repeat, 'RESULTMSG')!, /already assigned to agent/);
    const taken = await phone({ ACTION: 'ADD', PHONEID: '1234', AGENTID: jane });
    assert.equal(code(taken), '57 API_PHONEID_IN_USE');
    assert.equal(text(taken, 'RESULTMSG'), `phone ID 1234 is assigned to agent ${john}`);
    assert.equal(await storage().phones.ownerOf('1234'), john);
  });

  it('a real AGENTID wins over the names sent with it, which are ignored even when the AGENTID finds no one', async () => {
    const john = await addUser({ FIRSTNAME: 'John', LASTNAME: 'Doe' });
    await addUser({ FIRSTNAME: 'Jane', LASTNAME: 'Roe' });
    const reply = await phone({ ACTION: 'ADD', PHONEID: '2000', AGENTID: john, FIRSTNAME: 'Jane', LASTNAME: 'Roe' });
    assert.deepEqual(resultData(reply), [['AGENTID', String(john)]]);
    assert.equal(await storage().phones.ownerOf('2000'), john);
    const nobody = await phone({ ACTION: 'ADD', PHONEID: '2001', AGENTID: 777, FIRSTNAME: 'Jane', LASTNAME: 'Roe' });
    assert.equal(code(nobody), '24 API_AGENT_NOT_FOUND');
    assert.equal(await storage().phones.ownerOf('2001'), undefined);
  });

  it('no such agent is API_AGENT_NOT_FOUND (24), a deleted one too; missing PHONEID or agent is 16; an ACTION other than ADD/DELETE is 21', async () => {
    assert.equal(code(await phone({ ACTION: 'ADD', PHONEID: '1', FIRSTNAME: 'No', LASTNAME: 'Body' })), '24 API_AGENT_NOT_FOUND');
    const gone = await addUser({ FIRSTNAME: 'Gone', LASTNAME: 'Agent' });
    await send(client, 'IMPORTUSER', { ACTION: 'DELETE', USERID: gone });
    assert.equal(code(await phone({ ACTION: 'ADD', PHONEID: '1', AGENTID: gone })), '24 API_AGENT_NOT_FOUND');
    assert.equal(text(await phone({ ACTION: 'ADD', AGENTID: gone }), 'RESULTMSG'), 'IMPORTAGENTPHONE needs PHONEID; missing: PHONEID');
    const noAgent = await phone({ ACTION: 'ADD', PHONEID: '1', FIRSTNAME: 'Only' });
    assert.equal(code(noAgent), '16 API_INVALID_MESSAGE_FORMAT');
    assert.equal(text(noAgent, 'RESULTMSG'), 'IMPORTAGENTPHONE needs AGENTID, or FIRSTNAME and LASTNAME');
    assert.equal(code(await phone({ ACTION: 'MODIFY', PHONEID: '1', AGENTID: 1 })), '21 API_ERROR_INVALID_ACTION');
    assert.equal(await storage().phones.ownerOf('1'), undefined);
  });

  it('DELETE frees the agent\'s phone and leaves the agent alone; another agent\'s phone is refused (57) and kept', async () => {
    const john = await addUser({ FIRSTNAME: 'John', LASTNAME: 'Doe', EMAIL: 'john@example.com' });
    const jane = await addUser({ FIRSTNAME: 'Jane', LASTNAME: 'Roe' });
    await phone({ ACTION: 'ADD', PHONEID: '1234', AGENTID: john });
    assert.equal(code(await phone({ ACTION: 'DELETE', PHONEID: '1234', AGENTID: jane })), '57 API_PHONEID_IN_USE');
    assert.equal(await storage().phones.ownerOf('1234'), john);
    const removed = await phone({ ACTION: 'DELETE', PHONEID: '1234', FIRSTNAME: 'John', LASTNAME: 'Doe' });
    assert.equal(code(removed), '20 API_OK');
    assert.deepEqual(resultData(removed), [['AGENTID', String(john)]]);
    assert.equal(await storage().phones.ownerOf('1234'), undefined);
    assert.equal((await storage().users.findById(john))?.email, 'john@example.com');
    const again = await phone({ ACTION: 'DELETE', PHONEID: '1234', AGENTID: john });
    assert.equal(code(again), '20 API_OK');
    assert.match(text(again, 'RESULTMSG')!, /was not assigned to agent .*nothing was changed/);
  });

  it('the association makes CALLSTART by SYS_USER, CRM_USER and DEVICEALIAS find the agent\'s phone, and its removal undoes that', async () => {
    const sally = await addUser({ FIRSTNAME: 'Sally', LASTNAME: 'Smith', SYS_USER: 'smith.1', CRM_USER: 'sallys', DEVICEALIAS: 'DESK1' });
    for (const key of ['SYS_USER', 'CRM_USER', 'DEVICEALIAS']) {
      const value = { SYS_USER: 'smith.1', CRM_USER: 'sallys', DEVICEALIAS: 'DESK1' }[key]!;
      assert.equal(code(await send(client, 'CALLSTART', { [key]: value })), '8 API_DEVICE_INVALID', `no phone yet: CALLSTART by ${key}`);
    }
    await phone({ ACTION: 'ADD', PHONEID: '1123', AGENTID: sally });
    for (const [key, value] of [['SYS_USER', 'smith.1'], ['CRM_USER', 'sallys'], ['DEVICEALIAS', 'DESK1']] as const) {
      assert.equal(code(await send(client, 'CALLSTART', { [key]: value })), '20 API_OK', `CALLSTART by ${key}`);
      assert.equal(code(await send(client, 'CALLSTOP', { [key]: value })), '20 API_OK', `CALLSTOP by ${key}`);
    }
    const rows = await storage().recordings.list({ deviceId: '1123' });
    assert.equal(rows.length, 3);
    assert.ok(rows.every((row) => row.agent_id === sally));

    await phone({ ACTION: 'DELETE', PHONEID: '1123', AGENTID: sally });
    assert.equal(code(await send(client, 'CALLSTART', { SYS_USER: 'smith.1' })), '8 API_DEVICE_INVALID');
  });

  it('IMPORTUSER DELETE keeps history: a recording made while the user had the phone still names them after the phone goes to someone else', async () => {
    const sally = await addUser({ FIRSTNAME: 'Sally', LASTNAME: 'Smith', SYS_USER: 'smith.1', PHONES: '1123' });
    await send(client, 'CALLSTART', { DEVICEID: '1123' });
    await send(client, 'CALLSTOP', { DEVICEID: '1123' });
    assert.equal(code(await send(client, 'IMPORTUSER', { ACTION: 'DELETE', USERID: sally })), '20 API_OK');
    assert.equal(code(await send(client, 'CALLSTART', { SYS_USER: 'smith.1' })), '8 API_DEVICE_INVALID', 'a deleted user has no phone');
    const bob = await addUser({ FIRSTNAME: 'Bob', LASTNAME: 'Brown', PHONES: '1123' });
    await send(client, 'CALLSTART', { DEVICEID: '1123' });
    await send(client, 'CALLSTOP', { DEVICEID: '1123' });

    const calls = await send(client, 'CALLLIST', { DEVICEID: '1123' });
    const names = [...calls.matchAll(/<AGENTFIRSTNAME>([^<]*)<\/AGENTFIRSTNAME>\n\t*<AGENTLASTNAME>([^<]*)</g)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(names, ['Bob Brown', 'Sally Smith'], 'newest first');
    const rows = await storage().recordings.list({ deviceId: '1123' });
    assert.deepEqual(rows.map((row) => row.agent_id), [bob, sally]);
    assert.equal(rows[1]!.sys_user, 'smith.1');
  });
});
