import assert from 'node:assert/strict';
import { compareOffers, readOffer } from '../../src/sdp/index.js';
import { fixtureSdp } from './sdp-parts.js';

/** The changes from fixture `from` to fixture `to`, as `kind label` (plus codecs for a codec change). */
function changes(from: string, to: string): string[] {
  return compareOffers(readOffer(fixtureSdp(from)), readOffer(fixtureSdp(to))).map((c) =>
    c.kind === 'codec-changed' ? `${c.kind} ${c.stream.label} ${c.from?.name ?? '-'}>${c.to?.name ?? '-'}` : `${c.kind} ${c.stream.label}`,
  );
}

const sdp = (...media: string[]) => ['v=0', 'o=- 1 1 IN IP4 10.0.0.1', 's=-', 'c=IN IP4 10.0.0.1', 't=0 0', ...media, ''].join('\r\n');

describe('siprec SDP: a re-offer compared with the last offer', () => {
  it('BroadWorks: c=0.0.0.0 pauses, the next re-INVITE resumes', () => {
    assert.deepEqual(changes('broadworks_pause-resume_01-invite.sip', 'broadworks_pause-resume_02-reinvite-sdp-c0.sip'), ['paused 1']);
    assert.deepEqual(changes('broadworks_pause-resume_02-reinvite-sdp-c0.sip', 'broadworks_pause-resume_03-reinvite-sdp.sip'), ['resumed 1']);
  });

  it('Webex: c=0.0.0.0 with a=inactive pauses, the re-INVITE with metadata resumes', () => {
    assert.deepEqual(changes('cisco-webex_outbound-conference_01-invite.sip', 'cisco-webex_outbound-conference_02-reinvite-sdp-c0-inactive.sip'), ['paused 1']);
    assert.deepEqual(changes('cisco-webex_outbound-conference_02-reinvite-sdp-c0-inactive.sip', 'cisco-webex_outbound-conference_03-reinvite.sip'), ['resumed 1']);
  });

  it('Metaswitch hold: a moved port is no change, c=0.0.0.0 pauses, then resumes', () => {
    assert.deepEqual(changes('metaswitch_16g-basic-call-hold_01-invite.sip', 'metaswitch_16g-basic-call-hold_02-reinvite.sip'), []);
    assert.deepEqual(changes('metaswitch_16g-basic-call-hold_02-reinvite.sip', 'metaswitch_16g-basic-call-hold_03-reinvite-c0.sip'), ['paused 1']);
    assert.deepEqual(changes('metaswitch_16g-basic-call-hold_03-reinvite-c0.sip', 'metaswitch_16g-basic-call-hold_04-reinvite.sip'), ['resumed 1']);
  });

  it('Webex blind transfer: the G.722-only re-offer changes the codec from PCMU to G.722, and back', () => {
    assert.deepEqual(changes('cisco-webex_outbound-blind-xfer_01-invite.sip', 'cisco-webex_outbound-blind-xfer_02-reinvite-sdp.sip'), ['codec-changed 1 PCMU>G722']);
    assert.deepEqual(changes('cisco-webex_outbound-blind-xfer_02-reinvite-sdp.sip', 'cisco-webex_outbound-blind-xfer_03-reinvite.sip'), ['codec-changed 1 G722>PCMU']);
  });

  it('an unchanged re-offer (a session refresh) gives no change', () => {
    assert.deepEqual(changes('avaya-sbce_inbound_01-invite.sip', 'avaya-sbce_inbound_01-invite.sip'), []);
  });

  it('a stream added, a codec changed, a stream removed by port 0 and given a port again', () => {
    const one = readOffer(sdp('m=audio 4000 RTP/AVP 0', 'a=sendonly', 'a=label:1'));
    const two = readOffer(sdp('m=audio 4000 RTP/AVP 8 0', 'a=sendonly', 'a=label:1', 'm=audio 4002 RTP/AVP 0', 'a=sendonly', 'a=label:2'));
    const gone = readOffer(sdp('m=audio 4000 RTP/AVP 8 0', 'a=sendonly', 'a=label:1', 'm=audio 0 RTP/AVP 0', 'a=label:2'));
    const kinds = (a: typeof one, b: typeof one) => compareOffers(a, b).map((c) => `${c.kind} ${c.stream.label}`);
    assert.deepEqual(kinds(one, two), ['codec-changed 1', 'added 2']);
    assert.deepEqual(kinds(two, gone), ['removed 2']);
    assert.deepEqual(kinds(gone, two), ['added 2']);
    assert.deepEqual(kinds(two, one), ['codec-changed 1', 'removed 2']);
    assert.deepEqual(kinds(gone, one), ['codec-changed 1']);
  });
});
