import { strict as assert } from 'node:assert';
import { fixtureMessages } from '../fixtures/siprec-fixtures.js';
import { parseSipMessage, SipParseError, StreamFramer, type SipRequest } from '../../src/sip/index.js';

const fixtures = fixtureMessages().slice(0, 6);
const stream = Buffer.concat(fixtures.map((f) => f.bytes));

describe('sip/StreamFramer', () => {
  it('cuts back-to-back messages in one chunk at their Content-Length', () => {
    const frames = new StreamFramer().push(stream);
    assert.equal(frames.length, fixtures.length);
    frames.forEach((frame, i) => assert.deepEqual(frame, fixtures[i]!.bytes.subarray(0, frame.length)));
    assert.deepEqual(
      frames.map((f) => (parseSipMessage(f) as SipRequest).headers.get('Call-ID')),
      fixtures.map((f) => (parseSipMessage(f.bytes) as SipRequest).headers.get('Call-ID')),
    );
  });

  it('reassembles messages split at every byte', () => {
    const framer = new StreamFramer();
    const frames: Buffer[] = [];
    for (let i = 0; i < stream.length; i++) frames.push(...framer.push(stream.subarray(i, i + 1)));
    assert.equal(frames.length, fixtures.length);
    assert.equal(framer.pending, 0);
  });

  it('skips CRLF keep-alives between messages', () => {
    const framer = new StreamFramer();
    assert.deepEqual(framer.push(Buffer.from('\r\n\r\n')), []);
    const frames = framer.push(Buffer.concat([fixtures[0]!.bytes, Buffer.from('\r\n\r\n\r\n'), fixtures[1]!.bytes]));
    assert.equal(frames.length, 2);
    assert.equal(framer.pending, 0);
  });

  it('holds an incomplete body until the rest arrives', () => {
    const framer = new StreamFramer();
    const message = Buffer.from('OPTIONS sip:a@h SIP/2.0\r\nContent-Length: 4\r\n\r\nab');
    assert.deepEqual(framer.push(message), []);
    const [frame] = framer.push(Buffer.from('cdOPTIONS'));
    assert.equal(frame!.toString().slice(-4), 'abcd');
    assert.equal(framer.pending, 'OPTIONS'.length);
  });

  const refused: [string, string, RegExp, number?][] = [
    ['a message without Content-Length', 'OPTIONS sip:a@h SIP/2.0\r\nCall-ID: x\r\n\r\n', /without Content-Length/],
    ['a bad Content-Length', 'OPTIONS sip:a@h SIP/2.0\r\nContent-Length: -1\r\n\r\n', /bad Content-Length "-1"/],
    ['a message over the size limit', 'OPTIONS sip:a@h SIP/2.0\r\nContent-Length: 5000\r\n\r\n', /over the 1024-byte limit/, 1024],
    ['a header section over the size limit', `OPTIONS sip:a@h SIP/2.0\r\nX: ${'a'.repeat(2000)}`, /header section over 1024 bytes/, 1024],
    ['garbage as soon as its first line is in', 'GET / HTTP/1.1\r\n', /not a SIP start line: "GET \/ HTTP\/1.1\?"/],
  ];
  for (const [title, text, message, limit] of refused) {
    it(`refuses ${title} with a SipParseError`, () => {
      const framer = new StreamFramer(limit);
      assert.throws(() => framer.push(Buffer.from(text)), (error: unknown) => error instanceof SipParseError && message.test(error.message));
    });
  }
});
