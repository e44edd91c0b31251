import assert from 'node:assert/strict';
import { readRecordingSession, type RecordingSession } from '../../src/metadata/index.js';
import { fixtureFiles, fixtureMessages } from '../fixtures/siprec-fixtures.js';
import { splitMessage } from './split-fixture.js';

/** The session read from one fixture message. */
function sessionOf(name: string): RecordingSession {
  const file = fixtureMessages().find((f) => f.name === name);
  assert.ok(file, `fixture ${name}`);
  return readRecordingSession(splitMessage(file.bytes));
}

/** Participants as [aor, name, role, sends, receives] rows, for exact comparison. */
const rows = (session: RecordingSession) => session.participants.map((p) => [p.aor, p.name, p.role, p.sends, p.receives]);

describe('metadata: exact values, one sample per dialect', () => {
  it('rfc7865 (Avaya SBCE): AORs, label 10 on m-line 0, UCID decoded from User-to-User, label 20 without m-line reported', () => {
    const session = sessionOf('avaya-sbce_inbound_01-invite.sip');
    assert.equal(session.dialect, 'rfc7865');
    assert.equal(session.sessionId, '00FA080001000758A20EFA');
    assert.equal(session.callIds.ucid, '00001000071487015674');
    assert.deepEqual(rows(session), [
      ['sip:13035381001@10.64.110.65', undefined, undefined, ['10'], []],
      ['sip:ASBCE@asbce.com', undefined, undefined, [], []],
    ]);
    assert.deepEqual(session.streams.map((s) => [s.id, s.label, s.mLineIndex]), [['0ccc2d78b71d8a1ea1c7', '10', 0], ['', '20', undefined]]);
    assert.deepEqual(session.warnings, ['metadata stream label 20 has no m-line']);
  });

  it('rfc7865 (RFC 7865 sec. 8.1): names, send/recv of four labelled streams', () => {
    const xml = fixtureFiles('metadata', '.xml').find((f) => f.name === 'rfc7865_s8.1_complete-snapshot.xml')!.bytes.toString();
    const session = readRecordingSession({ metadata: xml });
    assert.equal(session.sessionId, 'hVpd7YQgRW2nD22h7q60JQ==');
    assert.equal(session.callIds.sipSessionId, 'ab30317f1a784dc48ff824d0d3715d86');
    assert.deepEqual(rows(session), [
      ['sip:bob@biloxi.com', 'Bob', undefined, ['97', '96'], ['98', '99']],
      ['sip:Paul@biloxi.com', 'Paul', undefined, ['98', '99'], ['96', '97']],
    ]);
  });

  it('draft-acme (Avaya through an Acme SBC): apkt:ucid decoded, callingParty roles, the CS Call-ID', () => {
    const session = sessionOf('avaya-acme-sbc_offer_invite.sip');
    assert.equal(session.dialect, 'draft-acme');
    assert.equal(session.association, 'participant-send');
    assert.equal(session.callIds.ucid, '04099475671585313765');
    assert.equal(session.callIds.csCallId, '134485702_44821128@10.10.128.62');
    assert.deepEqual(rows(session), [
      ['sip:31624895902@10.10.128.62', '31624895902', 'caller', ['201835599'], []],
      ['sip:33187164021@sip.webhelpgroupe.lan', '33187164021', 'callee', ['201835600'], []],
    ]);
    assert.deepEqual(session.streams.map((s) => s.mLineIndex), [0, 1]);
  });

  it('draft-acme (Oracle): a stream id no <stream> declares and an m-line the metadata lacks are both reported', () => {
    const session = sessionOf('oracle-sbc_basic-outbound_01-invite.sip');
    assert.deepEqual(session.participants.map((p) => p.sends), [['16777227'], ['lSdEQtpcQkpX8s6RZAnC6A==']]);
    assert.deepEqual(session.streams.map((s) => [s.label, s.declared]), [['16777227', true], ['1', false], [undefined, false]]);
    assert.equal(session.warnings.length, 2);
  });

  it('draft-siprec-bw (BroadWorks): <aor> elements, three senders of one mixed stream, extTrackingID, roles from callType', () => {
    const session = sessionOf('broadworks_3way-call-1_03-update-metadata.sip');
    assert.equal(session.dialect, 'draft-siprec-bw');
    assert.equal(session.callIds.extTrackingId, 'tracking-id-broadworks-3way-call-1-4242@127.0.0.1');
    assert.deepEqual(rows(session), [
      ['sip:86074075017412@cloudcalling-e.onestreamnetworks.com', undefined, 'caller', ['1'], []],
      ['sip:8101@10.21.0.216;user=phone', undefined, 'callee', ['1'], []],
      ['86074075017701@cloudcalling-e.onestreamnetworks.com', undefined, undefined, ['1'], []],
    ]);
    assert.equal(session.streams[0]!.senders.length, 3);
  });

  it('draft-siprec-bw (Webex): Session-ID header, label 2 without m-line', () => {
    const session = sessionOf('cisco-webex_inbound_01-invite.sip');
    assert.equal(session.callIds.sipSessionId, '0f5caed7c9f446dfbbd7fec8ada2666d');
    assert.deepEqual(session.participants.map((p) => [p.aor, p.sends]), [
      ['sip:kculs9klre@44936045.int10.bcld.webex.com', ['1']],
      ['sip:7711@10.155.7.148;user=phone', ['2']],
    ]);
    assert.deepEqual(session.warnings, ['metadata stream label 2 has no m-line']);
  });

  it('metaswitch: bare-number AORs (with the stray "]"), each party sends and receives the mixed stream', () => {
    const session = sessionOf('metaswitch_22b-voicemail_01-invite.sip');
    assert.equal(session.dialect, 'metaswitch');
    assert.deepEqual(rows(session), [
      ['7602922410]', '7602922410]', 'caller', ['1'], ['1']],
      ['7603213210', '7603213210', undefined, ['1'], ['1']],
    ]);
  });

  it('metaswitch: an AOR with a trailing space is trimmed', () => {
    const session = sessionOf('metaswitch_02b-attended-xfer-callB_02-reinvite.sip');
    assert.deepEqual(session.participants.map((p) => p.aor), ['7602922410', '7602922412']);
  });

  it('sonus: tns: prefixed elements, callData call id, caller/callee from fromhdr/tohdr, a blank name is no name', () => {
    const session = sessionOf('sonus-sbc_offer_invite.sip');
    assert.equal(session.dialect, 'sonus');
    assert.equal(session.callIds.csCallId, '2da553f7-a48b-1235-d6a2-5254003a4988');
    assert.deepEqual(rows(session), [
      ['2249888500@172.16.198.55', 'Extension 8500', 'caller', ['2'], ['1']],
      ['2249888012@172.16.195.72', undefined, 'callee', ['1'], ['2']],
    ]);
  });

  it('cisco-bib: x-refci / x-farendrefci, Cisco-Guid, the far-end leg sends the ACK SDP m-line', () => {
    const invite = sessionOf('cisco-bib_farend_01-invite-nosdp.sip');
    assert.equal(invite.dialect, 'cisco-bib');
    assert.equal(invite.callIds.ciscoGuid, '0648881792-0000065536-0000001647-0185272330');
    assert.equal(invite.callIds.refci, '82731258');
    assert.equal(invite.callIds.farEndRefci, '82730980');
    assert.deepEqual(invite.streams, []);
    const ack = sessionOf('cisco-bib_farend_02-ack-sdp.sip');
    assert.equal(ack.association, 'dialog-leg');
    assert.deepEqual(rows(ack), [
      ['4062', 'Janice Holland', 'near-end', [], []],
      ['8172710497', undefined, 'far-end', ['m-line:0'], []],
    ]);
    assert.deepEqual(sessionOf('cisco-bib_nearend_02-ack-sdp.sip').participants.map((p) => p.sends), [['m-line:0'], []]);
    assert.equal(sessionOf('cisco-bib_farend_03-bye.sip').dialect, 'cisco-bib', 'the "x-farrend" typo is tolerated');
  });

  it('cisco-nbr: parties from X-Cisco-Recording-Participant by media-index; index 1 has no m-line and is reported', () => {
    const session = sessionOf('cisco-cube-nbr_normal_01-invite-sdp.sip');
    assert.equal(session.dialect, 'cisco-nbr');
    assert.equal(session.callIds.ciscoGuid, 'cisco-cube-nbr-normal-4242@127.0.0.1-GUID');
    assert.deepEqual(session.participants.map((p) => [p.aor, p.sends]), [['sip:2164485925@ccf.org', ['m-line:0']], ['sip:20053@10.144.106.41', ['m-line:1']]]);
    assert.deepEqual(session.warnings, ['participant media-index:1 refers to stream m-line:1, which is not declared']);
  });

  it('none: From/To as caller/callee, streams by m-line order, and the result says so', () => {
    const session = sessionOf('cisco_non-siprec-sdp_invite.sip');
    assert.equal(session.dialect, 'none');
    assert.equal(session.association, 'm-line-order');
    assert.deepEqual(rows(session), [
      ['sip:src@127.0.0.1:5060', undefined, 'caller', ['1'], []],
      ['sip:srs@127.0.0.1:5080', undefined, 'callee', ['1'], []],
    ]);
    assert.match(session.warnings[0]!, /m-line order/);
  });

  it('rfc7865 without associations (Connectel): participant N gets stream N, association m-line-order', () => {
    const session = sessionOf('connectel_offer-1_invite.sip');
    assert.equal(session.association, 'm-line-order');
    assert.deepEqual(session.participants.map((p) => [p.aor, p.sends]), [['sip:0771121212@52.57.92.239', ['1']], ['sip:0760516936@sip-cust1.connectel.io', ['2']]]);
  });

  it('the Avaya SBCE BYE (no body) still yields the UCID and Call-ID from its headers', () => {
    const session = sessionOf('avaya-sbce_inbound_03-bye.sip');
    assert.equal(session.dialect, 'none');
    assert.equal(session.callIds.ucid, '00001000071487015674');
  });
});
