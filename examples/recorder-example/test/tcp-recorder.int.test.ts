import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ResultBody } from '@callwire/plugin-api';
import { linearToUlaw, ULAW_TO_LINEAR } from '@callwire/plugin-kit';
import { readWav, startTestHost, type TestHost } from '@callwire/plugin-kit/testing';

const plugin = fileURLToPath(new URL('../src/index.js', import.meta.url));

/** `ms` of a 1 kHz tone in G.711 µ-law at 8 kHz, as a PBX would send it. */
function tone(ms: number): Buffer {
  return Buffer.from(Array.from({ length: ms * 8 }, (_, n) => linearToUlaw(8000 * Math.sin((2 * Math.PI * 1000 * n) / 8000))));
}

/** Streams `audio` to the media target in pieces, and resolves once the recorder has closed its side: it has taken every byte. */
function send(target: string, audio: Buffer): Promise<void> {
  const [host, port] = target.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host, () => {
      for (let at = 0; at < audio.length; at += 160) socket.write(audio.subarray(at, at + 160));
      socket.end();
    });
    socket.on('error', reject).on('close', () => resolve()).resume();
  });
}

describe('tcp-recorder (the example recorder plugin) in a real host', function () {
  this.timeout(20000);
  let host: TestHost;

  beforeEach(async () => (host = await startTestHost({ plugins: [{ use: plugin, options: { coreIdent: 1, channels: 2 } }] })));
  afterEach(() => host.close());

  it('records a call made through the API to a µ-law WAV file and a Recording row, and EXPORTs it as 16-bit PCM over the WebAPI', async () => {
    assert.equal((await host.request('CALLSTART', { DEVICEID: '7001', ANI: '6145551212' })).message, 'CALLSTART sent to all of the following cores: 1');
    const started = await host.event('RECORDINGSTARTED', '7001');
    const channels = (((await host.request('CHANNELS')).body!['CHANNELS'] as ResultBody)['CHANNEL']) as ResultBody[];
    assert.deepEqual(channels.map((c) => [c['ID'], c['STATE'], c['RECORDINGDEVICE']]), [[1, 'Recording', '7001'], [2, 'Idle', '']]);
    const audio = tone(1000);
    await send(started.data['MEDIATARGET']!, audio);
    assert.equal((await host.request('CALLSTOP', { DEVICEID: '7001' })).type, 'API_OK');
    await host.event('RECORDINGUPDATE', '7001');

    const file = started.data['FILENAME']!;
    const wav = readWav(file);
    assert.deepEqual([wav.format, wav.channels, wav.sampleRate, wav.bitsPerSample, wav.dataSize, wav.riffSize], [7, 1, 8000, 8, audio.length, wav.size - 8]);
    assert.ok(wav.data.equals(audio), 'the file holds every byte sent, in order');

    const [row] = await host.recordings('7001');
    assert.deepEqual(
      [row?.['filename'], row?.['media_type'], row?.['state'], row?.['core_ident'], row?.['channel'], row?.['ani'], row?.['duration']],
      [file, 'audio/wav', 'complete', 1, 1, '6145551212', 1],
    );

    const response = await fetch(`http://127.0.0.1:${host.webPort}/webAPI.aspx?type=export&requestid=1&uniquefield=ident&uniqueid=${row!['ident']}&media_format=wav`);
    assert.equal(response.headers.get('content-type'), 'audio/wav');
    const exported = Buffer.from(await response.arrayBuffer());
    assert.deepEqual([exported.readUInt16LE(20), exported.readUInt16LE(34), exported.readUInt32LE(40)], [1, 16, audio.length * 2], '16-bit PCM');
    const samples = Array.from({ length: audio.length }, (_, i) => exported.readInt16LE(44 + 2 * i));
    assert.deepEqual(samples, [...audio].map((code) => ULAW_TO_LINEAR[code]));
  });

  it('drops what is sent while a blackout pauses the recording, and frees the channel at the stop', async () => {
    await host.request('CALLSTART', { DEVICEID: '7002' });
    const target = (await host.event('RECORDINGSTARTED', '7002')).data['MEDIATARGET']!;
    await send(target, tone(100));
    await host.request('BLACKOUTSTART', { DEVICEID: '7002' });
    await host.event('RECORDINGPAUSED', '7002');
    await send(target, tone(500));
    await host.request('BLACKOUTSTOP', { DEVICEID: '7002' });
    await host.event('RECORDINGRESUMED', '7002');
    await send(target, tone(100));
    await host.request('CALLSTOP', { DEVICEID: '7002' });
    const update = await host.event('RECORDINGUPDATE', '7002');
    assert.equal(readWav(update.data['FILENAME']!).dataSize, 2 * 800);
    const channels = (((await host.request('CHANNELS')).body!['CHANNELS'] as ResultBody)['CHANNEL']) as ResultBody[];
    assert.deepEqual(channels.map((c) => c['STATE']), ['Idle', 'Idle']);
  });
});
