import assert from 'node:assert/strict';
import type { ApiServer } from '../../src/api-server/api-server.js';
import { apiOk, FIELD_LIMITS, type ApiCommand } from '@callwire/core';
import { startApiServer } from '../support/api-server-fixture.js';
import { tag, testRequest, XmlClient } from '../support/xml-client.js';

/** A function added the way plugins add them, checked against CALLSTART's field table. */
class CallFieldsEcho implements ApiCommand {
  readonly type = 'CALLFIELDSECHO';
  readonly fields = FIELD_LIMITS['CALLSTART'];
  handle() {
    return apiOk();
  }
}

describe('XML API server over TCP', () => {
  let server: ApiServer;
  let port: number;
  const clients: XmlClient[] = [];
  const open = async (): Promise<XmlClient> => {
    const client = await XmlClient.open(port);
    clients.push(client);
    return client;
  };

  before(async () => ({ server, port } = await startApiServer({ maxMessageBytes: 4096 }, [new CallFieldsEcho()])));
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  after(() => server.close());

  describe('framing', () => {
    it('answers the manual TEST example sent over several lines', async () => {
      const client = await open();
      await client.write('<REQUEST>\r\n  <TYPE>TEST</TYPE>\r\n  <REQUESTID>1</REQUESTID>\r\n</REQUEST>\r\n');
      const [reply] = await client.read();
      assert.equal(reply, '<RESULT>\n\t<REQUESTTYPE>TEST</REQUESTTYPE>\n\t<REQUESTID>1</REQUESTID>\n\t<RESULTTYPE>API_OK</RESULTTYPE>\n\t<RESULTCODE>20</RESULTCODE>\n\t<RESULTMSG>API_OK</RESULTMSG>\n</RESULT>');
    });

    it('assembles a request that arrives one byte at a time, including a split multi-byte character', async () => {
      const client = await open();
      const bytes = Buffer.from('<REQUEST><TYPE>ECHO-NONE</TYPE><REQUESTID>2</REQUESTID><USER1>café</USER1></REQUEST>\r\n', 'utf8');
      for (const byte of bytes) await client.write(Buffer.from([byte]));
      const [reply] = await client.read();
      assert.equal(tag(reply!, 'REQUESTID'), '2');
      assert.equal(tag(reply!, 'RESULTTYPE'), 'API_UNKNOWN_MESSAGE_TYPE');
    });

    it('answers several requests merged into one packet, in order', async () => {
      const client = await open();
      await client.write(testRequest(3) + testRequest(4) + '<REQUEST><TYPE>TEST</TYPE><REQUESTID>5</REQUESTID></REQUEST>' + testRequest(6));
      const replies = await client.read(4);
      assert.deepEqual(replies.map((r) => tag(r, 'REQUESTID')), ['3', '4', '5', '6']);
    });

    it('splits at arbitrary points across packets', async () => {
      const client = await open();
      const stream = testRequest(7) + testRequest(8) + testRequest(9);
      const cuts = [0, 5, 40, 61, 100, 150, stream.length];
      for (let i = 1; i < cuts.length; i++) await client.write(stream.slice(cuts[i - 1], cuts[i]));
      assert.deepEqual((await client.read(3)).map((r) => tag(r, 'REQUESTID')), ['7', '8', '9']);
    });

    it('skips an XML declaration and a comment before the root', async () => {
      const client = await open();
      await client.write('<?xml version="1.0"?>\r\n<!-- a <REQUEST> in a comment -->');
      await client.write(testRequest(10));
      const [reply] = await client.read();
      assert.equal(tag(reply!, 'RESULTTYPE'), 'API_OK');
      assert.equal(tag(reply!, 'REQUESTID'), '10');
    });
  });

  describe('bad input', () => {
    it('answers API_INVALID_MESSAGE_FORMAT (16) for malformed XML and stays usable', async () => {
      const client = await open();
      await client.write('<REQUEST><TYPE>TEST</TYP><REQUESTID>11</REQUESTID></REQUEST>\r\n' + testRequest(12));
      const [bad, good] = await client.read(2);
      assert.equal(tag(bad!, 'RESULTCODE'), '16');
      assert.equal(tag(bad!, 'RESULTMSG'), 'malformed XML: end tag &lt;/TYP&gt; does not match &lt;TYPE&gt;');
      assert.equal(tag(good!, 'REQUESTID'), '12');
    });

    it('answers 16 once for a document whose root end tag is misspelled, at the end of its line', async () => {
      const client = await open();
      await client.write('<REQUEST>\r\n<TYPE>TEST</TYPE>\r\n<REQUESTID>13</REQUESTID>\r\n</REQUST>\r\n' + testRequest(14));
      assert.deepEqual((await client.read(2)).map((r) => tag(r, 'RESULTCODE')), ['16', '20']);
    });

    it('answers 16 for a document cut short and then serves the next request', async () => {
      const client = await open();
      await client.write('<REQUEST><TYPE>TEST</TYPE><REQUESTID>15</REQUESTID>\r\n' + testRequest(16));
      const [cut, next] = await client.read(2);
      assert.equal(tag(cut!, 'RESULTMSG'), '&lt;REQUEST&gt; was not closed before the next &lt;REQUEST&gt; began');
      assert.equal(tag(next!, 'REQUESTID'), '16');
      assert.equal(tag(next!, 'RESULTCODE'), '20');
    });

    it('answers 16 for text outside any element, and for a stray end tag', async () => {
      const client = await open();
      await client.write('hello there\r\n</REQUEST>\r\n' + testRequest(13));
      const replies = await client.read(3);
      assert.deepEqual(replies.map((r) => tag(r, 'RESULTCODE')), ['16', '16', '20']);
      assert.match(tag(replies[0]!, 'RESULTMSG')!, /text outside of any element/);
    });

    it('answers 14 for a missing, non-numeric, negative or too large REQUESTID', async () => {
      const client = await open();
      const ids = ['', '<REQUESTID>x1</REQUESTID>', '<REQUESTID>-5</REQUESTID>', '<REQUESTID>2147483648</REQUESTID>'];
      await client.write(ids.map((id) => `<REQUEST><TYPE>TEST</TYPE>${id}</REQUEST>\r\n`).join(''));
      assert.deepEqual((await client.read(4)).map((r) => tag(r, 'RESULTCODE')), ['14', '14', '14', '14']);
    });

    it('answers 10 for an unknown type and 49 for a deprecated one', async () => {
      const client = await open();
      await client.write('<REQUEST><TYPE>NOPE</TYPE><REQUESTID>1</REQUESTID></REQUEST><REQUEST><TYPE>IMPORTAGENT</TYPE><REQUESTID>2</REQUESTID></REQUEST>');
      const [unknown, deprecated] = await client.read(2);
      assert.equal(tag(unknown!, 'RESULTCODE'), '10');
      assert.equal(tag(deprecated!, 'RESULTCODE'), '49');
      assert.equal(tag(deprecated!, 'RESULTMSG'), 'IMPORTAGENT is not supported (deprecated in version 5.0); use IMPORTUSER instead');
    });

    it('refuses an over-long field with 59 naming the field and its limit', async () => {
      const client = await open();
      await client.write(`<REQUEST><TYPE>CALLFIELDSECHO</TYPE><REQUESTID>1</REQUESTID><DEVICEALIAS>${'9'.repeat(16)}</DEVICEALIAS></REQUEST>\r\n`);
      const [reply] = await client.read();
      assert.equal(tag(reply!, 'RESULTCODE'), '59');
      assert.equal(tag(reply!, 'RESULTMSG'), 'DEVICEALIAS is 16 characters; the limit is 15 (char(15))');
    });

    it('refuses a message over the size limit without keeping it, then serves the next request', async () => {
      const client = await open();
      await client.write(`<REQUEST><TYPE>TEST</TYPE><REQUESTID>1</REQUESTID><USER4>`);
      const filler = 'x'.repeat(1024);
      for (let i = 0; i < 64; i++) await client.write(filler);
      const [refused] = await client.read();
      assert.equal(tag(refused!, 'RESULTCODE'), '16');
      assert.equal(tag(refused!, 'RESULTMSG'), 'message exceeds the limit of 4096 bytes');
      await client.write(`</USER4></REQUEST>\r\n${testRequest(2)}`);
      const [next] = await client.read();
      assert.equal(tag(next!, 'REQUESTID'), '2');
      assert.equal(tag(next!, 'RESULTTYPE'), 'API_OK');
    });

    it('does not disturb other clients while one sends garbage', async () => {
      const noisy = await open();
      const quiet = await open();
      await noisy.write(Buffer.from([0x00, 0xff, 0x3c, 0x3c, 0x3e, 0x0a, 0x26, 0x3c, 0x2f, 0x3e]));
      await quiet.write(testRequest(77));
      assert.equal(tag((await quiet.read())[0]!, 'REQUESTID'), '77');
      await noisy.write(`\r\n${testRequest(78)}`);
      const replies = await noisy.read(3);
      assert.deepEqual(replies.map((r) => tag(r, 'RESULTCODE')), ['16', '16', '20']);
      assert.equal(tag(replies[2]!, 'REQUESTID'), '78');
    });
  });

  it('answers 200 concurrent clients, each pipelining 50 requests, every reply in order', async () => {
    const many = await Promise.all(Array.from({ length: 200 }, () => open()));
    await Promise.all(
      many.map(async (client, c) => {
        const ids = Array.from({ length: 50 }, (_, i) => c * 1000 + i);
        await client.write(ids.map(testRequest).join(''));
        const replies = await client.read(50, 15000);
        assert.deepEqual(replies.map((r) => Number(tag(r, 'REQUESTID'))), ids);
        assert.ok(replies.every((r) => tag(r, 'RESULTCODE') === '20'));
      }),
    );
  });
});

describe('XML API server limits', () => {
  it('answers API_TOO_MANY_CLIENTS (48) to the client over the limit and closes it', async () => {
    const { server, port } = await startApiServer({ maxClients: 2 });
    const first = await XmlClient.open(port);
    const second = await XmlClient.open(port);
    const third = await XmlClient.open(port);
    try {
      const [refusal] = await third.read();
      assert.equal(tag(refusal!, 'RESULTCODE'), '48');
      await third.waitClosed();
      await first.write(testRequest(1));
      assert.equal(tag((await first.read())[0]!, 'RESULTCODE'), '20');
    } finally {
      [first, second, third].forEach((c) => c.close());
      await server.close();
    }
  });

  it('closes a connection idle for longer than the idle timeout', async () => {
    const { server, port } = await startApiServer({ idleTimeoutSeconds: 0.2 });
    const client = await XmlClient.open(port);
    try {
      await client.write(testRequest(1));
      await client.read();
      await client.waitClosed(3000);
    } finally {
      client.close();
      await server.close();
    }
  });
});

describe('XML API server address allow list', () => {
  it('refuses a client outside server.allow with 44 and serves one inside it', async () => {
    const refused = await startApiServer({ allow: ['10.0.0.0/8', '::1'] });
    const allowed = await startApiServer({ allow: ['10.0.0.0/8', '127.0.0.0/8'] });
    const outside = await XmlClient.open(refused.port);
    const inside = await XmlClient.open(allowed.port);
    try {
      const [refusal] = await outside.read();
      assert.equal(tag(refusal!, 'RESULTCODE'), '44');
      assert.equal(tag(refusal!, 'RESULTMSG'), 'address 127.0.0.1 is not in server.allow');
      await outside.waitClosed();
      await inside.write(testRequest(1));
      assert.equal(tag((await inside.read())[0]!, 'RESULTCODE'), '20');
    } finally {
      outside.close();
      inside.close();
      await refused.server.close();
      await allowed.server.close();
    }
  });
});
