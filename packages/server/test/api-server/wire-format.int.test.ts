import assert from 'node:assert/strict';
import { InTestRecorder } from '../support/in-test-recorder.js';
import { request, send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, testRequest } from '../support/xml-client.js';

/**
 * Clients read each reply and event up to CRLF: a CR inside a value (sent as
 * `&#13;`, echoed back; a plugin's data) must not end the message early.
 */
describe('XML API messages hold no CRLF before their end (real sockets, a real host)', () => {
  let host: TestHost;
  before(async () => {
    host = await startTestHost();
    host.addCore(new InTestRecorder(1));
  });
  after(() => host.close());

  it('a reply echoing a value with CR LF in it is still one message, and the next reply is the next message', async () => {
    const client = await host.client();
    await client.write('<REQUEST><TYPE>NO&#13;&#10;PE</TYPE><REQUESTID>1</REQUESTID></REQUEST>\r\n' + testRequest(2));
    const [unknown, next] = await client.read(2);
    assert.equal(tag(unknown!, 'RESULTCODE'), '10');
    assert.equal(tag(unknown!, 'RESULTMSG'), 'unknown message type NO&#13;\nPE');
    assert.equal(tag(next!, 'REQUESTID'), '2');
  });

  it('an event carrying a value with CR LF is one message on the TCP event proxy', async () => {
    const subscriber = await host.client();
    assert.equal(tag(await send(subscriber, 'EVENTS', { EVENTCLASS: 'CALL' }), 'RESULTTYPE'), 'API_OK');
    const client = await host.client();
    await client.write(request('CALLSTART', 3, { DEVICEID: '4501' }).replace('</REQUEST>', '<USER1>line one&#13;&#10;line two</USER1></REQUEST>'));
    assert.equal(tag((await client.read())[0]!, 'RESULTTYPE'), 'API_OK');
    const [event] = await subscriber.read();
    assert.equal(tag(event!, 'EVENTTYPE'), 'CALLSTART');
    assert.match(event!, /<\/CALLCOPYEVENT>$/);
    assert.match(event!, /line one&#13;\nline two/);
    await subscriber.write(testRequest(4));
    assert.equal(tag((await subscriber.read())[0]!, 'REQUESTID'), '4', 'nothing left over from the event');
  });
});
