import assert from 'node:assert/strict';
import { EventSocketClient } from '../support/event-socket-client.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * Issue 14 (7): a browser page of any site could open /events (with the
 * user's credentials, which browsers send along). A request's Origin must be
 * the web port's own, or one configured in server.web.origins; a request
 * without one (not a browser) may connect.
 */
describe('/events checks the Origin of browser clients', function () {
  this.timeout(20000);
  let t: TestHost;
  const open = (origin?: string, headers: Record<string, string> = {}) =>
    EventSocketClient.open(`ws://127.0.0.1:${t.webPort}/events`, { headers: { ...headers, ...(origin === undefined ? {} : { Origin: origin }) } });
  const opens = async (origin?: string, headers?: Record<string, string>) => {
    const client = await open(origin, headers);
    client.close();
  };
  afterEach(() => t.close());

  describe('with server.web.origins', () => {
    beforeEach(async () => (t = await startTestHost({ server: { web: { origins: ['https://crm.example.com', 'http://wallboard.example.com:8080'] } } })));

    it('accepts no Origin, the web port\'s own origin, and a configured one (in any casing, default port or not)', async () => {
      await opens();
      await opens(`http://127.0.0.1:${t.webPort}`);
      await opens('https://crm.example.com');
      await opens('HTTPS://CRM.example.com:443');
      await opens('http://wallboard.example.com:8080');
    });

    it('refuses any other Origin with 403 and a one-line reason', async () => {
      for (const origin of ['https://evil.example', 'null', `https://127.0.0.1:${t.webPort}`, `http://127.0.0.1:${t.webPort + 1}`, 'http://wallboard.example.com', 'not a url']) {
        await assert.rejects(open(origin), (err: { status?: number; body?: string }) => {
          assert.equal(err.status, 403, origin);
          assert.equal(err.body, `origin ${origin} may not open this event stream; add it to server.web.origins to allow its pages\n`);
          return true;
        });
      }
    });

    it('a client let in still gets its events', async () => {
      const ws = await open('https://crm.example.com');
      try {
        await send(await t.client(), 'CALLSTART', { DEVICEID: '42' });
        const [event] = await ws.next(1);
        assert.equal(tag(event!, 'EVENTTYPE'), 'CALLSTART');
      } finally {
        ws.close();
      }
    });
  });

  it('without server.web.origins accepts only the own origin; with auth.required a foreign page is refused even with credentials', async () => {
    t = await startTestHost({ auth: { required: true } });
    const client = await t.client();
    await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: 'integrator', PASSWORD: 's3cret!', FIRSTNAME: 'Ida', LASTNAME: 'Example' });
    await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Integrations' });
    await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Integrations', PERMISSIONNAME: 'ALLOWAPIAUTH' });
    await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Integrations', USERNAME: 'integrator' });
    const credentials = { Authorization: basic('integrator', 's3cret!') };
    await assert.rejects(open('https://crm.example.com', credentials), (err: { status?: number }) => err.status === 403);
    await opens(`http://127.0.0.1:${t.webPort}`, credentials);
    await opens(undefined, credentials);
  });
});
