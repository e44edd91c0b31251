import assert from 'node:assert/strict';
import { AnswerOrigin, planAnswer, readOffer, SdpError, writeAnswer, type AnswerPlan } from '../../src/sdp/index.js';
import { fixtureSdp } from './sdp-parts.js';

const sdp = (...lines: string[]) => [...lines, ''].join('\r\n');
const session = ['v=0', 'o=- 1 1 IN IP4 10.0.0.1', 's=-', 'c=IN IP4 10.0.0.1', 't=0 0'];

/** The answer with receiver ports 46000, 46002, ... by m-line index. */
function answer(plan: AnswerPlan, origin = new AnswerOrigin('192.0.2.9', '3900000000')): string {
  const ports = new Map(plan.accepted.map((s) => [s.offered.index, 46000 + 2 * s.offered.index]));
  return writeAnswer(plan, { origin: origin.next(), address: '192.0.2.9', ports });
}

describe('siprec SDP: the answer', () => {
  it('answers RFC 7866 figure 5 recvonly per audio stream with its label and port, video refused with port 0', () => {
    const text = answer(planAnswer(readOffer(fixtureSdp('rfc7866_fig5_src-offer-audio-video.sdp'))));
    assert.equal(
      text,
      sdp(
        'v=0', 'o=callwire 3900000000 3900000000 IN IP4 192.0.2.9', 's=-', 'c=IN IP4 192.0.2.9', 't=0 0',
        'm=audio 46000 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=recvonly', 'a=label:1',
        'm=video 0 RTP/AVP 98', 'a=label:2',
        'm=audio 46004 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=recvonly', 'a=label:3',
        'm=video 0 RTP/AVP 98', 'a=label:4',
      ),
    );
  });

  it('answers Avaya SBCE with PCMU and telephone-event/101 with its fmtp, G.729 left out', () => {
    const text = answer(planAnswer(readOffer(fixtureSdp('avaya-sbce_inbound_01-invite.sip'))));
    assert.match(text, /\r\nm=audio 46000 RTP\/AVP 0 101\r\na=rtpmap:0 PCMU\/8000\r\na=rtpmap:101 telephone-event\/8000\r\na=fmtp:101 0-15\r\na=recvonly\r\na=label:10\r\n$/);
  });

  it('picks the first recorded codec in the offer order: PCMA for Procomm, PCMU over opus and G.722 for Webex, G.722 over PCMU for Metaswitch', () => {
    const names = (name: string) => planAnswer(readOffer(fixtureSdp(name))).accepted.map((s) => `${s.codec.name} ${s.telephoneEvent?.payloadType ?? '-'}`);
    assert.deepEqual(names('procomm-sems_offer_invite.sip'), ['PCMA -', 'PCMA -']);
    assert.deepEqual(names('cisco-webex_inbound_01-invite.sip'), ['PCMU 101']);
    assert.deepEqual(names('connectel_offer-1_invite.sip'), ['PCMU 101', 'PCMA 101']);
    assert.deepEqual(names('metaswitch_10a-g722_01-invite.sip'), ['G722 101']);
  });

  it('answers an inactive stream inactive, and keeps its port for the resume', () => {
    const plan = planAnswer(readOffer(fixtureSdp('cisco-cube-siprec_inactive-offer_invite.sip')));
    assert.deepEqual(plan.accepted.map((s) => [s.offered.label, s.direction]), [['1', 'inactive'], ['2', 'inactive']]);
    assert.match(answer(plan), /m=audio 46000 RTP\/AVP 0 101\r\na=rtpmap:0 PCMU\/8000\r\na=rtpmap:101 telephone-event\/8000\r\na=fmtp:101 0-16\r\na=inactive\r\na=label:1/);
  });

  it('gives port 0 to a removed stream and to an SRTP stream, echoes rtcp-mux', () => {
    const plan = planAnswer(readOffer(sdp(...session,
      'm=audio 0 RTP/AVP 8', 'a=label:1',
      'm=audio 4002 RTP/SAVP 0', 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR', 'a=label:2',
      'm=audio 4004 RTP/AVP 8', 'a=rtcp-mux', 'a=label:3')));
    assert.deepEqual(plan.streams.map((s) => (s.accepted ? s.codec.name : s.reason)), ['removed', 'srtp', 'PCMA']);
    const text = answer(plan);
    assert.match(text, /m=audio 0 RTP\/AVP 8\r\na=label:1\r\nm=audio 0 RTP\/SAVP 0\r\na=label:2\r\nm=audio 46004 RTP\/AVP 8\r\na=rtpmap:8 PCMA\/8000\r\na=recvonly\r\na=rtcp-mux\r\na=label:3\r\n$/);
  });

  it('refuses (no-codec) an offer with audio but no codec the SRS records: G.729 only, SRTP only', () => {
    const offer = readOffer(sdp(...session, 'm=audio 4000 RTP/AVP 18', 'a=rtpmap:18 G729/8000'));
    assert.throws(() => planAnswer(offer), (e: unknown) => e instanceof SdpError && e.problem === 'no-codec' && /offered: RTP\/AVP G729/.test(e.message));
    assert.throws(() => planAnswer(readOffer(sdp(...session, 'm=audio 4000 RTP/SAVP 0'))), (e: unknown) => e instanceof SdpError && e.problem === 'no-codec');
  });

  it('bumps the o= version with each new answer in a dialog, session id kept', () => {
    const origin = new AnswerOrigin('192.0.2.9', '3900000000');
    const plan = planAnswer(readOffer(fixtureSdp('avaya-sbce_inbound_01-invite.sip')));
    const lines = [answer(plan, origin), answer(plan, origin), answer(plan, origin)].map((t) => t.split('\r\n')[1]);
    assert.deepEqual(lines, [
      'o=callwire 3900000000 3900000000 IN IP4 192.0.2.9',
      'o=callwire 3900000000 3900000001 IN IP4 192.0.2.9',
      'o=callwire 3900000000 3900000002 IN IP4 192.0.2.9',
    ]);
  });

  it('writes IP6 for an IPv6 address, and names the stream a port is missing for', () => {
    const plan = planAnswer(readOffer(fixtureSdp('avaya-sbce_inbound_01-invite.sip')));
    const text = writeAnswer(plan, { origin: new AnswerOrigin('::1', '5').next(), address: '::1', ports: new Map([[0, 46000]]) });
    assert.match(text, /o=callwire 5 5 IN IP6 ::1\r\ns=-\r\nc=IN IP6 ::1\r\n/);
    assert.throws(() => writeAnswer(plan, { origin: new AnswerOrigin('::1', '5').next(), address: '::1', ports: new Map() }), /stream 0 \(label 10\)/);
  });
});
