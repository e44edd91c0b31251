import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { connectTestPostgres, TEST_PG_URL } from '../support/test-postgres.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';


/** With the database gone: CALLLIST answers 23; the functions that need no database keep answering. */
async function expectDatabaseDown(t: TestHost): Promise<void> {
  const client = await t.client();
  const list = await send(client, 'CALLLIST', { DEVICEID: '1111' });
  assert.equal(tag(list, 'RESULTCODE'), '23');
  assert.equal(tag(list, 'RESULTTYPE'), 'API_DATABASE_QUERY_ERROR');
  assert.match(tag(list, 'RESULTMSG')!, /^the database could not be used: /);
  const status = await send(client, 'DEVICESTATUS', { DEVICEID: '1111' });
  assert.equal(tag(status, 'RESULTTYPE'), 'API_OK');
  assert.equal(tag(status, 'ISRECORDING'), 'Y');
  assert.equal(tag(await send(client, 'DEVICELIST'), 'COUNT'), '1');
  assert.equal(tag(await send(client, 'SYSTEMSTATUS'), 'RESULTTYPE'), 'API_OK');
}

describe('status functions while the database is down', function () {
  this.timeout(30000);

  it('SQLite: with the database closed under the server, CALLLIST answers 23 and DEVICESTATUS still answers', async () => {
    const t = await startTestHost();
    try {
      t.addCore(new InTestRecorder(1));
      await send(await t.client(), 'CALLSTART', { DEVICEID: '1111' });
      await t.host.container.get<Storage>(TOKENS.Storage).close();
      await expectDatabaseDown(t);
    } finally {
      await t.close();
    }
  });

  it('PostgreSQL: with the server unreachable, CALLLIST answers 23 and DEVICESTATUS still answers', async function () {
    const probe = await connectTestPostgres();
    if (!probe) return this.skip();
    const schema = `down_${process.pid}_${Date.now()}`;
    await probe.query(`create schema ${schema}`);
    const target = new URL(TEST_PG_URL);
    const proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    target.host = `127.0.0.1:${proxy.port}`;
    const t = await startTestHost({ storage: { driver: 'postgres', url: target.toString(), schema } });
    try {
      t.addCore(new InTestRecorder(1));
      await send(await t.client(), 'CALLSTART', { DEVICEID: '1111' });
      proxy.cut();
      await expectDatabaseDown(t);
    } finally {
      await t.close();
      await proxy.close();
      await probe.query(`drop schema ${schema} cascade`);
      await probe.end();
    }
  });
});
