import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import type { XmlClient } from '../support/xml-client.js';
import { resultData, text } from './directory-replies.js';

describe('ADDGROUP and MODIFYGROUPPERMISSION', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  let john: number;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);
  const code = (reply: string) => `${text(reply, 'RESULTCODE')} ${text(reply, 'RESULTTYPE')}`;
  const addGroup = async (name: string) => Number(text(await send(client, 'ADDGROUP', { GROUPNAME: name }), 'GROUPID'));
  const permission = (params: Record<string, string | number>) => send(client, 'MODIFYGROUPPERMISSION', params);

  beforeEach(async () => {
    t = await startTestHost();
    client = await t.client();
    john = Number(text(await send(client, 'IMPORTUSER', { ACTION: 'ADD', FIRSTNAME: 'John', LASTNAME: 'Doe', PHONES: '1234' }), 'USERID'));
  });
  afterEach(() => t.close());

  it('ADDGROUP of an existing name answers API_OK with that group\'s GROUPID and changes nothing', async () => {
    const first = await send(client, 'ADDGROUP', { GROUPNAME: 'Sales & Marketing' });
    const again = await send(client, 'ADDGROUP', { GROUPNAME: 'Sales & Marketing' });
    assert.equal(code(again), '20 API_OK');
    assert.equal(text(again, 'RESULTMSG'), 'group: Sales & Marketing already exists; nothing was changed');
    assert.deepEqual(resultData(again), resultData(first));
    assert.equal((await storage().groups.list()).length, 1);
    assert.equal(code(await send(client, 'ADDGROUP', { GROUPNAME: '' })), '16 API_INVALID_MESSAGE_FORMAT');
    assert.equal(text(await send(client, 'ADDGROUP'), 'RESULTMSG'), 'ADDGROUP needs GROUPNAME; missing: GROUPNAME');
  });

  it('finds the group by GROUPID (or the manual\'s misprint GROUPLD) and the agent by AGENTID, filling in the names; PHONEID stands for DEVICEID', async () => {
    const sales = await addGroup('Sales');
    const reply = await permission({ ACTION: 'ADD', GROUPID: sales, AGENTID: john, PHONEID: '1234' });
    assert.equal(code(reply), '20 API_OK');
    assert.deepEqual(resultData(reply), [
      ['ACTION', 'ADD'], ['GROUPNAME', 'Sales'], ['GROUPID', String(sales)], ['PHONEID', '1234'], ['FIRSTNAME', 'John'], ['LASTNAME', 'Doe'], ['AGENTID', String(john)],
    ]);
    assert.deepEqual(await storage().groups.devicesOf(sales), ['1234']);
    const support = await addGroup('Support');
    assert.equal(code(await permission({ ACTION: 'ADD', GROUPLD: support, AGENTID: john })), '20 API_OK');
    assert.deepEqual((await storage().groups.groupsOfUser(john)).map((g) => g.name), ['Sales', 'Support']);
  });

  it('names are looked up first, as the manual says: a GROUPNAME with a different GROUPID uses the named group and echoes its real GROUPID', async () => {
    const sales = await addGroup('Sales');
    const support = await addGroup('Support');
    const reply = await permission({ ACTION: 'ADD', GROUPNAME: 'Support', GROUPID: sales, FIRSTNAME: 'John', LASTNAME: 'Doe', AGENTID: 1 });
    assert.equal(text(reply, 'GROUPID'), String(support));
    assert.equal(text(reply, 'AGENTID'), String(john));
    assert.deepEqual(await storage().groups.membersOf(support), [john]);
    assert.deepEqual(await storage().groups.membersOf(sales), []);
  });

  it('DELETE takes the agent and the device out; repeating it changes nothing', async () => {
    const sales = await addGroup('Sales');
    await permission({ ACTION: 'ADD', GROUPNAME: 'Sales', AGENTID: john, DEVICEID: '1234' });
    const removed = await permission({ ACTION: 'DELETE', GROUPNAME: 'Sales', AGENTID: john, DEVICEID: '1234' });
    assert.equal(code(removed), '20 API_OK');
    assert.match(text(removed, 'RESULTMSG')!, /removed from group Sales$/);
    assert.deepEqual([await storage().groups.membersOf(sales), await storage().groups.devicesOf(sales)], [[], []]);
    const again = await permission({ ACTION: 'DELETE', GROUPNAME: 'Sales', AGENTID: john });
    assert.equal(code(again), '20 API_OK');
    assert.match(text(again, 'RESULTMSG')!, /not in group Sales; nothing was changed/);
  });

  it('an unknown group is API_NO_GROUP (27), an unknown agent API_AGENT_NOT_FOUND (24); missing ones are 16; MODIFY is not an action here (21)', async () => {
    await addGroup('Sales');
    assert.equal(code(await permission({ ACTION: 'ADD', GROUPNAME: 'Nope', AGENTID: john })), '27 API_NO_GROUP');
    assert.equal(code(await permission({ ACTION: 'ADD', GROUPID: 999, AGENTID: john })), '27 API_NO_GROUP');
    assert.equal(code(await permission({ ACTION: 'ADD', GROUPNAME: 'Sales', FIRSTNAME: 'No', LASTNAME: 'Body' })), '24 API_AGENT_NOT_FOUND');
    assert.equal(code(await permission({ ACTION: 'ADD', GROUPNAME: 'Sales', AGENTID: 999 })), '24 API_AGENT_NOT_FOUND');
    assert.equal(text(await permission({ ACTION: 'ADD', AGENTID: john }), 'RESULTMSG'), 'MODIFYGROUPPERMISSION needs GROUPNAME or GROUPID');
    assert.equal(text(await permission({ ACTION: 'ADD', GROUPNAME: 'Sales', LASTNAME: 'Doe' }), 'RESULTMSG'), 'MODIFYGROUPPERMISSION needs FIRSTNAME and LASTNAME, or AGENTID');
    assert.equal(code(await permission({ GROUPNAME: 'Sales', AGENTID: john })), '16 API_INVALID_MESSAGE_FORMAT');
    assert.equal(code(await permission({ ACTION: 'MODIFY', GROUPNAME: 'Sales', AGENTID: john })), '21 API_ERROR_INVALID_ACTION');
    assert.deepEqual(await storage().groups.groupsOfUser(john), []);
  });
});
