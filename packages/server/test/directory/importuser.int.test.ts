import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TOKENS, verifyPassword, type Storage } from '@callwire/core';
import { ManualClock } from '@callwire/plugin-kit';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import type { XmlClient } from '../support/xml-client.js';
import { listedUser, listedUsers, resultData, text } from './directory-replies.js';

const SALLY = {
  USERNAME: 'Sally Smith', EMPLOYEE_ID: '5', FIRST_NAME: 'Sally', LAST_NAME: 'Smith', STATUS: 'A', SYS_USER: 'smith.1',
  DOMAIN: 'Uptivity', EMAIL: 'ssmith@uptivity.com', CRM_USER: 'sallys', SITEID: '1',
};

describe('IMPORTUSER', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  /** The engine's time (ADD_TIME, MOD_TIME): it moves only when a test advances it. */
  let clock: ManualClock;
  const storage = () => t.host.container.get<Storage>(TOKENS.Storage);
  const importUser = (params: Record<string, string | number>) => send(client, 'IMPORTUSER', params);
  const list = () => importUser({ ACTION: 'LIST' });
  const code = (reply: string) => `${text(reply, 'RESULTCODE')} ${text(reply, 'RESULTTYPE')}`;

  beforeEach(async () => {
    clock = new ManualClock();
    t = await startTestHost({ timezone: 'America/New_York' }, { clock });
    client = await t.client();
  });
  afterEach(() => t.close());

  it('ADD ignores USERID and returns the id the server gave', async () => {
    const reply = await importUser({ ACTION: 'ADD', USERID: 99, ...SALLY });
    assert.equal(code(reply), '20 API_OK');
    assert.deepEqual(resultData(reply), [['USERID', '2']]);
    assert.equal(await storage().users.findById(99), undefined);
    assert.equal((await storage().users.findById(2))?.first_name, 'Sally');
  });

  it('lists the built-in admin (USER_ID 1) as the real product does: not an agent, never-set ADD_TIME, SITE_ID -1', async () => {
    const admin = listedUser(await list(), 1);
    assert.deepEqual(admin, {
      USER_ID: '1', USERNAME: 'admin', EMPLOYEE_ID: '', FIRST_NAME: 'CallCopy', LAST_NAME: 'Admin', AGENT: 'FALSE', STATUS: 'A',
      ADD_TIME: '1/1/0001 12:00:00 AM +00:00', MOD_TIME: '1/1/0001 12:00:00 AM +00:00', SYS_USER: '', SYS_DOMAIN: '', EMAIL: '',
      CRM_USER: '', SITE_ID: '-1', PHONES: '',
    });
  });

  it('LIST over the WebAPI, sent as the capture\'s client did, has the real product\'s elements in its order and its admin values', async () => {
    const capture = readFileSync(new URL('../../../../core/test/fixtures/wfo-replies/webapi-importuser-list.xml', import.meta.url), 'utf8');
    const response = await fetch(`http://127.0.0.1:${t.webPort}/Webapi.aspx?requestid=17&type=importuser&action=list`, { method: 'POST' });
    const reply = await response.text();
    const opened = (xml: string) => [...xml.matchAll(/<([A-Z_]+)>/g)].map((m) => m[1]);
    assert.deepEqual(opened(reply), opened(capture));
    const [ours, theirs] = [listedUser(reply, 1)!, listedUser(capture, 1)!];
    for (const name of ['USER_ID', 'EMPLOYEE_ID', 'FIRST_NAME', 'LAST_NAME', 'AGENT', 'STATUS', 'ADD_TIME', 'SYS_USER', 'SYS_DOMAIN', 'CRM_USER', 'SITE_ID', 'PHONES']) {
      assert.equal(ours[name], theirs[name], name);
    }
  });

  it('ADD of an existing first and last name, or USERNAME, is API_USER_ALREADY_EXIST (54) and changes nothing', async () => {
    await importUser({ ACTION: 'ADD', ...SALLY, PHONES: '1123' });
    const before = await list();
    const sameName = await importUser({ ACTION: 'ADD', FIRSTNAME: 'Sally', LASTNAME: 'Smith', EMAIL: 'new@example.com', PHONES: '9999', PASSWORD: 'secret' });
    assert.equal(code(sameName), '54 API_USER_ALREADY_EXIST');
    assert.match(text(sameName, 'RESULTMSG')!, /already exists as USERID 2/);
    assert.deepEqual(resultData(sameName), [], 'an error carries no data');
    const sameUsername = await importUser({ ACTION: 'ADD', FIRSTNAME: 'Other', LASTNAME: 'Person', USERNAME: 'Sally Smith' });
    assert.equal(code(sameUsername), '54 API_USER_ALREADY_EXIST');
    assert.equal(await list(), before);
    assert.equal(await storage().phones.ownerOf('9999'), undefined);
    assert.equal((await storage().users.findById(2))?.password_hash, null);
  });

  it('missing required values are API_INVALID_MESSAGE_FORMAT (16) naming them; an unknown ACTION is API_ERROR_INVALID_ACTION (21)', async () => {
    const noNames = await importUser({ ACTION: 'ADD', USERNAME: 'x' });
    assert.equal(code(noNames), '16 API_INVALID_MESSAGE_FORMAT');
    assert.equal(text(noNames, 'RESULTMSG'), 'IMPORTUSER ADD needs FIRSTNAME, LASTNAME; missing: FIRSTNAME, LASTNAME');
    const blankLast = await importUser({ ACTION: 'ADD', FIRST_NAME: 'Sally', LAST_NAME: '' });
    assert.equal(text(blankLast, 'RESULTMSG'), 'IMPORTUSER ADD needs FIRSTNAME, LASTNAME; missing: LASTNAME');
    assert.equal(text(await importUser({ ACTION: 'MODIFY', EMAIL: 'x@y' }), 'RESULTMSG'), 'IMPORTUSER MODIFY needs USERID; missing: USERID');
    assert.equal(code(await importUser({ ACTION: 'DELETE' })), '16 API_INVALID_MESSAGE_FORMAT');
    assert.equal(code(await importUser({ FIRSTNAME: 'No', LASTNAME: 'Action' })), '16 API_INVALID_MESSAGE_FORMAT');
    const unknown = await importUser({ ACTION: 'UPSERT', FIRSTNAME: 'A', LASTNAME: 'B' });
    assert.equal(code(unknown), '21 API_ERROR_INVALID_ACTION');
    assert.match(text(unknown, 'RESULTMSG')!, /ADD, MODIFY, DELETE, LIST, got 'UPSERT'/);
    assert.equal(listedUsers(await list()).length, 1, 'nothing was added');
  });

  it('MODIFY and DELETE of a missing user are API_USER_NOT_FOUND (28)', async () => {
    assert.equal(code(await importUser({ ACTION: 'MODIFY', USERID: 42, EMAIL: 'x@y' })), '28 API_USER_NOT_FOUND');
    assert.equal(code(await importUser({ ACTION: 'DELETE', USERID: 42 })), '28 API_USER_NOT_FOUND');
    const id = text(await importUser({ ACTION: 'ADD', ...SALLY }), 'USERID')!;
    assert.equal(code(await importUser({ ACTION: 'DELETE', USERID: id })), '20 API_OK');
    assert.equal(code(await importUser({ ACTION: 'DELETE', USERID: id })), '28 API_USER_NOT_FOUND', 'a deleted user is gone for DELETE');
    assert.equal(code(await importUser({ ACTION: 'MODIFY', USERID: id, EMAIL: 'x@y' })), '28 API_USER_NOT_FOUND', 'and for MODIFY');
  });

  it('MODIFY changes what differs and MOD_TIME; sending the same values again changes nothing, MOD_TIME included', async () => {
    const id = Number(text(await importUser({ ACTION: 'ADD', ...SALLY }), 'USERID'));
    const added = (await storage().users.findById(id))!;
    await clock.advance(60_000);
    const modified = await importUser({ ACTION: 'MODIFY', USER_ID: id, EMAIL: 'sally@example.com', LAST_NAME: 'Jones', SYS_DOMAIN: 'CORP' });
    assert.equal(code(modified), '20 API_OK');
    assert.deepEqual(resultData(modified), [['USERID', String(id)]]);
    const after = (await storage().users.findById(id))!;
    assert.deepEqual([after.email, after.last_name, after.sys_domain, after.username, after.crm_user], ['sally@example.com', 'Jones', 'CORP', 'Sally Smith', 'sallys']);
    assert.equal(after.add_time, added.add_time);
    assert.equal(after.mod_time, added.mod_time! + 60_000, 'MOD_TIME moved to the time of the change');

    await clock.advance(60_000);
    const again = await importUser({ ACTION: 'MODIFY', USER_ID: id, EMAIL: 'sally@example.com', LAST_NAME: 'Jones', EMPLOYEE_ID: '' });
    assert.equal(code(again), '20 API_OK');
    assert.match(text(again, 'RESULTMSG')!, /nothing was changed/);
    assert.deepEqual(await storage().users.findById(id), after, 'a blank EMPLOYEE_ID leaves the stored one alone');
  });

  it('MODIFY to another user\'s name is API_USER_ALREADY_EXIST and changes nothing', async () => {
    const id = Number(text(await importUser({ ACTION: 'ADD', ...SALLY }), 'USERID'));
    await importUser({ ACTION: 'ADD', FIRSTNAME: 'John', LASTNAME: 'Doe', USERNAME: 'jdoe' });
    const before = await list();
    assert.equal(code(await importUser({ ACTION: 'MODIFY', USERID: id, FIRSTNAME: 'John', LASTNAME: 'Doe', EMAIL: 'x@y' })), '54 API_USER_ALREADY_EXIST');
    assert.equal(code(await importUser({ ACTION: 'MODIFY', USERID: id, USERNAME: 'jdoe' })), '54 API_USER_ALREADY_EXIST');
    assert.equal(await list(), before);
  });

  it('STATUS A flags the user as an agent and I clears the flag, as the parameter list says; LIST echoes the STATUS sent next to AGENT', async () => {
    const id = Number(text(await importUser({ ACTION: 'ADD', FIRSTNAME: 'Ian', LASTNAME: 'Active', STATUS: 'i' }), 'USERID'));
    assert.deepEqual([listedUser(await list(), id)?.['AGENT'], listedUser(await list(), id)?.['STATUS']], ['FALSE', 'I']);
    await importUser({ ACTION: 'MODIFY', USERID: id, STATUS: 'A' });
    const listed = listedUser(await list(), id)!;
    assert.deepEqual([listed['AGENT'], listed['STATUS']], ['TRUE', 'A']);
    const bad = await importUser({ ACTION: 'MODIFY', USERID: id, STATUS: 'X' });
    assert.equal(text(bad, 'RESULTCODE'), '59', 'STATUS is checked against the manual\'s values');
  });

  it('ADD without PASSWORD succeeds (the manual\'s own example sends none); a PASSWORD is kept only as a salted scrypt hash and never listed', async () => {
    const id = Number(text(await importUser({ ACTION: 'ADD', FIRSTNAME: 'Pat', LASTNAME: 'Word', USERNAME: 'pword', PASSWORD: 'correct horse' }), 'USERID'));
    const hash = (await storage().users.findById(id))!.password_hash!;
    assert.match(hash, /^\$scrypt\$ln=\d+,r=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    assert.ok(!hash.includes('correct horse'));
    assert.equal(await verifyPassword('correct horse', hash), true);
    assert.equal(await verifyPassword('wrong horse', hash), false);
    const listed = await list();
    assert.ok(!listed.includes('correct horse') && !listed.includes(hash) && !listed.includes('PASSWORD'));

    await importUser({ ACTION: 'MODIFY', USERID: id, PASSWORD: 'correct horse' });
    assert.equal((await storage().users.findById(id))!.password_hash, hash, 'the same password keeps its hash');
    await importUser({ ACTION: 'MODIFY', USERID: id, PASSWORD: 'battery staple' });
    const changed = (await storage().users.findById(id))!.password_hash!;
    assert.equal(await verifyPassword('battery staple', changed), true);

    const other = Number(text(await importUser({ ACTION: 'ADD', FIRSTNAME: 'Pat', LASTNAME: 'Other', PASSWORD: 'battery staple' }), 'USERID'));
    assert.notEqual((await storage().users.findById(other))!.password_hash, changed, 'a random salt per hash');
  });

  it('PHONES on ADD are the new user\'s; on MODIFY they become exactly the list sent; another agent\'s phone is API_PHONEID_IN_USE (57) and nothing changes', async () => {
    const sally = Number(text(await importUser({ ACTION: 'ADD', ...SALLY, PHONES: '1123, 3343,3234' }), 'USERID'));
    assert.deepEqual(await storage().phones.phonesOf(sally), ['1123', '3234', '3343']);

    const taken = await importUser({ ACTION: 'ADD', FIRSTNAME: 'John', LASTNAME: 'Doe', PHONES: '5000, 3343' });
    assert.equal(code(taken), '57 API_PHONEID_IN_USE');
    assert.match(text(taken, 'RESULTMSG')!, /3343 is already assigned to agent 2/);
    assert.equal(await storage().users.findByName('John', 'Doe'), undefined, 'the user was not added');
    assert.equal(await storage().phones.ownerOf('5000'), undefined);

    assert.equal(code(await importUser({ ACTION: 'MODIFY', USERID: sally, PHONES: '3343,7000' })), '20 API_OK');
    assert.deepEqual(await storage().phones.phonesOf(sally), ['3343', '7000']);
    const john = Number(text(await importUser({ ACTION: 'ADD', FIRSTNAME: 'John', LASTNAME: 'Doe', PHONES: '1123' }), 'USERID'));
    const before = await list();
    assert.equal(code(await importUser({ ACTION: 'MODIFY', USERID: sally, PHONES: '1123', EMAIL: 'x@y' })), '57 API_PHONEID_IN_USE');
    assert.equal(await list(), before);
    assert.deepEqual(await storage().phones.phonesOf(john), ['1123']);
  });

  it('DELETE flags the user deleted and frees their phones; the row stays and the name may be added again', async () => {
    const id = Number(text(await importUser({ ACTION: 'ADD', ...SALLY, PHONES: '1123,3343' }), 'USERID'));
    const reply = await importUser({ ACTION: 'DELETE', USERID: id });
    assert.equal(code(reply), '20 API_OK');
    assert.deepEqual(resultData(reply), [['USERID', String(id)]]);
    const row = await storage().users.findById(id);
    assert.deepEqual([row?.deleted, row?.first_name, row?.sys_user], [true, 'Sally', 'smith.1']);
    assert.equal(await storage().phones.ownerOf('1123'), undefined);
    assert.equal(listedUser(await list(), id), undefined, 'LIST shows live users only');
    const again = Number(text(await importUser({ ACTION: 'ADD', ...SALLY, PHONES: '1123' }), 'USERID'));
    assert.notEqual(again, id);
    assert.equal(await storage().phones.ownerOf('1123'), again);
  });

  it('a user added without SITEID lists SITE_ID -1, like the built-in admin; DEVICEALIAS is kept for call lookups', async () => {
    const id = Number(text(await importUser({ ACTION: 'ADD', FIRSTNAME: 'No', LASTNAME: 'Site', DEVICEALIAS: '4711' }), 'USERID'));
    assert.equal(listedUser(await list(), id)?.['SITE_ID'], '-1');
    assert.equal((await storage().users.findById(id))?.device_alias, '4711');
  });

  it('values longer than the manual\'s types are refused with API_PARAMETERS_INVALID (59), nothing stored', async () => {
    const reply = await importUser({ ACTION: 'ADD', FIRSTNAME: 'A'.repeat(21), LASTNAME: 'Long' });
    assert.equal(code(reply), '59 API_PARAMETERS_INVALID');
    assert.match(text(reply, 'RESULTMSG')!, /FIRSTNAME is 21 characters; the limit is 20/);
    assert.equal(code(await importUser({ ACTION: 'ADD', FIRSTNAME: 'A', LASTNAME: 'B', PHONES: '1,12345678901' })), '59 API_PARAMETERS_INVALID');
    assert.equal(listedUsers(await list()).length, 1);
  });
});
