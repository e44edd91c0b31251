import assert from 'node:assert/strict';
import { AgentWindows, TOKENS, type Storage } from '@callwire/core';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import type { XmlClient } from '../support/xml-client.js';
import { listedUser, resultData, sendVerbatim, text } from './directory-replies.js';

/** The standard part of a reply: REQUESTTYPE, REQUESTID, RESULTTYPE, RESULTCODE, RESULTMSG. */
function standard(reply: string): string[] {
  return ['REQUESTTYPE', 'REQUESTID', 'RESULTTYPE', 'RESULTCODE', 'RESULTMSG'].map((name) => text(reply, name) ?? '(missing)');
}

describe('the manual\'s directory examples, sent verbatim', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);

  beforeEach(async () => {
    t = await startTestHost({ timezone: 'America/New_York' });
    client = await t.client();
  });
  afterEach(() => t.close());

  const addUser = async (params: Record<string, string>) => Number(text(await send(client, 'IMPORTUSER', { ACTION: 'ADD', ...params }), 'USERID'));

  it('IMPORTUSER ADD returns the new USERID, and LIST shows the user under the real product\'s names (USER_ID, EMPLOYEE_ID, FIRST_NAME… rather than the example\'s EMPLOYEEID, FIRSTNAME), PHONES sorted', async () => {
    const added = await sendVerbatim(client, `
<REQUEST>
  <TYPE>IMPORTUSER</TYPE>
  <REQUESTID>5</REQUESTID>
  <ACTION>ADD</ACTION>
  <USER_ID>2</USER_ID>
  <USERNAME>Sally Smith</USERNAME>
  <EMPLOYEE_ID>5</EMPLOYEE_ID>
  <FIRST_NAME>Sally</FIRST_NAME>
  <LAST_NAME>Smith</LAST_NAME>
  <STATUS>A</STATUS>
  <ADD_TIME></ADD_TIME>
  <MOD_TIME></MOD_TIME>
  <SYS_USER>smith.1</SYS_USER>
  <DOMAIN>Uptivity</DOMAIN>
  <EMAIL>ssmith@uptiviy.com</EMAIL>
  <CRM_USER>sallys</CRM_USER>
  <SITEID>1</SITEID>
  <PHONES>1123, 3343, 3234</PHONES>
</REQUEST>`);
    assert.deepEqual(standard(added), ['IMPORTUSER', '5', 'API_OK', '20', 'user: Sally Smith has been added']);
    assert.deepEqual(resultData(added), [['USERID', '2']]);

    const listed = await sendVerbatim(client, `
<REQUEST>
  <TYPE>IMPORTUSER</TYPE>
  <REQUESTID>5</REQUESTID>
  <ACTION>LIST</ACTION>
</REQUEST>`);
    assert.deepEqual(standard(listed), ['IMPORTUSER', '5', 'API_OK', '20', 'API_OK']);
    assert.match(listed, /\t<USERS>\n\t\t<COUNT>2<\/COUNT>\n\t\t<USER>\n\t\t\t<USER_ID>1<\/USER_ID>\n[\s\S]*\t\t<\/USER>\n\t<\/USERS>\n<\/RESULT>$/);
    const sally = listedUser(listed, 2)!;
    assert.deepEqual(Object.keys(sally), [
      'USER_ID', 'USERNAME', 'EMPLOYEE_ID', 'FIRST_NAME', 'LAST_NAME', 'AGENT', 'STATUS', 'ADD_TIME', 'MOD_TIME',
      'SYS_USER', 'SYS_DOMAIN', 'EMAIL', 'CRM_USER', 'SITE_ID', 'PHONES',
    ]);
    const { ADD_TIME: addTime, MOD_TIME: modTime, ...rest } = sally;
    assert.deepEqual(rest, {
      USER_ID: '2', USERNAME: 'Sally Smith', EMPLOYEE_ID: '5', FIRST_NAME: 'Sally', LAST_NAME: 'Smith', AGENT: 'TRUE', STATUS: 'A',
      SYS_USER: 'smith.1', SYS_DOMAIN: 'Uptivity', EMAIL: 'ssmith@uptiviy.com', CRM_USER: 'sallys', SITE_ID: '1', PHONES: '1123,3234,3343',
    });
    assert.match(addTime!, /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M -0[45]:00$/);
    assert.equal(modTime, addTime);
  });

  it('IMPORTAGENTPHONE with AGENTID 0 and the agent\'s names assigns the phone to that agent (0 counts as "no AGENTID")', async () => {
    const john = await addUser({ FIRSTNAME: 'John', LASTNAME: 'Doe' });
    const reply = await sendVerbatim(client, `
<REQUEST>
  <TYPE>IMPORTAGENTPHONE</TYPE>
  <REQUESTID>2</REQUESTID>
  <ACTION>ADD</ACTION>
  <PHONEID>1234</PHONEID>
  <AGENTID>0</AGENTID>
  <FIRSTNAME>John</FIRSTNAME>
  <LASTNAME>Doe</LASTNAME>
</REQUEST>`);
    assert.deepEqual(standard(reply).slice(0, 4), ['IMPORTAGENTPHONE', '2', 'API_OK', '20']);
    assert.deepEqual(resultData(reply), [['AGENTID', String(john)]]);
    assert.equal(await storage().phones.ownerOf('1234'), john);
  });

  it('IMPORTWORKSTATION returns the DEVICEID stored and the STATIONNAME sent', async () => {
    const reply = await sendVerbatim(client, `
<REQUEST>
  <TYPE>IMPORTWORKSTATION</TYPE>
  <REQUESTID>2</REQUESTID>
  <DEVICEID>1234</DEVICEID>
  <STATIONNAME>COMPUTER1</STATIONNAME>
  <LOCATIONID>1</LOCATIONID>
</REQUEST>`);
    assert.deepEqual(standard(reply).slice(0, 4), ['IMPORTWORKSTATION', '2', 'API_OK', '20']);
    assert.deepEqual(resultData(reply), [['DEVICEID', '1234'], ['STATIONNAME', 'COMPUTER1']]);
    assert.deepEqual(await storage().stations.byStation('COMPUTER1'), { station_name: 'COMPUTER1', device_id: '1234', location_id: 1 });
  });

  it('ADDGROUP with a bare & answers the manual\'s reply (GROUPID as its example shows, not the misprinted GROUPLD), escaping the & so the reply is well-formed', async () => {
    const reply = await sendVerbatim(client, `
<REQUEST>
  <TYPE>ADDGROUP</TYPE>
  <REQUESTID>2</REQUESTID>
  <GROUPNAME>Sales & Marketing</GROUPNAME>
</REQUEST>`);
    assert.deepEqual(standard(reply), ['ADDGROUP', '2', 'API_OK', '20', 'group: Sales & Marketing has been added']);
    const group = await storage().groups.findByName('Sales & Marketing');
    assert.deepEqual(resultData(reply), [['GROUPID', String(group!.group_id)], ['GROUPNAME', 'Sales & Marketing']]);
    assert.ok(reply.includes('<GROUPNAME>Sales &amp; Marketing</GROUPNAME>'));
    assert.ok(!/&(?!amp;|lt;|gt;|quot;|apos;)/.test(reply), 'no bare & in the reply');
  });

  it('MODIFYGROUPPERMISSION puts John Doe and device 1234 in Sales & Marketing and echoes every parameter, GROUPID and AGENTID filled in', async () => {
    const groupId = Number(text(await send(client, 'ADDGROUP', { GROUPNAME: 'Sales & Marketing' }), 'GROUPID'));
    const john = await addUser({ FIRSTNAME: 'John', LASTNAME: 'Doe' });
    const reply = await sendVerbatim(client, `
<REQUEST>
  <TYPE>MODIFYGROUPPERMISSION</TYPE>
  <REQUESTID>2</REQUESTID>
  <ACTION>ADD</ACTION>
  <GROUPNAME>Sales & Marketing</GROUPNAME>
  <FIRSTNAME>John</FIRSTNAME>
  <LASTNAME>Doe</LASTNAME>
  <DEVICEID>1234</DEVICEID>
</REQUEST>`);
    assert.deepEqual(standard(reply).slice(0, 4), ['MODIFYGROUPPERMISSION', '2', 'API_OK', '20']);
    assert.deepEqual(resultData(reply), [
      ['ACTION', 'ADD'], ['GROUPNAME', 'Sales & Marketing'], ['GROUPID', String(groupId)], ['DEVICEID', '1234'],
      ['FIRSTNAME', 'John'], ['LASTNAME', 'Doe'], ['AGENTID', String(john)],
    ]);
    assert.deepEqual(await storage().groups.membersOf(groupId), [john]);
    assert.deepEqual(await storage().groups.devicesOf(groupId), ['1234']);
  });

  it('MODIFYROLE ADD answers "Role Added" with the REQUESTID sent (the manual\'s reply shows 45, a misprint), then the parameters sent', async () => {
    const reply = await sendVerbatim(client, `
<REQUEST>
  <REQUESTTYPE>MODIFYROLE</REQUESTTYPE>
  <REQUESTID>1</REQUESTID>
  <ACTION>ADD</ACTION>
  <ROLENAME>DefaultRole</ROLENAME>
  <DESCRIPTION>Adding Default Role</DESCRIPTION>
</REQUEST>`);
    assert.deepEqual(standard(reply), ['MODIFYROLE', '1', 'API_OK', '20', 'Role Added']);
    const role = await storage().roles.findByName('DefaultRole');
    assert.equal(role?.description, 'Adding Default Role');
    assert.deepEqual(resultData(reply), [['ACTION', 'ADD'], ['ROLEID', String(role!.role_id)], ['ROLENAME', 'DefaultRole'], ['DESCRIPTION', 'Adding Default Role']]);
  });

  it('MODIFYROLEGROUPPERMISSION for a group that does not exist answers API_OK "Group … does not exist or it is not active", as the manual\'s reply does', async () => {
    await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'DefaultRole' });
    const example = `
<REQUEST>
  <REQUESTTYPE> MODIFYROLEGROUPPERMISSION </REQUESTTYPE>
  <REQUESTID>1</REQUESTID>
  <ACTION>ADD</ACTION>
  <ROLENAME>DefaultRole</ROLENAME>
  <GROUPNAME>CALLCOPYTESTGROUP</GROUPNAME>
</REQUEST>`;
    const missing = await sendVerbatim(client, example);
    assert.deepEqual(standard(missing), ['MODIFYROLEGROUPPERMISSION', '1', 'API_OK', '20', 'Group CALLCOPYTESTGROUP does not exist or it is not active']);
    const role = await storage().roles.findByName('DefaultRole');
    assert.deepEqual(await storage().roles.groupsOf(role!.role_id), []);

    const groupId = Number(text(await send(client, 'ADDGROUP', { GROUPNAME: 'CALLCOPYTESTGROUP' }), 'GROUPID'));
    const assigned = await sendVerbatim(client, example);
    assert.deepEqual(standard(assigned), ['MODIFYROLEGROUPPERMISSION', '1', 'API_OK', '20', 'Group CALLCOPYTESTGROUP is assigned to role DefaultRole']);
    assert.deepEqual(resultData(assigned), [['ROLEID', String(role!.role_id)], ['ROLENAME', 'DefaultRole'], ['GROUPNAME', 'CALLCOPYTESTGROUP'], ['ACTION', 'ADD']]);
    assert.deepEqual(await storage().roles.groupsOf(role!.role_id), [groupId]);
  });

  it('MODIFYUSERROLE with spaces around the type answers "User N is assigned role DefaultRole" (the role assigned, where the example\'s text says Test)', async () => {
    await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'DefaultRole' });
    const userId = await addUser({ FIRSTNAME: 'Test', LASTNAME: 'User', USERNAME: 'TestUser' });
    const reply = await sendVerbatim(client, `
<REQUEST>
  <REQUESTTYPE> MODIFYUSERROLE </REQUESTTYPE>
  <REQUESTID>1</REQUESTID>
  <ACTION>ADD</ACTION>
  <ROLENAME>DefaultRole</ROLENAME>
  <USERNAME>TestUser</USERNAME>
</REQUEST>`);
    assert.deepEqual(standard(reply), ['MODIFYUSERROLE', '1', 'API_OK', '20', `User ${userId} is assigned role DefaultRole`]);
    assert.deepEqual((await storage().roles.rolesOfUser(userId)).map((r) => r.name), ['DefaultRole']);
  });

  it('MODIFYROLEPERMISSION answers "Permission Added"', async () => {
    await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'DefaultRole' });
    const reply = await sendVerbatim(client, `
<REQUEST>
  <REQUESTTYPE> MODIFYROLEPERMISSION </REQUESTTYPE>
  <REQUESTID>1</REQUESTID>
  <ACTION>ADD</ACTION>
  <ROLENAME>DefaultRole</ROLENAME>
  <PERMISSIONNAME>HOMEPAGEWIDGETS</PERMISSIONNAME>
</REQUEST>`);
    assert.deepEqual(standard(reply), ['MODIFYROLEPERMISSION', '1', 'API_OK', '20', 'Permission Added']);
    const role = await storage().roles.findByName('DefaultRole');
    assert.deepEqual(await storage().roles.permissionsOf(role!.role_id), ['HOMEPAGEWIDGETS']);
  });

  it('AGENTWINDOW answers the window reported for ceddy, LASTUPDATE printed like the manual\'s "Feb  2 2011  4:53PM"', async () => {
    await t.host.container.get(AgentWindows).report({
      computerName: 'ceddy', username: 'ceddy', domain: 'uptivity.com', ipAddress: '10.100.5.91', status: 'AVAILABLE',
      applicationTitle: 'Internet Explorer', at: Date.UTC(2011, 1, 2, 21, 53, 12),
    });
    const reply = await sendVerbatim(client, `
<REQUEST>
<TYPE>AGENTWINDOW</TYPE>
<REQUESTID>7</REQUESTID>
<COMPUTERNAME>ceddy</COMPUTERNAME>
<USERNAME>ceddy</USERNAME>
</REQUEST>`);
    assert.deepEqual(standard(reply), ['AGENTWINDOW', '7', 'API_OK', '20', 'API_OK']);
    assert.deepEqual(resultData(reply), [
      ['DOMAIN', 'uptivity.com'], ['IPADDRESS', '10.100.5.91'], ['STATUS', 'AVAILABLE'],
      ['APPLICATIONTITLE', 'Internet Explorer'], ['LASTUPDATE', 'Feb  2 2011  4:53PM'],
    ]);
  });
});
