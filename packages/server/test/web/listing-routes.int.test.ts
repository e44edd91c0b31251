import assert from 'node:assert/strict';
import { TOKENS, type Storage } from '@callwire/core';
import { startTestHost, type TestHost } from '../support/test-host.js';

/** `/api/audit` and `/api/call-details` over HTTP: JSON with ISO 8601 times, 400 naming a bad parameter, GET only. */
describe('the audit and call-detail listings (HTTP)', function () {
  this.timeout(20_000);
  let t: TestHost;
  const get = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${t.webPort}${path}`, init);

  before(async () => {
    t = await startTestHost();
    const storage = t.host.container.get<Storage>(TOKENS.Storage);
    await storage.audit.record({ at: Date.UTC(2026, 10, 1, 9, 0, 0), action: 'EXPORT', who: null, detail: 'UNIQUEFIELD=ident UNIQUEID=1: API_OK file 1.wav', remote_address: '127.0.0.1:1' });
    await storage.callDetails.add({ received_at: Date.UTC(2026, 10, 1, 9, 5, 0), device_id: '300', raw: '300,x' });
  });
  after(() => t.close());

  it('answers JSON with ISO 8601 times; from/to take ISO 8601 with an offset as well as milliseconds', async () => {
    const audit = await get(`/api/audit?from=2026-11-01T10:00:00%2B01:00&to=${Date.UTC(2026, 10, 1, 9, 0, 0)}`); // both ends are the entry's own time
    assert.equal(audit.status, 200);
    assert.match(audit.headers.get('content-type')!, /^application\/json/);
    assert.deepEqual(await audit.json(), {
      entries: [{ id: 1, at: '2026-11-01T09:00:00.000Z', who: null, action: 'EXPORT', detail: 'UNIQUEFIELD=ident UNIQUEID=1: API_OK file 1.wav', remoteAddress: '127.0.0.1:1' }],
    });
    const calls = (await (await get('/API/Call-Details?device=300')).json()) as { records: Record<string, unknown>[] };
    assert.deepEqual(calls.records.map((r) => [r['deviceId'], r['receivedAt'], r['startTime'], r['durationSeconds'], r['recordId'], r['raw']]), [['300', '2026-11-01T09:05:00.000Z', null, null, null, '300,x']]);
    assert.deepEqual(await (await get('/api/call-details?device=301')).json(), { records: [] });
  });

  it('answers 400 naming the parameter, 405 to anything but GET', async () => {
    const bad = await get('/api/call-details?from=soon');
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), { error: "from takes milliseconds since 1970 or an ISO 8601 date-time, got 'soon'" });
    assert.equal((await get(`/api/call-details?device=${'9'.repeat(65)}`)).status, 400);
    assert.equal((await get('/api/audit?limit=-3')).status, 400);
    const post = await get('/api/audit', { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET');
  });
});
