import { strict as assert } from 'node:assert';
import { peak, readWav, toneShare } from '@callwire/plugin-kit/testing';
import { playSession, TONE } from '../support/session-media.js';
import { playG722 } from '../support/g722-sender.js';
import { startSiprecHost, type SiprecTestHost } from '../support/siprec-host.js';
import { siprecBody, SrcPeer } from '../support/src-peer.js';

const DEVICE = '4001';
const CUSTOMER = '+15550001111';

/** The share of a tone in [fromMs, toMs) of a channel at `rate`. */
const shareIn = (samples: Int16Array, tone: number, fromMs: number, toMs: number, rate = 8000) => toneShare(samples, (fromMs * rate) / 1000, ((toMs - fromMs) * rate) / 1000, tone, rate);

describe('what the API does to a recording works on a SIPREC one', function () {
  this.timeout(60000);
  let t: SiprecTestHost;
  let src: SrcPeer | undefined;
  const waitFor = (check: () => boolean, what: string, ms?: number) => t.host.waitFor(check, what, ms);
  /** Waits until `count` more packets reached the running recordings. */
  const packets = async (count: number) => {
    const base = t.core.stats().received;
    await waitFor(() => t.core.stats().received >= base + count, `${count} more RTP packets`, 20000);
  };
  const at = (type: string, nth = 0) => t.host.events.filter((e) => e.type === type && e.deviceId === DEVICE)[nth]!.at;

  afterEach(async () => {
    src?.close();
    src = undefined;
    await t?.host.close();
  });

  it('CALLUPDATE, CALLLIST, RECORDSTART/RECORDSTOP partials, BLACKOUTSTART with a negative TIMEOFFSET silencing both parties, and EXPORT', async () => {
    t = await startSiprecHost({ devices: { match: `^${DEVICE}$` } });
    src = await SrcPeer.open(t.sipPort('udp'), 'functions-1');
    assert.equal((await src.invite(siprecBody(DEVICE, CUSTOMER))).status, 200);
    const media = await playSession(t.core, waitFor);
    await t.host.event('RECORDINGSTARTED', DEVICE);
    await packets(50);
    assert.equal((await t.host.request('CALLUPDATE', { DEVICEID: DEVICE, USER1: 'ticket-7' })).type, 'API_OK');
    assert.match(JSON.stringify((await t.host.request('CALLLIST')).body), new RegExp(`"${DEVICE}"`), 'CALLLIST lists the SIPREC call');
    assert.equal((await t.host.request('RECORDSTART', { DEVICEID: DEVICE })).type, 'API_OK');
    await packets(100);
    assert.equal((await t.host.request('RECORDSTOP', { DEVICEID: DEVICE })).type, 'API_OK');
    await packets(100);
    assert.equal((await t.host.request('BLACKOUTSTART', { DEVICEID: DEVICE, TIMEOFFSET: -1 })).type, 'API_OK');
    await packets(50);
    assert.equal((await t.host.request('BLACKOUTSTOP', { DEVICEID: DEVICE })).type, 'API_OK');
    await packets(100);
    assert.equal((await src.bye()).status, 200);
    await media.done;
    await waitFor(() => t.host.events.filter((e) => e.type === 'RECORDINGUPDATE').length >= 2, 'both recordings saved', 10000);

    const rows = await t.host.recordings(DEVICE);
    assert.equal(rows.length, 2, 'the call and its partial');
    const main = rows.find((r) => Number(r['duration']) >= 2)!;
    const partial = rows.find((r) => r !== main)!;
    assert.deepEqual([main['user1'], main['ani'], main['dnis'], main['core_ident']], ['ticket-7', CUSTOMER, DEVICE, 2]);
    const started = at('RECORDINGSTARTED');
    const blackout = at('RECORDINGPAUSED') - started;
    const [left, right] = readWav(String(main['filename'])).samples as [Int16Array, Int16Array];
    // The second before BLACKOUTSTART is overwritten on both channels, and silence follows until BLACKOUTSTOP.
    const silentFrom = Math.max(0, blackout - 1000 + 100);
    const silentTo = at('RECORDINGRESUMED') - started - 100;
    assert.equal(peak(left, silentFrom * 8, (silentTo - silentFrom) * 8), 0, 'the customer blacked out');
    assert.equal(peak(right, silentFrom * 8, (silentTo - silentFrom) * 8), 0, 'the agent blacked out');
    assert.ok(shareIn(left, TONE.farEnd, 300, silentFrom - 200) > 0.8 && shareIn(right, TONE.device, 300, silentFrom - 200) > 0.8, 'both parties before the blackout');
    const [partLeft, partRight] = readWav(String(partial['filename'])).samples as [Int16Array, Int16Array];
    assert.ok(toneShare(partLeft, 800, 3200, TONE.farEnd) > 0.8 && toneShare(partRight, 800, 3200, TONE.device) > 0.8, 'the partial holds both parties');

    const exported = await fetch(`http://127.0.0.1:${t.host.webPort}/webAPI.aspx?type=export&requestid=1&uniquefield=ident&uniqueid=${main['ident']}&media_format=wav`);
    assert.equal(exported.headers.get('content-type'), 'audio/wav');
    const bytes = Buffer.from(await exported.arrayBuffer());
    assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
    assert.ok(bytes.length > 44 + 2 * 8000, 'the export holds the recording');
  });

  it('MAXRECORDTIME (from the schedule) ends the recording by itself while the session and its call go on', async () => {
    t = await startSiprecHost({ devices: { match: `^${DEVICE}$` } }, { schedules: [{ name: 'short', record: true, maxRecordTime: 1 }] });
    src = await SrcPeer.open(t.sipPort('udp'), 'maxrecordtime-1');
    assert.equal((await src.invite(siprecBody(DEVICE, CUSTOMER))).status, 200);
    const media = await playSession(t.core, waitFor);
    const stopped = await t.host.event('RECORDINGSTOPPED', DEVICE, 10000);
    assert.equal(t.host.callState(DEVICE), 'connected', 'the call goes on');
    assert.ok(!t.host.events.some((e) => e.type === 'CALLSTOP'));
    assert.equal((await src.bye()).status, 200);
    await media.done;
    await t.host.event('CALLSTOP', DEVICE);
    const wav = readWav(stopped.data['FILENAME']!);
    assert.ok(Math.abs(wav.durationMs - 1000) <= 20, `${wav.durationMs} ms`);
  });

  it('an unscheduled session is answered and its audio discarded (the default); once a schedule matches (CALLUPDATE GROUP), RECORDSTART records it', async () => {
    t = await startSiprecHost({ devices: { match: `^${DEVICE}$` } }, { schedules: [{ name: 'sales', record: true, groups: ['sales'] }] });
    src = await SrcPeer.open(t.sipPort('udp'), 'unscheduled-1');
    assert.equal((await src.invite(siprecBody(DEVICE, CUSTOMER))).status, 200, 'answered: the SBC is not failed');
    const media = await playSession(t.core, waitFor);
    await t.host.event('CALLSTART', DEVICE);
    assert.ok(!t.host.events.some((e) => e.type === 'RECORDINGSTARTED'), 'nothing recorded');
    assert.equal((await t.host.request('RECORDSTART', { DEVICEID: DEVICE })).type, 'API_DID_NOT_MATCH_A_SCHEDULE', 'as for any call no schedule records');
    assert.equal((await t.host.request('CALLUPDATE', { DEVICEID: DEVICE, GROUP: 'sales' })).type, 'API_OK');
    assert.equal((await t.host.request('RECORDSTART', { DEVICEID: DEVICE })).type, 'API_OK');
    await t.host.event('RECORDINGSTARTED', DEVICE);
    await packets(100);
    assert.equal((await src.bye()).status, 200);
    await media.done;
    const updated = await t.host.event('RECORDINGUPDATE', DEVICE, 10000);
    const [left, right] = readWav(updated.data['FILENAME']!).samples as [Int16Array, Int16Array];
    assert.ok(toneShare(left, 800, 4000, TONE.farEnd) > 0.8 && toneShare(right, 800, 4000, TONE.device) > 0.8, 'the RECORDSTART recording has both parties');
  });

  it('with unscheduled.action decline, an unscheduled session is ended with a BYE carrying the configured cause', async () => {
    t = await startSiprecHost({ devices: { match: `^${DEVICE}$` }, unscheduled: { action: 'decline', declineStatus: 480 } }, { schedules: [{ name: 'nothing', record: false }] });
    src = await SrcPeer.open(t.sipPort('udp'), 'decline-1');
    const bye = src.nextRequest();
    assert.equal((await src.invite(siprecBody(DEVICE, CUSTOMER))).status, 200);
    const request = await bye;
    assert.equal(request.method, 'BYE');
    assert.match(request.headers.get('Reason') ?? '', /cause=480/);
    await t.host.event('CALLSTOP', DEVICE);
    await waitFor(() => t.core.sessions().length === 0, 'the session ended');
  });

  it('G.722 is decoded into a 16 kHz WAV: the agent\'s 6 kHz tone (above narrowband) on the right, the customer\'s 440 Hz on the left', async () => {
    t = await startSiprecHost({ devices: { match: `^${DEVICE}$` } });
    src = await SrcPeer.open(t.sipPort('udp'), 'g722-1');
    const answer = await src.invite(siprecBody(DEVICE, CUSTOMER, 'G722'));
    assert.equal(answer.status, 200);
    assert.match(answer.body.toString(), /a=rtpmap:9 G722\/8000/);
    let session: ReturnType<typeof t.core.sessions>[number] | undefined;
    await waitFor(() => (session = t.core.sessions().find((s) => s.confirmed)) !== undefined, 'the session');
    const stop = new AbortController();
    const port = (side: string) => session!.streams.find((s) => s.side === side)!.port;
    const playing = Promise.all([playG722(port('device'), 6000, 0xd1, stop.signal), playG722(port('farEnd'), 440, 0xf1, stop.signal)]);
    await packets(150);
    assert.equal((await src.bye()).status, 200);
    stop.abort();
    await playing;
    const updated = await t.host.event('RECORDINGUPDATE', DEVICE, 10000);
    const wav = readWav(updated.data['FILENAME']!);
    assert.equal(wav.sampleRate, 16000);
    const [left, right] = wav.samples as [Int16Array, Int16Array];
    const mid = (samples: Int16Array, tone: number) => toneShare(samples, Math.floor(samples.length * 0.3), Math.floor(samples.length * 0.4), tone, 16000);
    assert.ok(mid(right, 6000) > 0.8, `6 kHz on the right: ${mid(right, 6000).toFixed(2)}`);
    assert.ok(mid(left, 440) > 0.8, `440 Hz on the left: ${mid(left, 440).toFixed(2)}`);
  });
});
