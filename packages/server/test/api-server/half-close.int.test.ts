import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { request } from '../support/test-host.js';
import { tag, XmlClient } from '../support/xml-client.js';
import { HalfOpenClient, startCallwire, type RunningCallwire } from './process-probe.js';

const recorder = fileURLToPath(new URL('../../../test/fixtures/plugins/metadata-recorder.mjs', import.meta.url));

/**
 * A client that sends its requests and then shuts down its sending side
 * (FIN), as `socat` and `nc -N` do at the end of their input, then reads
 * until the server ends the connection.
 */
async function sendAndHalfClose(port: number, text: string): Promise<HalfOpenClient> {
  const client = await HalfOpenClient.open(port);
  await client.write(text);
  client.end();
  await client.waitEnded();
  return client;
}

describe('XML API clients that half-close after their last request (a real callwire process)', function () {
  this.timeout(60000);
  let callwire: RunningCallwire;
  let lister: XmlClient;

  before(async () => {
    callwire = await startCallwire(`plugins:\n  - use: ${recorder}\n    options: { coreIdent: 1 }\n`);
    lister = await XmlClient.open(callwire.api);
  });
  after(async () => {
    lister.close();
    assert.equal(await callwire.stop(), 0);
  });

  const ask = async (type: string, params: Record<string, string>): Promise<string> => {
    await lister.write(request(type, 900, params));
    return (await lister.read())[0]!;
  };

  it('CALLSTART, then CALLSTOP, each on its own half-closed connection: both answered, then the server ends the connection; the call happened', async () => {
    const started = await sendAndHalfClose(callwire.api, request('CALLSTART', 1, { DEVICEID: '5101', ANI: '6145551212' }));
    assert.deepEqual(started.replies().map((r) => [tag(r, 'REQUESTTYPE'), tag(r, 'REQUESTID'), tag(r, 'RESULTTYPE')]), [['CALLSTART', '1', 'API_OK']]);
    assert.equal(tag(await ask('DEVICESTATUS', { DEVICEID: '5101' }), 'RESULTTYPE'), 'API_OK');
    const stopped = await sendAndHalfClose(callwire.api, request('CALLSTOP', 2, { DEVICEID: '5101' }));
    assert.deepEqual(stopped.replies().map((r) => [tag(r, 'REQUESTTYPE'), tag(r, 'REQUESTID'), tag(r, 'RESULTTYPE')]), [['CALLSTOP', '2', 'API_OK']]);
    const again = await sendAndHalfClose(callwire.api, request('CALLSTOP', 3, { DEVICEID: '5101' }));
    assert.notEqual(tag(again.replies()[0]!, 'RESULTTYPE'), 'API_OK', 'the call was stopped by the first CALLSTOP');
  });

  it('IMPORTUSER ADD with a PASSWORD (hashed asynchronously) on a half-closed connection is answered; the user exists', async () => {
    const client = await sendAndHalfClose(callwire.api, request('IMPORTUSER', 4, { ACTION: 'ADD', FIRSTNAME: 'Half', LASTNAME: 'Closed', USERNAME: 'half.closed', PASSWORD: 'Secret-123456' }));
    const [reply] = client.replies();
    assert.equal(tag(reply!, 'REQUESTID'), '4');
    assert.equal(tag(reply!, 'RESULTTYPE'), 'API_OK', reply);
    assert.match(await ask('IMPORTUSER', { ACTION: 'LIST' }), /<LAST_NAME>Closed<\/LAST_NAME>/);
  });

  it('a pipeline of 40 requests, sync and async, then FIN: every one answered in order before the server ends the connection', async () => {
    let text = '';
    for (let i = 0; i < 10; i++) {
      const device = String(5200 + i);
      text += request('CALLSTART', 4 * i, { DEVICEID: device }) + request('TEST', 4 * i + 1) + request('CALLSTOP', 4 * i + 2, { DEVICEID: device }) + request('DEVICESTATUS', 4 * i + 3, { DEVICEID: device });
    }
    const client = await sendAndHalfClose(callwire.api, text);
    const replies = client.replies();
    assert.deepEqual(replies.map((r) => Number(tag(r, 'REQUESTID'))), Array.from({ length: 40 }, (_, i) => i));
    assert.ok(replies.filter((r) => /CALLSTART|CALLSTOP/.test(tag(r, 'REQUESTTYPE')!)).every((r) => tag(r, 'RESULTTYPE') === 'API_OK'));
  });

  it('a document cut short by the FIN is answered 16 rather than dropped silently', async () => {
    const client = await sendAndHalfClose(callwire.api, request('TEST', 5) + '<REQUEST><TYPE>TEST</TYPE>');
    assert.deepEqual(client.replies().map((r) => tag(r, 'RESULTCODE')), ['20', '16']);
    assert.match(tag(client.replies()[1]!, 'RESULTMSG')!, /stream ended before the document did/);
  });
});
