import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { request, startTestHost, type TestHost } from '../support/test-host.js';
import { listedUsers, text } from './directory-replies.js';

const BATCH = 500;

/** One HR record as a nightly script sends it. */
function hrRecord(n: number): Record<string, string> {
  return {
    ACTION: 'ADD', USERNAME: `agent${n}`, EMPLOYEE_ID: `E${n}`, FIRST_NAME: `First${n}`, LAST_NAME: `Last${n}`,
    STATUS: n % 10 === 0 ? 'I' : 'A', SYS_USER: `agent.${n}`, DOMAIN: 'CORP', EMAIL: `agent${n}@example.com`,
    CRM_USER: `crm${n}`, SITEID: String(n % 3), PHONES: `${6000 + n}, ${8000 + n}`,
  };
}

describe('IMPORTUSER from a nightly script', function () {
  this.timeout(120000);
  let t: TestHost;
  afterEach(() => t.close());

  it('the same 500-user ADD batch, pipelined twice on one connection: the second run answers 54 to every ADD and changes nothing (LIST and MOD_TIMEs identical)', async () => {
    t = await startTestHost({ timezone: 'America/New_York' });
    const client = await t.client();
    const storage = t.host.container.get<Storage>(TOKENS.Storage);
    const batch = Array.from({ length: BATCH }, (_, i) => request('IMPORTUSER', i + 1, hrRecord(i + 1))).join('');
    const list = async () => {
      await client.write(request('IMPORTUSER', 0, { ACTION: 'LIST' }));
      return (await client.read(1, 30000))[0]!;
    };

    await client.write(batch);
    const first = await client.read(BATCH, 60000);
    assert.deepEqual(new Set(first.map((r) => text(r, 'RESULTTYPE'))), new Set(['API_OK']));
    assert.deepEqual(first.map((r) => Number(text(r, 'REQUESTID'))), Array.from({ length: BATCH }, (_, i) => i + 1), 'replies in order');
    assert.equal(new Set(first.map((r) => text(r, 'USERID'))).size, BATCH, 'a USERID per user');
    const listedBefore = await list();
    assert.equal(text(listedBefore, 'COUNT'), String(BATCH + 1), 'the batch and the built-in admin');
    const rowsBefore = await storage.users.list();

    await client.write(batch);
    const second = await client.read(BATCH, 60000);
    const results = second.map((r) => `${text(r, 'RESULTCODE')} ${text(r, 'RESULTTYPE')}`);
    assert.deepEqual(new Set(results), new Set(['54 API_USER_ALREADY_EXIST']));
    assert.equal(await list(), listedBefore);
    assert.deepEqual(await storage.users.list(), rowsBefore, 'MOD_TIMEs (to the millisecond), phones and every field unchanged');

    const user = Object.fromEntries(listedUsers(listedBefore).find((fields) => fields.some(([k, v]) => k === 'USERNAME' && v === 'agent10'))!);
    assert.deepEqual([user['AGENT'], user['STATUS'], user['PHONES'], user['SITE_ID']], ['FALSE', 'I', '6010,8010', '1']);
  });
});
