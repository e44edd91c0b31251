import { strict as assert } from 'node:assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRecordingSession } from '../../src/metadata/index.js';
import { AnswerOrigin, planAnswer, readOffer, writeAnswer } from '../../src/sdp/index.js';
import { splitMultipart } from '../../src/sip/index.js';
import { NgError } from './ng-client.js';
import { haveRtpengine, startRtpengine, type RunningRtpengine } from './rtpengine-process.js';
import { RtpEndpoint } from './rtp-endpoint.js';
import { answerFork, forkToRecorder } from './siprec-fork.js';
import { siprecInviteBody } from './siprec-invite-body.js';
import { startToneCall, type ToneCall } from './tone-call.js';
import { peakLevel, toneFrequency } from './tone-frequency.js';

const REQUIRED = process.env['CALLWIRE_REQUIRE_RTPENGINE'] === '1';
/** A real `subscribe request` SDP (flags SIPREC, all) from rtpengine 10.5.3.5 (Debian 12), kept as it came. */
const FIXTURE = fileURLToPath(new URL('../../../test/rtpengine/subscribe-request-siprec.sdp', import.meta.url));
const A_TONE = 440;
const B_TONE = 1000;

function assertTone(endpoint: RtpEndpoint, frequency: number, what: string): void {
  const audio = endpoint.decodedAudio();
  const heard = toneFrequency(audio);
  assert.ok(Math.abs(heard - frequency) < frequency * 0.03, `${what} heard ${heard.toFixed(1)} Hz over ${audio.length} samples, not ${frequency} Hz`);
  assert.ok(peakLevel(audio) > 6000, `${what} is too quiet (peak ${peakLevel(audio)}) for a tone sent at 8000`);
}

describe('rtpengine as the SIPREC media forker (real rtpengine, userspace, 127.0.0.1)', function () {
  this.timeout(30000);
  let dir: string;
  let rtpengine: RunningRtpengine | undefined;
  let call: ToneCall | undefined;
  const recorderPorts: RtpEndpoint[] = [];

  before(function () {
    if (!haveRtpengine() && !REQUIRED) {
      console.log('      (skipped: rtpengine is not installed; apt-get install rtpengine-daemon, or set CALLWIRE_REQUIRE_RTPENGINE=1 to make this a failure)');
      this.skip();
    }
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'callwire-rtpengine-'));
    rtpengine = await startRtpengine({ dir });
  });
  afterEach(async function () {
    call?.close();
    for (const port of recorderPorts.splice(0)) port.close();
    await rtpengine?.stop();
    if (this.currentTest?.state === 'failed') console.log(`      rtpengine log kept in ${dir}`);
    else await rm(dir, { recursive: true, force: true });
    [rtpengine, call] = [undefined, undefined];
  });

  it("a call's two legs through rtpengine, `subscribe request` with SIPREC, its SDP in a SIPREC INVITE body, and each participant's tone at the recorder port of the stream the metadata says it sends", async () => {
    const { ng } = rtpengine!;
    call = await startToneCall(ng, { aTone: A_TONE, bTone: B_TONE });
    assertTone(call.phoneA, B_TONE, 'phone A (through rtpengine)');
    assertTone(call.phoneB, A_TONE, 'phone B (through rtpengine)');

    const fork = await forkToRecorder(ng, call.callId);
    assert.deepEqual(fork.streams.map((s) => s.fromTag).sort(), [call.fromTag, call.toTag], 'one stream per leg');
    const invite = siprecInviteBody(fork, [
      { fromTag: call.fromTag, aor: 'sip:alice@example.com', name: 'Alice' },
      { fromTag: call.toTag, aor: 'sip:bob@example.com', name: 'Bob' },
    ]);

    // The SRS's side, with the siprec package's own readers: split the body, read the offer and the metadata.
    const parts = splitMultipart(invite.contentType, Buffer.from(invite.body));
    const offer = readOffer(parts.find((p) => p.contentType === 'application/sdp')!.body.toString('utf8'));
    assert.equal(offer.audio.length, 2, `two audio streams expected:\n${fork.sdp}`);
    for (const stream of offer.audio) {
      assert.equal(stream.direction, 'sendonly');
      assert.ok(stream.label !== undefined, `m-line ${stream.index} has no a=label`);
      assert.deepEqual(stream.codecs.map((c) => c.name), ['PCMU']);
    }
    const session = readRecordingSession({
      metadata: parts.find((p) => p.contentType === 'application/rs-metadata+xml')!.body.toString('utf8'),
      mediaLines: offer.streams.map((s) => ({ label: s.label })),
    });
    assert.equal(session.dialect, 'rfc7865');
    assert.equal(session.association, 'participantstreamassoc');

    // The recorder answers as the SRS will (the package's answer planning and writing), one UDP port per m-line.
    const ports = new Map<number, number>();
    const portOfLabel = new Map<string, RtpEndpoint>();
    for (const stream of offer.audio) {
      const port = await RtpEndpoint.open();
      recorderPorts.push(port);
      ports.set(stream.index, port.port);
      portOfLabel.set(stream.label!, port);
    }
    const recorderSdp = writeAnswer(planAnswer(offer), { origin: new AnswerOrigin('127.0.0.1', '1').next(), address: '127.0.0.1', ports });
    await answerFork(ng, fork, recorderSdp);

    await Promise.all(recorderPorts.map((port) => port.until(25)));
    const sentBy = (aor: string): RtpEndpoint => {
      const [label] = session.participants.find((p) => p.aor === aor)!.sends;
      return portOfLabel.get(label!)!;
    };
    assertTone(sentBy('sip:alice@example.com'), A_TONE, "the recorder port of Alice's stream");
    assertTone(sentBy('sip:bob@example.com'), B_TONE, "the recorder port of Bob's stream");

    await ng.delete(call.callId);
  });

  it("rtpengine's refusal comes back as an NgError with its reason: `subscribe request` for a call it does not know", async () => {
    await assert.rejects(forkToRecorder(rtpengine!.ng, 'no-such-call'), (err: unknown) => err instanceof NgError && /subscribe request: Unknown call-id/i.test(err.message));
    await rtpengine!.ng.ping(); // and it goes on serving
  });
});

describe('the kept subscribe-request SDP of rtpengine 10.5', () => {
  it('reads as two sendonly PCMU streams labelled 1 and 0, as the SRS offer reader sees it', async () => {
    const offer = readOffer(await readFile(FIXTURE, 'utf8'));
    assert.deepEqual(
      offer.streams.map((s) => [s.label, s.direction, s.codecs.map((c) => c.name).join()]),
      [
        ['1', 'sendonly', 'PCMU'],
        ['0', 'sendonly', 'PCMU'],
      ],
    );
  });
});
