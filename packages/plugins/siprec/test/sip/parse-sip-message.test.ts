import { strict as assert } from 'node:assert';
import { fixtureMessages } from '../fixtures/siprec-fixtures.js';
import { parseSipMessage, serializeSipMessage, SipParseError, splitMultipart, type SipRequest } from '../../src/sip/index.js';

const CRLF = '\r\n';
const asRequest = (text: string) => parseSipMessage(Buffer.from(text)) as SipRequest;

describe('sip/parseSipMessage', () => {
  for (const { name, bytes } of fixtureMessages()) {
    it(`parses fixture ${name}`, () => {
      const message = parseSipMessage(bytes) as SipRequest;
      assert.equal(message.kind, 'request');
      assert.match(message.method, /^(INVITE|UPDATE|BYE|ACK)$/);
      assert.ok(message.headers.get('Call-ID'), 'Call-ID');
      assert.ok(message.headers.list('Via').length >= 1, 'Via');
      assert.equal(message.body.length, Number(message.headers.get('Content-Length') ?? 0));
    });
  }

  for (const { name, bytes } of fixtureMessages()) {
    const message = parseSipMessage(bytes) as SipRequest;
    const type = message.headers.get('Content-Type') ?? '';
    if (!/^multipart\//i.test(type) || !['INVITE', 'UPDATE'].includes(message.method)) continue;
    it(`splits the multipart body of fixture ${name}`, () => {
      const parts = splitMultipart(type, message.body);
      assert.ok(parts.length >= 2, `${parts.length} parts`);
      const types = parts.map((p) => p.contentType);
      assert.ok(types.includes('application/sdp'), types.join(','));
      const sdp = parts.find((p) => p.contentType === 'application/sdp')!;
      assert.match(sdp.body.toString(), /^v=0\r\n/);
      assert.ok(types.some((t) => t.startsWith('application/rs-metadata') || t === 'application/ +xml'), types.join(','));
    });
  }

  for (const { name, bytes } of fixtureMessages().slice(0, 20)) {
    it(`serializes fixture ${name} back to a message that parses the same`, () => {
      const message = parseSipMessage(bytes);
      const again = parseSipMessage(serializeSipMessage(message));
      assert.deepEqual(again.headers.entries(), message.headers.entries());
      assert.deepEqual(again.body, message.body);
      assert.deepEqual({ ...again, headers: undefined }, { ...message, headers: undefined });
    });
  }

  it('reads compact header forms as their full names, case-insensitively', () => {
    const message = asRequest(
      ['INVITE sip:srs@h SIP/2.0', 'v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1', 'f: <sip:a@h>;tag=1', 't: <sip:b@h>', 'i: abc@h', 'CSEQ: 1 INVITE', 'm: <sip:a@10.0.0.1>', 'k: timer', 's: hello', 'c: application/sdp', 'l: 4', '', 'v=0\r'].join(CRLF) + '\n',
    );
    assert.equal(message.headers.get('Call-ID'), 'abc@h');
    assert.equal(message.headers.get('call-id'), 'abc@h');
    assert.equal(message.headers.get('From'), '<sip:a@h>;tag=1');
    assert.equal(message.headers.get('to'), '<sip:b@h>');
    assert.equal(message.headers.get('Contact'), '<sip:a@10.0.0.1>');
    assert.equal(message.headers.get('Supported'), 'timer');
    assert.equal(message.headers.get('Subject'), 'hello');
    assert.equal(message.headers.get('Content-Type'), 'application/sdp');
    assert.equal(message.headers.get('cseq'), '1 INVITE');
    assert.equal(message.body.toString(), 'v=0\r');
  });

  it('joins folded header lines and lists multiple values across lines and commas', () => {
    const message = asRequest(
      [
        'OPTIONS sip:srs@h SIP/2.0',
        'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1,',
        '  SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK2',
        'Via: SIP/2.0/TCP 10.0.0.3;branch=z9hG4bK3',
        'From: "Smith, John" <sip:a@h>',
        '\t;tag=9',
        'To: <sip:b@h>',
        'Call-ID: x',
        'CSeq: 7 OPTIONS',
        '',
        '',
      ].join(CRLF),
    );
    assert.equal(message.headers.get('From'), '"Smith, John" <sip:a@h> ;tag=9');
    assert.deepEqual(message.headers.list('Via'), [
      'SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1',
      'SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK2',
      'SIP/2.0/TCP 10.0.0.3;branch=z9hG4bK3',
    ]);
    assert.equal(message.headers.getAll('Via').length, 2);
    assert.equal(message.body.length, 0);
  });

  it('reads a status line', () => {
    const response = parseSipMessage(Buffer.from(`SIP/2.0 487 Request Terminated${CRLF}Content-Length: 0${CRLF}${CRLF}`));
    assert.equal(response.kind, 'response');
    assert.equal(response.kind === 'response' && response.status, 487);
    assert.equal(response.kind === 'response' && response.reason, 'Request Terminated');
  });

  const garbage: [string, string, RegExp][] = [
    ['empty datagram', '\r\n\r\n', /empty SIP message/],
    ['random text', 'hello world, this is not SIP\r\n\r\n', /bad request line/],
    ['bad version', 'INVITE sip:a@h HTTP/1.1\r\n\r\n', /bad SIP version "HTTP\/1.1"/],
    ['bad Request-URI', 'INVITE nowhere SIP/2.0\r\n\r\n', /bad Request-URI "nowhere"/],
    ['bad status line', 'SIP/2.0 OK\r\n\r\n', /bad status line/],
    ['header without colon', 'OPTIONS sip:a@h SIP/2.0\r\nVia SIP/2.0/UDP h\r\n\r\n', /bad header line "Via SIP\/2.0\/UDP h"/],
    ['missing mandatory headers', 'OPTIONS sip:a@h SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n', /OPTIONS request without From, To, Call-ID, CSeq/],
    ['bad CSeq', request('CSeq: one INVITE'), /bad CSeq "one INVITE"/],
    ['bad Content-Length', request('Content-Length: ten'), /bad Content-Length "ten"/],
    ['short body', request('Content-Length: 100') + 'v=0\r\n', /Content-Length 100 but only 5 body bytes/],
    ['binary', '\x00\x01\x02\xff\xfe INVITE\r\n\r\n', /bad request line/],
  ];
  for (const [title, text, message] of garbage) {
    it(`rejects ${title} with a SipParseError saying what was wrong`, () => {
      assert.throws(() => parseSipMessage(Buffer.from(text, 'latin1')), (error: unknown) => error instanceof SipParseError && message.test(error.message));
    });
  }

  it('keeps the headers it read on the error, so a 400 can be built', () => {
    try {
      parseSipMessage(Buffer.from(request('CSeq: one INVITE')));
      assert.fail('parsed');
    } catch (error) {
      assert.ok(error instanceof SipParseError);
      assert.equal(error.headers?.get('Call-ID'), 'bad@h');
    }
  });
});

function request(extra: string): string {
  return ['INVITE sip:a@h SIP/2.0', 'Via: SIP/2.0/UDP h;branch=z9hG4bK1', 'From: <sip:a@h>;tag=1', 'To: <sip:b@h>', 'Call-ID: bad@h', extra.startsWith('CSeq') ? extra : 'CSeq: 1 INVITE', ...(extra.startsWith('CSeq') ? [] : [extra]), '', ''].join(CRLF);
}
