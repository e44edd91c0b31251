import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { TOKENS, type Storage } from '@callwire/core';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { selfSignedCertificate } from '../support/self-signed.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('WebAPI', function () {
  this.timeout(20000);
  let t: TestHost;
  const get = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${t.webPort}${path}`, init);

  beforeEach(async () => {
    t = await startTestHost();
    t.addCore(new InTestRecorder(1));
  });
  afterEach(() => t.close());

  it('answers POST /Webapi.aspx?requestid=17&type=test exactly as the real product did', async () => {
    const response = await get('/Webapi.aspx?requestid=17&type=test', { method: 'POST' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/xml/);
    const expected = readFileSync(new URL('../../../../core/test/fixtures/wfo-replies/webapi-test.xml', import.meta.url), 'utf8');
    assert.equal(await response.text(), expected);
  });

  it('matches /webAPI.aspx and /webAPI.php in any casing; another path is 404', async () => {
    for (const path of ['/webAPI.aspx', '/WEBAPI.ASPX', '/webapi.php', '/WebAPI.php']) {
      assert.equal(tag(await (await get(`${path}?type=TEST&requestid=1`)).text(), 'RESULTTYPE'), 'API_OK', path);
    }
    assert.equal((await get('/webAPI.asp?type=TEST&requestid=1')).status, 404);
  });

  it('runs the manual\'s callupdate URL verbatim against a call in progress, like the TCP API', async () => {
    await send(await t.client(), 'CALLSTART', { DEVICEID: '200' });
    const response = await get('/webAPI.aspx?type=callupdate&requestid=18213567&deviceid=200&user9=SpecialCall&user10=10121968&keepdays=3650');
    const reply = await response.text();
    assert.equal(tag(reply, 'REQUESTTYPE'), 'CALLUPDATE');
    assert.equal(tag(reply, 'REQUESTID'), '18213567');
    assert.equal(tag(reply, 'RESULTMSG'), 'CALLUPDATE sent to all of the following cores: 1');
    await send(await t.client(), 'CALLSTOP', { DEVICEID: '200' });
    const row = await t.host.container.get<Storage>(TOKENS.Storage).recordings.lastForDevice('200');
    assert.deepEqual([row?.user9, row?.user10, row?.keepdays], ['SpecialCall', '10121968', 3650]);
  });

  it('takes parameters from a form body too, and answers a bad one with the same code the TCP door gives', async () => {
    const form = await get('/webAPI.aspx', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'type=CALLSTART&requestid=5&devicealias=NOBODY' });
    assert.equal(tag(await form.text(), 'RESULTCODE'), '8');
    assert.equal(tag(await (await get('/webAPI.aspx?type=test&requestid=-1')).text(), 'RESULTCODE'), '14');
    assert.equal(tag(await (await get('/webAPI.aspx?type=nosuch&requestid=1')).text(), 'RESULTCODE'), '10');
  });

  it('joins a parameter repeated in the same casing into one comma-separated value', async () => {
    const reply = await (await get('/webAPI.aspx?type=CALLSTART&requestid=1&deviceid=1234&deviceid=5555')).text();
    assert.equal(tag(reply, 'RESULTTYPE'), 'API_OK');
    const status = await send(await t.client(), 'DEVICESTATUS', { DEVICEID: '1234,5555' });
    assert.equal(tag(status, 'DEVICEID'), '1234,5555');
  });

  it('refuses the same parameter in two casings: "parameters must be unique but duplicates were found"', async () => {
    const reply = await (await get('/webAPI.aspx?type=CALLSTART&requestid=1&deviceid=1234&DEVICEID=5555')).text();
    assert.equal(tag(reply, 'RESULTMSG'), 'parameters must be unique but duplicates were found');
    assert.equal(tag(reply, 'RESULTTYPE'), 'API_PARAMETERS_INVALID');
  });

  it('reaches every function of the TCP API by type=', async () => {
    for (const type of ['TEST', 'DEVICELIST', 'SYSTEMSTATUS', 'CHANNELS', 'STATIONS', 'FETCHTERMINOLOGY', 'CALLLIST']) {
      assert.equal(tag(await (await get(`/webAPI.aspx?type=${type}&requestid=1`)).text(), 'RESULTTYPE'), 'API_OK', type);
    }
    const events = await (await get('/webAPI.aspx?type=events&requestid=1&eventclass=ALL')).text();
    assert.equal(tag(events, 'RESULTCODE'), '44', 'EVENTS needs a persistent connection');
  });
});

describe('WebAPI over HTTPS', function () {
  this.timeout(20000);
  it('serves the same functions on the TLS port with the configured certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callwire-tls-'));
    const { cert, key } = selfSignedCertificate(dir);
    const t = await startTestHost({ server: { tls: { port: 0, cert, key } } });
    try {
      const port = t.host.addresses.tls!.port;
      const body = await new Promise<string>((resolve, reject) => {
        httpsRequest({ host: '127.0.0.1', port, path: '/webAPI.aspx?type=test&requestid=9', ca: readFileSync(cert) }, (response) => {
          let text = '';
          response.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
        }).on('error', reject).end();
      });
      assert.equal(tag(body, 'REQUESTID'), '9');
      assert.equal(tag(body, 'RESULTTYPE'), 'API_OK');
    } finally {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
