import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CoreRegistry } from '@callwire/core';
import { EventSocketClient, upgradeRefusal, type UpgradeRefused } from '../support/event-socket-client.js';
import { until } from '../support/event-servers.js';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { tag, type XmlClient } from '../support/xml-client.js';
import { RTP_RECORDER } from '../export/support/recorded-calls.js';
import { RtpTalker } from '../export/support/rtp-talker.js';
import { readWavBytes } from '../export/support/wav-bytes.js';
import { audioReceived, channelOf, longestSilence, toneBlocks, type AudioStart } from './support/live-audio-messages.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
/** 40 ms of stereo 16-bit PCM at 8 kHz. */
const FRAME_BYTES = 320 * 2 * 2;
const PARTIES = [{ ssrc: 1, frequency: 1000 }, { ssrc: 2, frequency: 600 }] as const;

/** A host whose one rtp-recorder core records every device in stereo. */
function startRecorderHost(config: Record<string, unknown> = {}): Promise<TestHost> {
  const base = 20000 + 2 * Math.floor(Math.random() * 9000);
  return startTestHost({ ...config, plugins: [{ use: RTP_RECORDER, options: { coreIdent: 1, channels: 2, portRange: [base, base + 3], jitterMs: 200 } }] });
}

/** CALLSTART over the XML API; resolves with where the core wants the call's RTP. */
async function startCall(t: TestHost, client: XmlClient, device: string, fields: Record<string, string> = {}): Promise<{ host: string; port: number }> {
  const started = t.nextEvent('RECORDINGSTARTED', device);
  assert.equal(tag(await send(client, 'CALLSTART', { DEVICEID: device, ...fields }), 'RESULTTYPE'), 'API_OK');
  const [host, port] = (await started).event.data['MEDIATARGET']!.split(':');
  return { host: host!, port: Number(port) };
}

/** Sends one API request and waits for the event it causes on the device. */
async function request(t: TestHost, client: XmlClient, type: string, device: string, event: string): Promise<Record<string, string>> {
  const heard = t.nextEvent(event, device);
  assert.equal(tag(await send(client, type, { DEVICEID: device }), 'RESULTTYPE'), 'API_OK');
  return (await heard).event.data as Record<string, string>;
}

const refusal = (url: string, headers: Record<string, string> = {}): Promise<UpgradeRefused> => upgradeRefusal(url, { headers });

describe('WebSocket /audio: a live recording’s audio', function () {
  this.timeout(30_000);
  let t: TestHost;
  let client: XmlClient;
  let talker: RtpTalker;
  const url = (query: string) => `ws://127.0.0.1:${t.webPort}/audio${query}`;

  before(async () => {
    t = await startRecorderHost();
    client = await t.client();
    talker = await RtpTalker.open();
  });
  after(async () => {
    talker?.close();
    await t?.close();
  });

  it('sends the start, each party’s tone on its channel, zeros for a blackout, then the stop and close 1000', async () => {
    const target = await startCall(t, client, '7001', { CALLID: 'C-77' });
    const core = t.host.container.get(CoreRegistry).get(1) as unknown as { activeRecordings(): { key: string; deviceId: string }[] };
    const key = core.activeRecordings().find((r) => r.deviceId === '7001')!.key;
    const ws = await EventSocketClient.open(url('?DEVICE=7001'));
    await until(() => ws.received.length >= 1, 'the start message');
    const start = JSON.parse(ws.received[0] as string) as AudioStart;
    assert.deepEqual(start, {
      type: 'start', deviceId: '7001', recording: key, callId: 'C-77',
      participants: [{ name: '', aor: '', role: 'farEnd' }, { name: '', aor: '', role: 'device' }],
      sampleRate: 8000, channels: ['sideA', 'sideB'], encoding: 'pcm_s16le',
    });

    const heard = (from = 0) => {
      const samples = audioReceived(ws).samples.subarray(from);
      return { left: channelOf(samples, 0, 2), right: channelOf(samples, 1, 2) };
    };
    await talker.play(target, PARTIES, 50);
    // The first stream heard is side A (left), the second side B (right).
    await until(() => toneBlocks(heard().left, 1000) >= 30 && toneBlocks(heard().right, 600) >= 30, 'a second of both tones, each on its side');
    assert.equal(toneBlocks(heard().left, 600) + toneBlocks(heard().right, 1000), 0, 'no tone on the other side');

    await request(t, client, 'BLACKOUTSTART', '7001', 'RECORDINGPAUSED');
    const atBlackout = audioReceived(ws).samples.length;
    await talker.play(target, PARTIES, 50, 50);
    await request(t, client, 'BLACKOUTSTOP', '7001', 'RECORDINGRESUMED');
    await talker.play(target, PARTIES, 50, 100);
    await until(() => toneBlocks(heard(atBlackout).left, 1000) >= 30, 'the tone again after the blackout');
    const afterBlackout = audioReceived(ws).samples.subarray(atBlackout);
    assert.ok(longestSilence(afterBlackout) >= 2 * 8000 * 0.9, `the second of tone sent during the blackout reached the client as zeros (longest run ${longestSilence(afterBlackout)} samples)`);

    const update = t.nextEvent('RECORDINGUPDATE', '7001');
    assert.equal(tag(await send(client, 'CALLSTOP', { DEVICEID: '7001' }), 'RESULTTYPE'), 'API_OK');
    assert.equal(await ws.waitClosed(), 1000);
    const received = audioReceived(ws);
    assert.deepEqual(received.texts.at(-1), { type: 'stop', reason: 'the recording stopped' });
    assert.equal(received.texts.length, 2, 'start and stop, nothing else as text');
    assert.ok(received.frameBytes.slice(0, -1).every((n) => n === FRAME_BYTES), 'every binary frame but the last holds 40 ms');
    assert.ok(received.frameBytes.at(-1)! <= FRAME_BYTES);

    const file = readWavBytes(readFileSync((await update).event.data['FILENAME']!)).data;
    const pcm = Buffer.concat(ws.received.filter((m): m is Buffer => typeof m !== 'string'));
    assert.ok(pcm.length > 0);
    assert.ok(pcm.equals(file.subarray(file.length - pcm.length)), 'the client got the file’s audio from its start on, byte for byte');
  });

  it('refuses a missing device with 400, a device with no recording with 404, a foreign page with 403', async () => {
    for (const query of ['', '?device=', '?device=%20%20']) {
      const refused = await refusal(url(query));
      assert.deepEqual([refused.status, refused.body], [400, 'device= is missing: name the DEVICEID whose recording to stream\n']);
    }
    const none = await refusal(url('?device=7999'));
    assert.deepEqual([none.status, none.body], [404, 'device 7999 has no recording running whose audio can be streamed\n']);
    const foreign = await refusal(url('?device=7999'), { Origin: 'http://elsewhere.example' });
    assert.deepEqual([foreign.status, foreign.body], [403, 'origin http://elsewhere.example may not open this audio stream; add it to server.web.origins to allow its pages\n']);
    const plain = await fetch(`http://127.0.0.1:${t.webPort}/audio?device=7001`);
    assert.equal(plain.status, 426);
  });
});

describe('WebSocket /audio with auth.required', function () {
  this.timeout(30_000);
  let t: TestHost;
  let client: XmlClient;

  before(async () => {
    t = await startRecorderHost({ auth: { required: true } });
    client = await t.client();
    assert.equal(tag(await send(client, 'IMPORTUSER', { ACTION: 'ADD', USERNAME: 'scribe', PASSWORD: 's3cret!', FIRSTNAME: 'Sam', LASTNAME: 'Scribe' }), 'RESULTTYPE'), 'API_OK');
    await send(client, 'MODIFYROLE', { ACTION: 'ADD', ROLENAME: 'Transcription' });
    await send(client, 'MODIFYROLEPERMISSION', { ACTION: 'ADD', ROLENAME: 'Transcription', PERMISSIONNAME: 'ALLOWAPIAUTH' });
    assert.equal(tag(await send(client, 'MODIFYUSERROLE', { ACTION: 'ADD', ROLENAME: 'Transcription', USERNAME: 'scribe' }), 'RESULTTYPE'), 'API_OK');
  });
  after(() => t?.close());

  it('refuses a client without credentials, as /events does, and streams to one with them', async () => {
    await startCall(t, client, '7002');
    const url = `ws://127.0.0.1:${t.webPort}/audio?device=7002`;
    const refused = await refusal(url);
    assert.deepEqual([refused.status, refused.body], [401, 'authentication required: send HTTP Basic credentials of a user whose role has ALLOWAPIAUTH\n']);
    assert.equal((await refusal(url, { Authorization: basic('scribe', 'wrong') })).status, 401);
    const ws = await EventSocketClient.open(url, { headers: { Authorization: basic('scribe', 's3cret!') } });
    try {
      await until(() => ws.received.length >= 1, 'the start message');
      assert.equal((JSON.parse(ws.received[0] as string) as AudioStart).deviceId, '7002');
      await send(client, 'CALLSTOP', { DEVICEID: '7002' });
      assert.equal(await ws.waitClosed(), 1000);
    } finally {
      ws.close();
    }
  });
});
