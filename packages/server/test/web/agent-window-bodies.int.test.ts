import assert from 'node:assert/strict';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag } from '../support/xml-client.js';

/** Issue 14 (13): every bad body of POST /agentwindow is 400 with a one-line reason, never a 500. */
describe('POST /agentwindow with bad bodies', function () {
  this.timeout(20000);
  let t: TestHost;
  const post = (body: string | Buffer | ReadableStream, extra: RequestInit = {}) =>
    fetch(`http://127.0.0.1:${t.webPort}/agentwindow`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, ...extra } as RequestInit);
  before(async () => (t = await startTestHost()));
  after(() => t.close());

  const cases: [string, string | Buffer, string][] = [
    ['null', 'null', 'the body must be a JSON object, not null'],
    ['an array', '[{"computerName":"DESK-1"}]', 'the body must be a JSON object, not an array'],
    ['a number', '42', 'the body must be a JSON object, not a number'],
    ['a string', '"DESK-1"', 'the body must be a JSON object, not a string'],
    ['a boolean', 'true', 'the body must be a JSON object, not a boolean'],
    ['nothing', '', 'the body is empty; send a JSON object'],
    ['invalid JSON', '{nope', 'the body must be a JSON object'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'the body must be UTF-8 JSON'],
    ['no computerName', '{"username":"jsmith"}', 'computerName is required'],
    ['a null computerName', '{"computerName":null}', 'computerName is required'],
    ['a blank computerName', '{"computerName":"   "}', 'computerName is required'],
    ['a numeric computerName', '{"computerName":17}', 'computerName must be a string, not a number'],
    ['an object for a computerName', '{"computerName":{"name":"D"}}', 'computerName must be a string, not an object'],
    ['an array for username', '{"computerName":"D","username":["a","b"]}', 'username must be a string, not an array'],
    ['a number for domain', '{"computerName":"D","domain":5}', 'domain must be a string, not a number'],
    ['a boolean for status', '{"computerName":"D","status":true}', 'status must be a string, not a boolean'],
    ['an object for applicationTitle', '{"computerName":"D","applicationTitle":{}}', 'applicationTitle must be a string, not an object'],
    ['a number for ipAddress', '{"computerName":"D","ipAddress":10}', 'ipAddress must be a string, not a number'],
    ['too big', JSON.stringify({ computerName: 'D', applicationTitle: 'x'.repeat(20_000) }), 'the report is over 16384 bytes'],
  ];
  for (const [label, body, reason] of cases) {
    it(`answers 400 to ${label}: "${reason}"`, async () => {
      const response = await post(body);
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(await response.text(), `${reason}\n`);
    });
  }

  it('answers 400 to a body too big sent without a Content-Length (chunked), and keeps serving', async () => {
    const chunk = new TextEncoder().encode(`{"computerName":"D","applicationTitle":"${'y'.repeat(4096)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await post(stream, { duplex: 'half' } as RequestInit);
    assert.equal(response.status, 400);
    assert.equal(await response.text(), 'the report is over 16384 bytes\n');
    assert.equal((await post('{"computerName":"DESK-2"}')).status, 204);
  });

  it('takes null for a field not known, and ignores keys it does not know', async () => {
    const response = await post(JSON.stringify({ computerName: 'DESK-9', username: 'jsmith', domain: null, status: 'AVAILABLE', color: 'blue' }));
    assert.equal(response.status, 204);
    const reply = await send(await t.client(), 'AGENTWINDOW', { COMPUTERNAME: 'DESK-9' });
    assert.equal(tag(reply, 'RESULTTYPE'), 'API_OK');
    assert.equal(tag(reply, 'STATUS'), 'AVAILABLE');
    assert.equal(tag(reply, 'DOMAIN'), '');
  });
});
