import { strict as assert } from 'node:assert';
import { buildResponse, parseSipMessage, parseVia, responseTarget, stampVia, transactionKey, type SipRequest } from '../../src/sip/index.js';

const invite = parseSipMessage(
  Buffer.from(
    [
      'INVITE sip:srs@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK-a;rport=40000;received=192.0.2.1',
      'Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-b',
      'Record-Route: <sip:proxy@10.0.0.5;lr>',
      'From: "A" <sip:a@h>;tag=from-1',
      'To: <sip:srs@127.0.0.1>',
      'Call-ID: c-1',
      'CSeq: 5 INVITE',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  ),
) as SipRequest;

describe('sip/buildResponse and Via', () => {
  it('copies Via, From, Call-ID, CSeq and Record-Route, adds the To tag, Contact and body', () => {
    const ok = buildResponse(invite, 200, { toTag: 't1', contact: '<sip:srs@127.0.0.1:5070>', body: 'v=0\r\n', contentType: 'application/sdp' });
    assert.equal(ok.reason, 'OK');
    assert.deepEqual(ok.headers.getAll('Via'), invite.headers.getAll('Via'));
    assert.equal(ok.headers.get('From'), '"A" <sip:a@h>;tag=from-1');
    assert.equal(ok.headers.get('To'), '<sip:srs@127.0.0.1>;tag=t1');
    assert.equal(ok.headers.get('CSeq'), '5 INVITE');
    assert.equal(ok.headers.get('Record-Route'), '<sip:proxy@10.0.0.5;lr>');
    assert.equal(ok.headers.get('Contact'), '<sip:srs@127.0.0.1:5070>');
    assert.equal(ok.headers.get('Content-Length'), '5');
  });

  it('puts no To tag on 100 Trying, no Record-Route on a 4xx, and keeps a To tag already there', () => {
    assert.equal(buildResponse(invite, 100, { toTag: 't1' }).headers.get('To'), '<sip:srs@127.0.0.1>');
    assert.equal(buildResponse(invite, 486, { toTag: 't1' }).headers.get('Record-Route'), undefined);
    const tagged = { ...invite, headers: invite.headers.clone().set('To', '<sip:srs@h>;tag=old') };
    assert.equal(buildResponse(tagged, 200, { toTag: 'new' }).headers.get('To'), '<sip:srs@h>;tag=old');
  });

  it('sends UDP responses to received and rport (RFC 3581), else to sent-by or 5060', () => {
    assert.deepEqual(responseTarget(parseVia(invite.headers.list('Via')[0]!)!), { address: '192.0.2.1', port: 40000 });
    assert.deepEqual(responseTarget(parseVia('SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK-b')!), { address: '10.0.0.1', port: 5060 });
    assert.deepEqual(responseTarget(parseVia('SIP/2.0/UDP [2001:db8::1]:5070;branch=z9hG4bK-c')!), { address: '2001:db8::1', port: 5070 });
    assert.equal(parseVia('not a via'), undefined);
  });

  it('stamps received and rport on a Via as the request arrives', () => {
    assert.equal(stampVia('SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK-x', { address: '192.0.2.7', port: 33333 }), 'SIP/2.0/UDP 10.0.0.1:5060;rport=33333;branch=z9hG4bK-x;received=192.0.2.7');
    assert.equal(stampVia('SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-x', { address: '10.0.0.1', port: 5060 }), 'SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-x');
  });

  it('keys an INVITE, its ACK and its CANCEL to one transaction, by branch or by the RFC 2543 fields', () => {
    for (const branch of ['z9hG4bK-a', 'no-cookie']) {
      const inv = { ...invite, headers: invite.headers.clone().set('Via', `SIP/2.0/UDP 10.0.0.9:5062;branch=${branch}`) };
      const ack = { ...inv, method: 'ACK', headers: inv.headers.clone().set('To', '<sip:srs@127.0.0.1>;tag=t1').set('CSeq', '5 ACK') };
      const cancel = { ...inv, method: 'CANCEL', headers: inv.headers.clone().set('CSeq', '5 CANCEL') };
      assert.equal(transactionKey(ack), transactionKey(inv), branch);
      assert.equal(transactionKey(cancel, 'INVITE'), transactionKey(inv), branch);
      assert.notEqual(transactionKey(cancel), transactionKey(inv), branch);
    }
  });
});
