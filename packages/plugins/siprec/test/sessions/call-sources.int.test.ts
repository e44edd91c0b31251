import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav, toneShare } from '@callwire/plugin-kit/testing';
import { playSession, TONE } from '../support/session-media.js';
import { requireSipp, runSipp } from '../support/sipp.js';
import { writeSrcScenario } from '../support/sipp-scenario.js';
import { startSiprecHost, type SiprecTestHost } from '../support/siprec-host.js';
import { siprecBody, SrcPeer } from '../support/src-peer.js';

/** The share of a tone in [fromMs, toMs) of a channel. */
const shareIn = (samples: Int16Array, tone: number, fromMs: number, toMs: number) => toneShare(samples, fromMs * 8, (toMs - fromMs) * 8, tone);

describe('where a SIPREC session\'s call comes from: a Cisco BiB pair, a call already on the device', function () {
  this.timeout(90000);
  let t: SiprecTestHost;
  let dir: string;

  before(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-bib-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => t?.host.close());

  for (const [first, second, transport] of [['nearend', 'farend', 'udp'], ['farend', 'nearend', 'udp'], ['nearend', 'farend', 'tcp'], ['farend', 'nearend', 'tcp']] as const) {
    it(`Cisco BiB over ${transport.toUpperCase()}: the ${first} leg first, then the ${second} leg (same x-refci, delayed offers) make one call and one stereo recording, far end left, near end right`, async function () {
      requireSipp(this);
      t = await startSiprecHost({ devices: { match: '^4062$' } });
      const leg = (end: string, pause: number) =>
        writeSrcScenario(dir, `bib-${first}-${transport}-${end}`, [{ send: `cisco-bib_${end}_01-invite-nosdp.sip` }, { ack: `cisco-bib_${end}_02-ack-sdp.sip` }, { pause }, { send: `cisco-bib_${end}_03-bye.sip` }]);
      const sideOf = (end: string) => (end === 'nearend' ? 'device' : 'farEnd');
      const waitFor = (check: () => boolean, what: string, ms?: number) => t.host.waitFor(check, what, ms);
      const firstRun = runSipp(leg(first, 3000), transport, t.sipPort(transport));
      const firstMedia = await playSession(t.core, waitFor, (s) => s.streams[0]?.side === sideOf(first));
      const secondRun = runSipp(leg(second, 1800), transport, t.sipPort(transport));
      const secondMedia = await playSession(t.core, waitFor, (s) => s.streams[0]?.side === sideOf(second));
      const secondJoined = Date.now();
      for (const run of await Promise.all([firstRun, secondRun])) assert.equal(run.code, 0, `sipp failed:\n${run.output}`);
      await Promise.all([firstMedia.done, secondMedia.done]);
      const updated = await t.host.event('RECORDINGUPDATE', '4062', 10000);
      assert.equal(t.host.events.filter((e) => e.type === 'CALLSTART').length, 1, 'one call for both legs');
      assert.equal((await t.host.recordings('4062')).length, 1, 'one recording');
      const started = t.host.events.find((e) => e.type === 'RECORDINGSTARTED')!.at;
      const wav = readWav(updated.data['FILENAME']!);
      const [left, right] = wav.samples as [Int16Array, Int16Array];
      // While both legs ran: from the second leg's first packets to a little before its BYE.
      const from = secondJoined - started + 200;
      const to = from + 1200;
      assert.ok(shareIn(left, TONE.farEnd, from, to) > 0.8, `the far end's tone on the left: ${shareIn(left, TONE.farEnd, from, to).toFixed(2)}`);
      assert.ok(shareIn(right, TONE.device, from, to) > 0.8, `the near end's tone on the right: ${shareIn(right, TONE.device, from, to).toFixed(2)}`);
      assert.ok(shareIn(left, TONE.device, from, to) < 0.2 && shareIn(right, TONE.farEnd, from, to) < 0.2, 'each leg only on its channel');
    });
  }

  it('an API call on the device first: the SIPREC audio becomes its recording, no second call; the call goes on after the BYE until CALLSTOP', async () => {
    t = await startSiprecHost({ devices: { match: '^4001$' } });
    assert.equal((await t.host.request('CALLSTART', { DEVICEID: '4001', ANI: '6145551212', CALLID: 'crm-42' })).type, 'API_OK');
    await t.host.event('RECORDINGSTARTED', '4001');
    const src = await SrcPeer.open(t.sipPort('udp'), 'sbc-leg-1');
    assert.equal((await src.invite(siprecBody('4001', '+15550001111'))).status, 200);
    const media = await playSession(t.core, (check, what, ms) => t.host.waitFor(check, what, ms));
    const joined = Date.now();
    // 250 packets of two streams: about 2.5 s of audio, well past the 1.2 s the tone is checked over, however late the sender started
    await t.host.waitFor(() => t.core.stats().received >= 250, '250 packets recorded', 20000);
    assert.equal((await src.bye()).status, 200);
    await media.done;
    src.close();
    assert.equal(t.host.callState('4001'), 'connected', 'the API call is still in progress after the SIPREC BYE');
    assert.ok(!t.host.events.some((e) => e.type === 'RECORDINGSTOPPED'), 'its recording too');
    assert.equal((await t.host.request('CALLSTOP', { DEVICEID: '4001' })).type, 'API_OK');
    const updated = await t.host.event('RECORDINGUPDATE', '4001', 10000);
    assert.deepEqual(t.host.events.filter((e) => e.type === 'CALLSTART').map((e) => e.data['ANI']), ['6145551212'], 'one call: the API\'s');
    const [row] = await t.host.recordings('4001');
    assert.deepEqual([row?.['callid'], row?.['ani'], row?.['core_ident']], ['crm-42', '6145551212', 2]);
    const started = t.host.events.find((e) => e.type === 'RECORDINGSTARTED')!.at;
    const [left, right] = readWav(updated.data['FILENAME']!).samples as [Int16Array, Int16Array];
    const from = joined - started + 200;
    assert.ok(shareIn(left, TONE.farEnd, from, from + 1000) > 0.8, 'the customer on the left');
    assert.ok(shareIn(right, TONE.device, from, from + 1000) > 0.8, 'the agent on the right');
    assert.ok(toneShare(right, 0, Math.max(1, (joined - started - 100) * 8), TONE.device) < 0.2, 'silence before the session brought audio');
  });

  it('a participant that matches no devices.match but is an agent\'s phone (IMPORTAGENTPHONE) is our device', async () => {
    t = await startSiprecHost({ devices: { match: '^\\d{4}$' } });
    const user = await t.host.request('IMPORTUSER', { ACTION: 'ADD', USERNAME: 'ASMITH', FIRSTNAME: 'Alice', LASTNAME: 'Smith' });
    assert.equal(user.type, 'API_OK', user.message);
    assert.equal((await t.host.request('IMPORTAGENTPHONE', { ACTION: 'ADD', PHONEID: '5557770001', AGENTID: String(user.body!['USERID']) })).type, 'API_OK');
    const src = await SrcPeer.open(t.sipPort('udp'), 'phone-1');
    assert.equal((await src.invite(siprecBody('5557770001', '+15550001111'))).status, 200);
    const started = await t.host.event('RECORDINGSTARTED', '5557770001');
    assert.equal(started.data['COREIDENT'], '2');
    assert.equal(started.data['AGENTID'], String(user.body!['USERID']), 'the phone\'s agent');
    assert.equal((await src.bye()).status, 200);
    await t.host.event('RECORDINGUPDATE', '5557770001', 10000);
    src.close();
  });
});
