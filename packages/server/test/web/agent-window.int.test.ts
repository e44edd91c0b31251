import assert from 'node:assert/strict';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';

describe('POST /agentwindow feeds AGENTWINDOW', function () {
  this.timeout(20000);
  let t: TestHost;
  const post = (body: string) => fetch(`http://127.0.0.1:${t.webPort}/agentwindow`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  beforeEach(async () => (t = await startTestHost()));
  afterEach(() => t.close());

  it('stores a desktop agent\'s report, which AGENTWINDOW then answers by COMPUTERNAME and USERNAME', async () => {
    const response = await post(JSON.stringify({ computerName: 'DESK-17', username: 'jsmith', domain: 'CORP', status: 'AVAILABLE', applicationTitle: 'Billing - Account 4411' }));
    assert.equal(response.status, 204);
    const client = await t.client();
    for (const key of [{ COMPUTERNAME: 'DESK-17' }, { USERNAME: 'jsmith' }] as Record<string, string>[]) {
      const reply = await send(client, 'AGENTWINDOW', key);
      assert.equal(tag(reply, 'RESULTTYPE'), 'API_OK', JSON.stringify(key));
      assert.equal(tag(reply, 'APPLICATIONTITLE'), 'Billing - Account 4411');
      assert.equal(tag(reply, 'IPADDRESS'), '127.0.0.1');
    }
  });

  it('answers 400 with a reason for bad JSON, a missing computerName and an over-long value', async () => {
    assert.deepEqual([(await post('{nope')).status, await (await post('{nope')).text()], [400, 'the body must be a JSON object\n']);
    assert.equal(await (await post('{"username":"x"}')).text(), 'computerName is required\n');
    const long = await post(JSON.stringify({ computerName: 'D', applicationTitle: 'x'.repeat(300) }));
    assert.equal(long.status, 400);
    assert.match(await long.text(), /application_title is 300 characters; the column holds 255/);
  });
});
