import assert from 'node:assert/strict';
import { readOffer, SdpError } from '../../src/sdp/index.js';
import { fixtureSdp } from './sdp-parts.js';

const summary = (name: string) =>
  readOffer(fixtureSdp(name)).streams.map((s) => ({
    media: s.media,
    label: s.label,
    direction: s.direction,
    held: s.held,
    sending: s.sending,
    codecs: s.codecs.map((c) => `${c.payloadType} ${c.name}/${c.rate}`),
    events: s.telephoneEvents.map((c) => `${c.payloadType}/${c.rate}`),
  }));

const sdp = (...lines: string[]) => [...lines, ''].join('\r\n');

describe('siprec SDP: readOffer', () => {
  it('reads RFC 7866 figure 5: two labelled audio streams with static payload types, video kept in place', () => {
    const offer = readOffer(fixtureSdp('rfc7866_fig5_src-offer-audio-video.sdp'));
    assert.deepEqual(offer.streams.map((s) => [s.index, s.media, s.label, s.port]), [
      [0, 'audio', '1', 12240],
      [1, 'video', '2', 22456],
      [2, 'audio', '3', 12242],
      [3, 'video', '4', 22458],
    ]);
    assert.deepEqual(offer.audio.map((s) => s.codecs.map((c) => `${c.payloadType} ${c.name}`)), [['0 PCMU', '4 G723', '8 PCMA'], ['0 PCMU', '4 G723', '8 PCMA']]);
    assert.deepEqual(offer.origin, { username: 'SRC', sessionId: '2890844526', version: '2890844526', address: '198.51.100.1' });
    assert.equal(offer.audio[0]!.address, '198.51.100.1');
  });

  it('reads Avaya SBCE: one sendonly stream, label 10, rtpmap codecs with fmtp, telephone-event/101 apart', () => {
    const [stream] = readOffer(fixtureSdp('avaya-sbce_inbound_01-invite.sip')).streams;
    assert.equal(stream!.label, '10');
    assert.equal(stream!.direction, 'sendonly');
    assert.equal(stream!.sending, true);
    assert.deepEqual(stream!.codecs, [
      { payloadType: 0, name: 'PCMU', rate: 8000 },
      { payloadType: 8, name: 'PCMA', rate: 8000 },
      { payloadType: 18, name: 'G729', rate: 8000, parameters: 'annexb=no' },
    ]);
    assert.deepEqual(stream!.telephoneEvents, [{ payloadType: 101, name: 'TELEPHONE-EVENT', rate: 8000, parameters: '0-15' }]);
  });

  it('reads Procomm SEMS: labels a_leg and b_leg, media-level c=, a=direction:both ignored', () => {
    const offer = readOffer(fixtureSdp('procomm-sems_offer_invite.sip'));
    assert.deepEqual(offer.audio.map((s) => [s.label, s.direction, s.address, s.port]), [
      ['a_leg', 'sendonly', '89.185.131.7', 12654],
      ['b_leg', 'sendonly', '89.185.131.7', 12686],
    ]);
  });

  it('reads Webex hold: c=0.0.0.0 and a=inactive, opus with its channels, two telephone-events, ptime', () => {
    const [stream] = readOffer(fixtureSdp('cisco-webex_outbound-conference_02-reinvite-sdp-c0-inactive.sip')).streams;
    assert.equal(stream!.direction, 'inactive');
    assert.equal(stream!.held, true);
    assert.equal(stream!.sending, false);
    assert.equal(stream!.ptime, 20);
    assert.deepEqual(stream!.codecs[0], { payloadType: 111, name: 'OPUS', rate: 48000, channels: 2, parameters: 'useinbandfec=1' });
    assert.deepEqual(summary('cisco-webex_outbound-conference_02-reinvite-sdp-c0-inactive.sip')[0]!.events, ['101/8000', '107/48000']);
  });

  it('reads BroadWorks hold by c=0.0.0.0 alone (no direction: sendrecv, not sending)', () => {
    assert.deepEqual(summary('broadworks_pause-resume_02-reinvite-sdp-c0.sip'), [
      { media: 'audio', label: '1', direction: 'sendrecv', held: true, sending: false, codecs: ['8 PCMA/8000'], events: [] },
    ]);
  });

  it('reads the Oracle SBC part that holds two SDPs as two audio streams (labels 16777227 and 1)', () => {
    assert.deepEqual(
      summary('oracle-sbc_basic-outbound_01-invite.sip').map((s) => [s.label, s.direction, s.codecs]),
      [
        ['16777227', 'sendonly', ['8 PCMA/8000', '0 PCMU/8000']],
        ['1', 'sendrecv', ['8 PCMA/8000']],
      ],
    );
  });

  it('reads Cisco BiB (no a=label) and a session-level direction', () => {
    assert.equal(summary('cisco-bib_farend_02-ack-sdp.sip')[0]!.label, undefined);
    const offer = readOffer(sdp('v=0', 'o=- 1 1 IN IP4 10.0.0.1', 's=-', 'c=IN IP4 10.0.0.1', 't=0 0', 'a=recvonly', 'm=audio 4000 RTP/AVP 9 0', 'm=audio 4002 RTP/AVP 0', 'a=sendonly'));
    assert.deepEqual(offer.audio.map((s) => [s.direction, s.sending]), [['recvonly', false], ['sendonly', true]]);
    assert.deepEqual(offer.audio[0]!.codecs.map((c) => c.name), ['G722', 'PCMU']);
  });

  it('notes SDES crypto lines and rtcp-mux, and a removed stream (port 0)', () => {
    const offer = readOffer(
      sdp('v=0', 'o=- 1 1 IN IP4 10.0.0.1', 's=-', 'c=IN IP4 10.0.0.1', 't=0 0',
        'm=audio 4000 RTP/SAVP 0', 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32', 'a=rtcp-mux', 'a=sendonly',
        'm=audio 0 RTP/AVP 8', 'a=sendonly'),
    );
    assert.deepEqual(offer.audio[0]!.crypto, [{ tag: 1, suite: 'AES_CM_128_HMAC_SHA1_80' }]);
    assert.equal(offer.audio[0]!.rtcpMux, true);
    assert.equal(offer.audio[1]!.rtcpMux, false);
    assert.deepEqual([offer.audio[1]!.removed, offer.audio[1]!.sending], [true, false]);
  });

  it('refuses an SDP without audio (no-audio) and text that is not SDP (unparseable), naming what was wrong', () => {
    assert.throws(
      () => readOffer(sdp('v=0', 'o=- 1 1 IN IP4 10.0.0.1', 's=-', 'c=IN IP4 10.0.0.1', 't=0 0', 'm=video 4000 RTP/AVP 98')),
      (e: unknown) => e instanceof SdpError && e.problem === 'no-audio' && /m-lines: video/.test(e.message),
    );
    assert.throws(() => readOffer(sdp('v=0', 's=-')), (e: unknown) => e instanceof SdpError && e.problem === 'no-audio' && /none/.test(e.message));
    assert.throws(() => readOffer('<xml/>'), (e: unknown) => e instanceof SdpError && e.problem === 'unparseable');
  });
});
