import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav, toneShare } from '@callwire/plugin-kit/testing';
import { startSiprecHost, type SiprecTestHost } from '../support/siprec-host.js';
import { SrcPeer } from '../support/src-peer.js';
import { haveRtpengine, startRtpengine, type RunningRtpengine } from './rtpengine-process.js';
import { answerFork, forkToRecorder } from './siprec-fork.js';
import { siprecInviteBody } from './siprec-invite-body.js';
import { startToneCall, type ToneCall } from './tone-call.js';

const REQUIRED = process.env['CALLWIRE_REQUIRE_RTPENGINE'] === '1';
const AGENT_TONE = 440;
const CUSTOMER_TONE = 1000;

describe('rtpengine forks a real call to Callwire over SIPREC (rtpengine, the siprec plugin, a real host)', function () {
  this.timeout(60000);
  let dir: string;
  let rtpengine: RunningRtpengine | undefined;
  let call: ToneCall | undefined;
  let t: SiprecTestHost | undefined;
  let peer: SrcPeer | undefined;

  before(function () {
    if (!haveRtpengine() && !REQUIRED) {
      console.log('      (skipped: rtpengine is not installed; apt-get install rtpengine-daemon, or set CALLWIRE_REQUIRE_RTPENGINE=1 to make this a failure)');
      this.skip();
    }
  });
  afterEach(async () => {
    call?.close();
    peer?.close();
    await t?.host.close();
    await rtpengine?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("both legs of a call through rtpengine are recorded on their channels: the agent's on the right, the customer's on the left", async () => {
    dir = await mkdtemp(join(tmpdir(), 'callwire-rtpengine-e2e-'));
    rtpengine = await startRtpengine({ dir });
    t = await startSiprecHost({ devices: { match: '^1001$' } });
    call = await startToneCall(rtpengine.ng, { aTone: AGENT_TONE, bTone: CUSTOMER_TONE });
    const fork = await forkToRecorder(rtpengine.ng, call.callId);
    const body = siprecInviteBody(fork, [
      { fromTag: call.fromTag, aor: 'sip:1001@pbx.example.com', name: 'Agent 1001' },
      { fromTag: call.toTag, aor: 'sip:+15551234567@carrier.example.com', name: 'Customer' },
    ]);

    peer = await SrcPeer.open(t.sipPort('udp'), `rec-${call.callId}`);
    const answer = await peer.invite(body);
    assert.equal(answer.status, 200, `the SRS answered ${answer.status} ${answer.reason}`);
    await answerFork(rtpengine.ng, fork, answer.body.toString('utf8'));

    const started = await t.host.event('RECORDINGSTARTED', '1001', 10000);
    assert.equal(started.data['ANI'], '+15551234567');
    // Two seconds of both legs' packets reached the recording (50 a second each).
    await t.host.waitFor(() => t!.core.stats().received >= 200, '200 RTP packets recorded', 20000);
    assert.equal((await peer.bye()).status, 200);

    const updated = await t.host.event('RECORDINGUPDATE', '1001', 10000);
    const wav = readWav(updated.data['FILENAME']!);
    assert.equal(wav.channels, 2);
    const [left, right] = wav.samples as [Int16Array, Int16Array];
    const middle = (samples: Int16Array, tone: number) => toneShare(samples, Math.floor(samples.length * 0.3), Math.floor(samples.length * 0.4), tone);
    assert.ok(middle(right, AGENT_TONE) > 0.8, `the agent's ${AGENT_TONE} Hz on the right: ${middle(right, AGENT_TONE).toFixed(2)}`);
    assert.ok(middle(left, CUSTOMER_TONE) > 0.8, `the customer's ${CUSTOMER_TONE} Hz on the left: ${middle(left, CUSTOMER_TONE).toFixed(2)}`);
    assert.ok(middle(left, AGENT_TONE) < 0.2 && middle(right, CUSTOMER_TONE) < 0.2, 'each leg only on its own channel');
  });
});
