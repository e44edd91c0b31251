import { strict as assert } from 'node:assert';
import { ManualClock } from '@callwire/plugin-kit';
import { toneShare } from '@callwire/plugin-kit/testing';
import WebSocket from 'ws';
import { playSession, TONE } from '../support/session-media.js';
import { startSiprecHost, type SiprecTestHost } from '../support/siprec-host.js';
import { siprecBody, SrcPeer } from '../support/src-peer.js';

const DEVICE = '4001';
const CUSTOMER = '+15550001111';
/** No schedule records: these tests are about the session and its call, not the audio. */
const NOT_RECORDED = { schedules: [{ name: 'none', record: false }] };

describe('a SIPREC session\'s lifetime: session timers, the plugin stopping, a transfer in the metadata, live audio', function () {
  this.timeout(60000);
  let t: SiprecTestHost | undefined;
  let src: SrcPeer | undefined;

  afterEach(async () => {
    src?.close();
    await t?.host.close();
    [t, src] = [undefined, undefined];
  });

  it('RFC 4028: the 200 grants the session interval with the SRC as refresher; a refresh keeps the session, a missed one ends it with a BYE (Reason 408) and its call', async () => {
    const clock = new ManualClock(Date.parse('2026-12-02T09:00:00Z'));
    t = await startSiprecHost({ devices: { match: `^${DEVICE}$` } }, NOT_RECORDED, clock);
    src = await SrcPeer.open(t.sipPort('udp'), 'timer-1');
    const answer = await src.invite(siprecBody(DEVICE, CUSTOMER), ['Session-Expires: 120', 'Supported: timer']);
    assert.equal(answer.headers.get('Session-Expires'), '120;refresher=uac');
    assert.equal(answer.headers.get('Require'), 'timer');
    await t.host.event('CALLSTART', DEVICE);
    // Ended 32 s before the interval runs out (RFC 4028 §10): at 88 s. A refresh at 80 s starts it again.
    await clock.advance(80_000);
    assert.equal((await src.reinvite(siprecBody(DEVICE, CUSTOMER))).status, 200);
    await clock.advance(80_000);
    assert.equal(t.core.sessions().length, 1, 'refreshed: still there 160 s in');
    const bye = src.nextRequest();
    await clock.advance(10_000);
    const request = await bye;
    assert.equal(request.method, 'BYE');
    assert.match(request.headers.get('Reason') ?? '', /cause=408/);
    await t.host.event('CALLSTOP', DEVICE);
    assert.equal(t.core.sessions().length, 0);
  });

  it('the plugin stopping sends a BYE for every session and ends their calls', async () => {
    t = await startSiprecHost({ devices: { match: `^${DEVICE}$` } }, NOT_RECORDED);
    src = await SrcPeer.open(t.sipPort('udp'), 'stop-1');
    assert.equal((await src.invite(siprecBody(DEVICE, CUSTOMER))).status, 200);
    await t.host.event('CALLSTART', DEVICE);
    const bye = src.nextRequest();
    const closing = t.host.close();
    assert.equal((await bye).method, 'BYE');
    await closing;
    t = undefined;
  });

  it('new metadata naming another of our devices (a transfer) moves the call there: CALLSTOP on the first, CALLSTART on the second with the same CALLID', async () => {
    t = await startSiprecHost({ devices: { match: '^40\\d\\d$' } }, NOT_RECORDED);
    src = await SrcPeer.open(t.sipPort('udp'), 'transfer-1');
    assert.equal((await src.invite(siprecBody('4001', CUSTOMER))).status, 200);
    const first = await t.host.event('CALLSTART', '4001');
    assert.equal((await src.reinvite(siprecBody('4002', CUSTOMER))).status, 200);
    await t.host.event('CALLSTOP', '4001');
    const second = await t.host.event('CALLSTART', '4002');
    assert.equal(second.data['GLOBALCALLID'], first.data['GLOBALCALLID']);
    assert.equal(second.data['ANI'], CUSTOMER);
    assert.equal((await src.bye()).status, 200);
    await t.host.event('CALLSTOP', '4002');
  });

  it('/audio streams a SIPREC recording live: the start names both parties from the metadata, far end left, device right', async () => {
    t = await startSiprecHost({ devices: { match: `^${DEVICE}$` } });
    src = await SrcPeer.open(t.sipPort('udp'), 'live-1');
    assert.equal((await src.invite(siprecBody(DEVICE, CUSTOMER))).status, 200);
    const media = await playSession(t.core, (check, what, ms) => t!.host.waitFor(check, what, ms));
    await t.host.event('RECORDINGSTARTED', DEVICE);
    const ws = new WebSocket(`ws://127.0.0.1:${t.host.webPort}/audio?device=${DEVICE}`);
    const frames: Buffer[] = [];
    let start: Record<string, unknown> | undefined;
    const enough = new Promise<void>((resolve, reject) => {
      ws.on('message', (data, binary) => {
        if (!binary) {
          start ??= JSON.parse(data.toString()) as Record<string, unknown>;
          return;
        }
        frames.push(data as Buffer);
        if (frames.reduce((n, f) => n + f.length, 0) >= 8000 * 4) resolve();
      });
      ws.on('error', reject);
    });
    await enough;
    ws.close();
    assert.deepEqual(start && [start['type'], start['deviceId'], start['sampleRate'], start['channels']], ['start', DEVICE, 8000, ['farEnd', 'device']]);
    assert.deepEqual(start!['participants'], [
      { name: `Agent ${DEVICE}`, aor: `sip:${DEVICE}@pbx.example.com`, role: 'device' },
      { name: 'Customer', aor: `sip:${CUSTOMER}@carrier.example.com`, role: 'farEnd' },
    ]);
    const pcm = Buffer.concat(frames);
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 2));
    const channel = (c: number) => samples.filter((_, i) => i % 2 === c);
    const tail = (s: Int16Array) => s.subarray(s.length - 4000);
    assert.ok(toneShare(tail(channel(0)), 0, 4000, TONE.farEnd) > 0.8, 'the customer on the left');
    assert.ok(toneShare(tail(channel(1)), 0, 4000, TONE.device) > 0.8, 'the agent on the right');
    assert.equal((await src.bye()).status, 200);
    await media.done;
  });
});
