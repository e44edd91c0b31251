import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav, toneShare } from '@callwire/plugin-kit/testing';
import { playSession, TONE } from '../support/session-media.js';
import { requireSipp, runSipp, type SippTransport } from '../support/sipp.js';
import { writeSrcScenario, type SrcStep } from '../support/sipp-scenario.js';
import { startSiprecHost, type SiprecTestHost } from '../support/siprec-host.js';

/** A real SRC flow from the fixtures, replayed by SIPp, with the device it records and how many streams it sends. */
interface DialectFlow {
  readonly dialect: string;
  readonly steps: readonly SrcStep[];
  /** devices.match: which participant is ours. */
  readonly match: string;
  readonly device: string;
  /** The sides its streams are recorded on, in m-line order. */
  readonly sides: readonly ('farEnd' | 'device' | 'mixed')[];
}

const PAUSE = 1200;
const FLOWS: readonly DialectFlow[] = [
  { dialect: 'rfc7865', match: '^ASBCE$', device: 'ASBCE', sides: ['farEnd'],
    steps: [{ send: 'avaya-sbce_inbound_01-invite.sip' }, { pause: PAUSE }, { send: 'avaya-sbce_inbound_02-update-metadata.sip' }, { pause: 300 }, { send: 'avaya-sbce_inbound_03-bye.sip' }] },
  { dialect: 'draft-acme', match: '^1000000000$', device: '1000000000', sides: ['device', 'farEnd'],
    steps: [{ send: 'oracle-sbc_basic-outbound_01-invite.sip' }, { pause: PAUSE }, { send: 'oracle-sbc_basic-outbound_02-bye.sip' }] },
  { dialect: 'draft-siprec-bw', match: '^8638254725$', device: '8638254725', sides: ['device'],
    steps: [{ send: 'broadworks_acd_01-invite.sip' }, { pause: PAUSE }, { send: 'broadworks_acd_02-bye.sip' }] },
  { dialect: 'metaswitch', match: '^7602922410$', device: '7602922410', sides: ['mixed'],
    steps: [{ send: 'metaswitch_16a-basic-call-inbound_01-invite.sip' }, { pause: PAUSE }, { send: 'metaswitch_16a-basic-call-inbound_02-bye.sip' }] },
  { dialect: 'cisco-nbr', match: '^\\d{3,6}$', device: '20053', sides: ['farEnd'],
    steps: [{ send: 'cisco-cube-nbr_normal_01-invite-sdp.sip' }, { pause: PAUSE }, { send: 'cisco-cube-nbr_normal_02-bye.sip' }] },
  { dialect: 'sonus', match: '^2249888012$', device: '2249888012', sides: ['device', 'farEnd'],
    steps: [{ send: 'sonus-sbc_offer_invite.sip' }, { pause: PAUSE }, { bye: true }] },
  { dialect: 'none', match: '^srs$', device: 'srs', sides: ['mixed'],
    steps: [{ send: 'cisco_non-siprec-sdp_invite.sip' }, { pause: PAUSE }, { bye: true }] },
];

/** The share of a tone in the middle 40 % of a channel (away from the start and the BYE). */
function middleShare(samples: Int16Array, frequency: number): number {
  const from = Math.floor(samples.length * 0.3);
  return toneShare(samples, from, Math.floor(samples.length * 0.4), frequency);
}

describe('SIPREC sessions from real SRC flows, replayed by SIPp, recorded with the test\'s RTP', function () {
  this.timeout(120000);
  let t: SiprecTestHost;
  let dir: string;

  before(function () {
    requireSipp(this);
    dir = mkdtempSync(join(tmpdir(), 'callwire-sipp-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));
  afterEach(() => t?.host.close());

  for (const flow of FLOWS) {
    for (const transport of ['udp', 'tcp'] as SippTransport[]) {
      it(`${flow.dialect} over ${transport.toUpperCase()}: one call on ${flow.device}, each stream's tone on its party's channel, the WAV as long as the session`, async () => {
        t = await startSiprecHost({ devices: { match: flow.match } });
        const scenario = writeSrcScenario(dir, `${flow.dialect}-${transport}`, flow.steps);
        const sipp = runSipp(scenario, transport, t.sipPort(transport));
        const failed = sipp.then((run) => {
          throw new Error(`sipp ended (${run.code}) before a session was confirmed:\n${run.output}`);
        });
        const media = await Promise.race([playSession(t.core, (check, what, ms) => t.host.waitFor(check, what, ms)), failed]);
        failed.catch(() => undefined);
        assert.deepEqual(media.session.streams.map((s) => s.side), flow.sides, 'the sides the metadata gives the streams');
        const run = await sipp;
        assert.equal(run.code, 0, `sipp failed:\n${run.output}`);
        await media.done;
        const updated = await t.host.event('RECORDINGUPDATE', flow.device, 10000);
        const start = await t.host.event('CALLSTART', flow.device);
        const stop = await t.host.event('CALLSTOP', flow.device);
        assert.equal(t.host.events.filter((e) => e.type === 'CALLSTART').length, 1, 'one call');
        const [row] = await t.host.recordings(flow.device);
        assert.ok(row, 'a recording row');
        assert.equal(row['core_ident'], 2);
        const wav = readWav(String(updated.data['FILENAME'] ?? row['filename']));
        assert.equal(wav.channels, 2);
        assert.ok(Math.abs(wav.durationMs - (stop.at - start.at)) <= 20, `WAV ${wav.durationMs} ms, session ${stop.at - start.at} ms`);
        const [left, right] = wav.samples as [Int16Array, Int16Array];
        for (const side of flow.sides) {
          const tone = TONE[side];
          if (side !== 'device') assert.ok(middleShare(left, tone) > 0.8, `${side} tone ${tone} Hz on the left: ${middleShare(left, tone).toFixed(2)}`);
          if (side !== 'farEnd') assert.ok(middleShare(right, tone) > 0.8, `${side} tone ${tone} Hz on the right: ${middleShare(right, tone).toFixed(2)}`);
          if (side === 'farEnd') assert.ok(middleShare(right, tone) < 0.2, 'the far end is not on the device\'s channel');
          if (side === 'device') assert.ok(middleShare(left, tone) < 0.2, 'the device is not on the far end\'s channel');
        }
      });
    }
  }
});
