import assert from 'node:assert/strict';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { request, send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/**
 * Issue 14 (6): with auth.required, the WebAPI checks scrypt passwords. A
 * flood of wrong passwords must not hold up other clients: the hashes run in
 * a bounded pool, the queue past its bound is refused at once (503), and an
 * address with repeated failures is refused without a hash for a while (429).
 */
describe('auth.required: a flood of wrong passwords on the WebAPI', function () {
  this.timeout(120_000);
  let t: TestHost;
  let client: XmlClient;
  const get = (path: string, authorization: string) => fetch(`http://127.0.0.1:${t.webPort}${path}`, { headers: { Authorization: authorization } });

  beforeEach(async () => {
    t = await startTestHost({ auth: { required: true } });
    t.addCore(new InTestRecorder(1, 64));
    client = await t.client();
    assert.equal(tag(await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: 'integrator', PASSWORD: 's3cret!', FIRSTNAME: 'Ida', LASTNAME: 'Example' }), 'RESULTTYPE'), 'API_OK');
    await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Integrations' });
    await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Integrations', PERMISSIONNAME: 'ALLOWAPIAUTH' });
    assert.equal(tag(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Integrations', USERNAME: 'integrator' }), 'RESULTTYPE'), 'API_OK');
  });
  afterEach(() => t.close());

  it('keeps answering another client\'s CALLSTART and CALLSTOP over TCP while 150 wrong-password requests come in at once', async () => {
    const flood = Array.from({ length: 150 }, async (_, i) => {
      // half of them for a user that exists, half for users that do not
      const response = await get(`/webAPI.aspx?type=test&requestid=${i}`, basic(i % 2 === 0 ? 'integrator' : `nobody${i}`, `guess${i}`));
      return { status: response.status, text: await response.text() };
    });
    const calls: string[] = [];
    for (let i = 0; i < 20; i++) {
      await client.write(request('CALLSTART', 2 * i, { DEVICEID: `70${i}` }) + request('CALLSTOP', 2 * i + 1, { DEVICEID: `70${i}` }));
      // waiting for the replies, however long they take: what is checked is that they come, and are API_OK
      calls.push(...(await client.read(2, 100_000)));
    }
    assert.deepEqual(calls.map((reply) => tag(reply, 'RESULTTYPE')), Array(40).fill('API_OK'));
    assert.deepEqual(calls.map((reply) => tag(reply, 'REQUESTTYPE')), Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'CALLSTART' : 'CALLSTOP')));

    const answers = await Promise.all(flood);
    const byStatus = new Map<number, number>();
    for (const { status } of answers) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    assert.deepEqual([...byStatus.keys()].filter((status) => ![401, 429, 503].includes(status)), [], `every request is refused: ${JSON.stringify([...byStatus])}`);
    assert.ok((byStatus.get(401) ?? 0) > 0, 'some were checked and found wrong');
    assert.ok((byStatus.get(429) ?? 0) > 0, 'the address was made to wait after repeated failures');
    for (const { status, text } of answers) {
      if (status === 401) assert.equal(text, 'unknown user or wrong password\n', 'an unknown user and a wrong password get the same answer');
      if (status === 429) assert.match(text, /^too many failed logins from 127\.0\.0\.1; retry in \d+ s\n$/);
      if (status === 503) assert.equal(text, 'the server is busy checking other passwords; retry in a second\n');
    }
  });

  it('makes an address wait after six failures in a row, even with the right password, answering at once', async () => {
    for (let i = 0; i < 6; i++) {
      const response = await get('/webAPI.aspx?type=test&requestid=1', basic(i % 2 === 0 ? 'integrator' : 'nobody', 'wrong'));
      assert.equal(response.status, 401, `failure ${i + 1} is checked`);
      await response.text();
    }
    const blocked = await get('/webAPI.aspx?type=test&requestid=2', basic('integrator', 's3cret!'));
    assert.equal(blocked.status, 429);
    assert.equal(blocked.headers.get('retry-after'), '1', 'Retry-After says when');
    assert.match(await blocked.text(), /^too many failed logins from 127\.0\.0\.1; retry in 1 s\n$/);
    // the TCP API, which takes no credentials, is not affected
    assert.equal(tag(await send(client, 'TEST'), 'RESULTTYPE'), 'API_OK');
  });
});
