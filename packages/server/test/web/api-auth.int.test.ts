import assert from 'node:assert/strict';
import { EventSocketClient } from '../support/event-socket-client.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('auth.required: WebAPI and WebSocket clients authenticate as a user whose role has ALLOWAPIAUTH', function () {
  this.timeout(20000);
  let t: TestHost;
  let client: XmlClient;
  const get = (path: string, authorization?: string) =>
    fetch(`http://127.0.0.1:${t.webPort}${path}`, { headers: authorization ? { Authorization: authorization } : {} });

  beforeEach(async () => {
    t = await startTestHost({ auth: { required: true } });
    client = await t.client();
    for (const [username, first] of [['integrator', 'Ida'], ['viewer', 'Vic']]) {
      const added = await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: username, PASSWORD: 's3cret!', FIRSTNAME: first, LASTNAME: 'Example' });
      assert.equal(tag(added, 'RESULTTYPE'), 'API_OK');
    }
    await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Integrations' });
    assert.equal(tag(await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Integrations', PERMISSIONNAME: 'ALLOWAPIAUTH' }), 'RESULTMSG'), 'Permission Added');
    assert.equal(tag(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Integrations', USERNAME: 'integrator' }), 'RESULTTYPE'), 'API_OK');
  });
  afterEach(() => t.close());

  it('refuses the WebAPI without credentials, with a wrong password, and for a user without ALLOWAPIAUTH', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'authentication required: send HTTP Basic credentials of a user whose role has ALLOWAPIAUTH'],
      [basic('integrator', 'wrong'), 'unknown user or wrong password'],
      [basic('viewer', 's3cret!'), "the user's role lacks ALLOWAPIAUTH"],
    ];
    for (const [authorization, reason] of cases) {
      const response = await get('/webAPI.aspx?type=test&requestid=1', authorization);
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Basic realm="Callwire"');
      assert.equal(await response.text(), `${reason}\n`);
    }
  });

  it('serves the WebAPI to a user with ALLOWAPIAUTH, and /healthz to anyone', async () => {
    const response = await get('/webAPI.aspx?type=test&requestid=3', basic('integrator', 's3cret!'));
    assert.equal(response.status, 200);
    assert.equal(tag(await response.text(), 'RESULTTYPE'), 'API_OK');
    assert.equal((await get('/healthz')).status, 200);
  });

  it('refuses a WebSocket event client without credentials and accepts one with them', async () => {
    await assert.rejects(EventSocketClient.open(`ws://127.0.0.1:${t.webPort}/events`), /401/);
    const ws = await EventSocketClient.open(`ws://127.0.0.1:${t.webPort}/events`, { headers: { Authorization: basic('integrator', 's3cret!') } });
    try {
      await send(client, 'CALLSTART', { DEVICEID: '42' });
      const [event] = await ws.next(1);
      assert.equal(tag(event!, 'EVENTTYPE'), 'CALLSTART');
    } finally {
      ws.close();
    }
  });
});
