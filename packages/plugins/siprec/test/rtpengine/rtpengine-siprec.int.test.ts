import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnswerOrigin, planAnswer, readOffer, writeAnswer } from '../../src/sdp/index.js';
import { haveRtpengine, startRtpengine, type RunningRtpengine } from './rtpengine-process.js';
import { RtpEndpoint } from './rtp-endpoint.js';
import { answerFork, forkToRecorder } from './siprec-fork.js';
import { peakLevel, toneFrequency } from './tone-frequency.js';

const REQUIRED = process.env['CALLWIRE_REQUIRE_RTPENGINE'] === '1';
/** A real `subscribe request` SDP (flags SIPREC, all) from rtpengine 10.5.3.5 (Debian 12), kept as it came. */
const FIXTURE = fileURLToPath(new URL('../../../test/rtpengine/subscribe-request-siprec.sdp', import.meta.url));
/**
 * Below Linux's ephemeral range (32768–60999), so no socket bound to port 0
 * takes one of rtpengine's media ports, and below the packaged daemon's
 * 30000–40000, in case a system rtpengine runs too.
 */
const MEDIA_PORTS: [number, number] = [29000, 29399];
const HOST = '127.0.0.1';
const A_TONE = 440;
const B_TONE = 1000;

/** A phone's SDP: PCMU on `port` of 127.0.0.1, sendrecv. */
function phoneSdp(name: string, port: number): string {
  return ['v=0', `o=${name} 1 1 IN IP4 ${HOST}`, 's=-', `c=IN IP4 ${HOST}`, 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=ptime:20', 'a=sendrecv', ''].join('\r\n');
}

/** Where an SDP rtpengine wrote says to send media: its first audio port on its c= address. */
function mediaTarget(sdp: string): { host: string; port: number } {
  const [stream] = readOffer(sdp).audio;
  assert.ok(stream?.address !== undefined, `no audio address in\n${sdp}`);
  return { host: stream.address, port: stream.port };
}

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
  const endpoints: RtpEndpoint[] = [];

  before(function () {
    if (!haveRtpengine() && !REQUIRED) {
      console.log('      (skipped: rtpengine is not installed; apt-get install rtpengine-daemon, or set CALLWIRE_REQUIRE_RTPENGINE=1 to make this a failure)');
      this.skip();
    }
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'callwire-rtpengine-'));
    rtpengine = await startRtpengine({ dir, portRange: MEDIA_PORTS });
  });
  afterEach(async function () {
    for (const endpoint of endpoints.splice(0)) endpoint.close();
    await rtpengine?.stop();
    if (this.currentTest?.state === 'failed') console.log(`      rtpengine log kept: ${rtpengine?.logFile}`);
    else await rm(dir, { recursive: true, force: true });
    rtpengine = undefined;
  });

  async function endpoint(): Promise<RtpEndpoint> {
    const opened = await RtpEndpoint.open();
    endpoints.push(opened);
    return opened;
  }

  it("a call's two legs through rtpengine, `subscribe request` with SIPREC gives one labelled sendonly stream per leg, and each recorder port receives its leg's tone", async () => {
    const { ng } = rtpengine!;
    const [phoneA, phoneB] = [await endpoint(), await endpoint()];
    const call = { callId: `callwire-${randomBytes(6).toString('hex')}`, fromTag: 'alice-tag' };

    // Offer/answer as a SIP proxy does it: A's offer rewritten for B, B's answer rewritten for A.
    const offerToB = await ng.offer(call, phoneSdp('alice', phoneA.port));
    const answerToA = await ng.answer({ ...call, toTag: 'bob-tag' }, phoneSdp('bob', phoneB.port));
    phoneA.sendTone(mediaTarget(answerToA), A_TONE, 0xa11ce);
    phoneB.sendTone(mediaTarget(offerToB), B_TONE, 0xb0b);
    await Promise.all([phoneA.until(10), phoneB.until(10)]);
    assertTone(phoneA, B_TONE, 'phone A (through rtpengine)');
    assertTone(phoneB, A_TONE, 'phone B (through rtpengine)');

    const fork = await forkToRecorder(ng, call.callId);
    const offer = readOffer(fork.sdp);
    assert.equal(offer.audio.length, 2, `two audio streams expected:\n${fork.sdp}`);
    for (const stream of offer.audio) {
      assert.equal(stream.direction, 'sendonly');
      assert.ok(stream.label !== undefined, `m-line ${stream.index} has no a=label`);
      assert.deepEqual(stream.codecs.map((c) => c.name), ['PCMU']);
    }
    assert.deepEqual(fork.streams.map((s) => s.fromTag).sort(), ['alice-tag', 'bob-tag'], 'one stream per leg');

    // The recorder answers as the SRS will: the siprec package's own answer planning and writing, one UDP port per stream.
    const ports = new Map<number, number>();
    const recorderPort = new Map<string, RtpEndpoint>();
    for (const stream of fork.streams) {
      const port = await endpoint();
      ports.set(stream.index, port.port);
      recorderPort.set(stream.fromTag, port);
    }
    const recorderSdp = writeAnswer(planAnswer(offer), { origin: new AnswerOrigin(HOST, '1').next(), address: HOST, ports });
    await answerFork(ng, fork, recorderSdp);

    await Promise.all([...recorderPort.values()].map((port) => port.until(25)));
    assertTone(recorderPort.get('alice-tag')!, A_TONE, "the recorder port of A's leg");
    assertTone(recorderPort.get('bob-tag')!, B_TONE, "the recorder port of B's leg");

    await ng.delete(call.callId);
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
