import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peak, readWav, toneShare } from '@callwire/plugin-kit/testing';
import { request, TcpPeer, UdpPeer } from '../sip/sip-test-peer.js';
import { playSession, TONE } from '../support/session-media.js';
import { requireSipp, runSipp, type SippTransport } from '../support/sipp.js';
import { writeSrcScenario } from '../support/sipp-scenario.js';
import { startSiprecHost, type SiprecTestHost } from '../support/siprec-host.js';

const DEVICE = '8638254725';
const MULTIPART = 'multipart/mixed;boundary=b1';
const SDP = ['v=0', 'o=src 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 RTP/AVP 0', 'a=label:1', 'a=sendonly', ''].join('\r\n');
const METADATA = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<recording xmlns="urn:ietf:params:xml:ns:recording:1"><datamode>complete</datamode>',
  '<participant participant_id="p1"><nameID aor="sip:4001@pbx.example.com"/></participant>',
  '<participant participant_id="p2"><nameID aor="sip:+15550001111@carrier.example.com"/></participant>',
  '<stream stream_id="s1"><label>1</label></stream>',
  '<participantstreamassoc participant_id="p2"><send>s1</send></participantstreamassoc>',
  '</recording>',
].join('\r\n');
const multipart = (sdp: string, metadata = METADATA) =>
  `--b1\r\nContent-Type: application/sdp\r\n\r\n${sdp}\r\n--b1\r\nContent-Type: application/rs-metadata+xml\r\nContent-Disposition: recording-session\r\n\r\n${metadata}\r\n--b1--\r\n`;
const INVITE_HEADERS = ['Require: siprec', 'Contact: <sip:src@127.0.0.1>;+sip.src'];

describe('SIPREC session control: hold, CANCEL, refusals', function () {
  this.timeout(90000);
  let t: SiprecTestHost;
  let dir: string;

  before(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-sipp-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => t?.host.close());

  for (const transport of ['udp', 'tcp'] as SippTransport[]) {
    it(`a hold re-INVITE (BroadWorks c=0.0.0.0) over ${transport.toUpperCase()} gives silence for the held span, RECORDINGPAUSED and RECORDINGRESUMED; BYE gives RECORDINGSTOPPED and RECORDINGUPDATE`, async function () {
      requireSipp(this);
      t = await startSiprecHost({ devices: { match: `^${DEVICE}$` } });
      const scenario = writeSrcScenario(dir, `hold-${transport}`, [
        { send: 'broadworks_pause-resume_01-invite.sip' }, { pause: 1000 },
        { send: 'broadworks_pause-resume_02-reinvite-sdp-c0.sip' }, { pause: 1000 },
        { send: 'broadworks_pause-resume_03-reinvite-sdp.sip' }, { pause: 1000 },
        { send: 'broadworks_pause-resume_04-bye.sip' },
      ]);
      const sipp = runSipp(scenario, transport, t.sipPort(transport));
      const media = await playSession(t.core, (check, what, ms) => t.host.waitFor(check, what, ms));
      const run = await sipp;
      assert.equal(run.code, 0, `sipp failed:\n${run.output}`);
      await media.done;
      const updated = await t.host.event('RECORDINGUPDATE', DEVICE, 10000);
      const kinds = t.host.events.filter((e) => e.deviceId === DEVICE && e.type.startsWith('RECORDING')).map((e) => e.type);
      assert.deepEqual(kinds, ['RECORDINGSTARTED', 'RECORDINGPAUSED', 'RECORDINGRESUMED', 'RECORDINGSTOPPED', 'RECORDINGUPDATE']);
      const at = (type: string) => t.host.events.find((e) => e.type === type && e.deviceId === DEVICE)!.at;
      const started = at('RECORDINGSTARTED');
      const [paused, resumed] = [at('RECORDINGPAUSED') - started, at('RECORDINGRESUMED') - started];
      const right = readWav(updated.data['FILENAME']!).samples[1]!;
      const frames = (ms: number) => Math.round(ms * 8);
      // Held: nothing but zeros, though the test's RTP never stopped (the SRC said it would not send).
      assert.equal(peak(right, frames(paused + 100), frames(resumed - paused - 200)), 0, `silent from ${paused} to ${resumed} ms`);
      assert.ok(toneShare(right, frames(200), frames(paused - 400), TONE.device) > 0.8, 'the tone before the hold');
      // After the resume up to a little before the BYE (on a loaded machine the resume may come late, the BYE does not).
      const afterTo = Math.min(resumed + 900, right.length / 8 - 100);
      assert.ok(afterTo - resumed >= 400, `the recording went on ${right.length / 8 - resumed} ms after the resume`);
      assert.ok(toneShare(right, frames(resumed + 200), frames(afterTo - resumed - 200), TONE.device) > 0.8, 'the tone after the hold');
    });
  }

  it('a CANCEL before the answer records nothing: 487 to the INVITE, no call, no recording, every port given back', async () => {
    t = await startSiprecHost({ devices: { match: '^4001$' } });
    const peer = await TcpPeer.open(t.sipPort('tcp'));
    const invite = request({ method: 'INVITE', port: peer.port, transport: 'TCP', callId: 'cancel-1', branch: 'z9hG4bK-c1', extra: [...INVITE_HEADERS, `Content-Type: ${MULTIPART}`], body: multipart(SDP) });
    const cancel = request({ method: 'CANCEL', port: peer.port, transport: 'TCP', callId: 'cancel-1', branch: 'z9hG4bK-c1' });
    // One write: the CANCEL is read before the INVITE could be answered.
    peer.send(invite + cancel);
    const statuses: number[] = [];
    while (!statuses.includes(487)) {
      const response = await peer.next();
      assert.notEqual(response, 'closed');
      if (response !== 'closed') statuses.push(response.status);
    }
    assert.ok(!statuses.includes(200) || statuses.indexOf(200) < statuses.indexOf(487), 'the 200 is the CANCEL\'s');
    peer.send(request({ method: 'ACK', port: peer.port, transport: 'TCP', callId: 'cancel-1', branch: 'z9hG4bK-c1' }));
    // The server goes on: a new session is answered (and ended) after it.
    const next = request({ method: 'INVITE', port: peer.port, transport: 'TCP', callId: 'after-cancel', branch: 'z9hG4bK-c2', extra: [...INVITE_HEADERS, `Content-Type: ${MULTIPART}`], body: multipart(SDP) });
    peer.send(next);
    let answer = await peer.next();
    while (answer !== 'closed' && answer.status < 200) answer = await peer.next();
    assert.ok(answer !== 'closed' && answer.status === 200);
    assert.equal(t.host.events.length, 0, 'no call, no recording');
    assert.deepEqual(await t.host.recordings(), []);
    assert.deepEqual(t.core.sessions().map((s) => s.callId), ['after-cancel'], 'the cancelled session left nothing behind');
    peer.close();
  });

  for (const transport of ['udp', 'tcp'] as const) {
    it(`over ${transport.toUpperCase()}: garbage SIP, a broken multipart, unreadable metadata (an unknown dialect), an SDP without audio and a too-short session timer each get their 4xx, and the server keeps serving`, async () => {
      t = await startSiprecHost({ devices: { match: '^4001$' } });
      const udp = transport === 'udp' ? await UdpPeer.open() : undefined;
      const via = transport === 'udp' ? 'UDP' : 'TCP';
      /** Sends one request and reads its final response: over UDP from one socket, over TCP on a connection of its own (garbage that breaks the framing closes its connection). */
      const exchange = async (message: (port: number) => string): Promise<{ status: number; reason: string }> => {
        const tcp = udp ? undefined : await TcpPeer.open(t.sipPort('tcp'));
        try {
          if (udp) udp.send(message(udp.port), t.sipPort('udp'));
          else tcp!.send(message(tcp!.port));
          for (;;) {
            const response = udp ? await udp.next() : await tcp!.next();
            if (response === 'closed') throw new Error('the server closed the connection without answering');
            if (response.status >= 200) return response;
          }
        } finally {
          tcp?.close();
        }
      };
      const invite = (callId: string, contentType: string, body: string, extra: string[] = []) => (port: number) =>
        request({ method: 'INVITE', port, transport: via, callId, branch: `z9hG4bK-${callId}`, extra: [...INVITE_HEADERS, ...extra, `Content-Type: ${contentType}`], body });
      const cases: [string, (port: number) => string, number, RegExp][] = [
        ['garbage', (port) => invite('garbage', MULTIPART, multipart(SDP))(port).replace('INVITE sip:srs@127.0.0.1 SIP/2.0', 'INVITE sip:srs@127.0.0.1 SIP/2.0 what'), 400, /request line|start line/],
        ['broken multipart', invite('broken', 'multipart/mixed;boundary=nothere', multipart(SDP)), 400, /delimiter/],
        ['unknown dialect', invite('dialect', MULTIPART, multipart(SDP, '<callinfo xmlns="urn:example:vendor"><party/></callinfo>')), 400, /root element <callinfo>/],
        ['no audio', invite('video', MULTIPART, multipart(SDP.replace('m=audio 40000 RTP/AVP 0', 'm=video 40000 RTP/AVP 96'))), 488, /no audio/],
        ['timer too small', invite('timer', MULTIPART, multipart(SDP), ['Session-Expires: 30', 'Supported: timer']), 422, /Too Small/],
      ];
      for (const [what, message, status, reason] of cases) {
        const response = await exchange(message);
        assert.equal(response.status, status, `${what}: ${response.status} ${response.reason}`);
        assert.match(response.reason, reason, `${what}: ${response.status} ${response.reason}`);
      }
      const ok = await exchange(invite('good', MULTIPART, multipart(SDP)));
      assert.equal(ok.status, 200, 'a good INVITE after them is answered');
      assert.deepEqual(t.core.sessions().map((s) => s.callId), ['good'], 'no session was left by the refused ones');
      udp?.close();
    });
  }
});
