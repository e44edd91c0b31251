import assert from 'node:assert/strict';
import { readFileSync, renameSync } from 'node:fs';
import { CavError, DialogicAdpcmDecoder, readCav, type Recording } from '@callwire/core';
import { send, startTestHost, type TestHost } from '../support/test-host.js';
import { download, xmlTag, type Download } from './support/download.js';
import { scanMp3 } from './support/mp3-scan.js';
import { recordCall, recorderPlugins } from './support/recorded-calls.js';
import { medianToneShare, onset, readWavBytes, snrDb } from './support/wav-bytes.js';

/**
 * EXPORT in every format, over real HTTP, of recordings the rtp-recorder
 * made from real RTP: a stereo call (1000 Hz caller, 600 Hz agent) with a
 * blackout in the middle, and a mono one.
 */
describe('EXPORT: one recording as WAV, MP3, VOX or CAV', function () {
  this.timeout(60_000);
  let t: TestHost;
  let stereo: Recording;
  let mono: Recording;
  const get = (query: string) => download(`http://127.0.0.1:${t.webPort}/webAPI.aspx?${query}`);

  before(async () => {
    t = await startTestHost({ plugins: recorderPlugins() });
    const client = await t.client();
    stereo = await recordCall(t, client, {
      device: '7101',
      talks: [{ ssrc: 0x11, frequency: 1000 }, { ssrc: 0x22, frequency: 600, amplitude: 6000 }],
      packets: 75,
      fields: { USER2: '10121968', ANI: '5551234', DNIS: '8005550000' },
      steps: [
        { afterPackets: 25, action: async () => assert.equal(xmlTag(await send(client, 'BLACKOUTSTART', { DEVICEID: '7101' }), 'RESULTTYPE'), 'API_OK') },
        { afterPackets: 40, action: async () => assert.equal(xmlTag(await send(client, 'BLACKOUTSTOP', { DEVICEID: '7101' }), 'RESULTTYPE'), 'API_OK') },
      ],
    });
    mono = await recordCall(t, client, { device: '7201', talks: [{ ssrc: 0x33, frequency: 800 }], packets: 50, fields: { USER2: 'mono-call' } });
  });
  after(() => t?.close());

  /** The file as the recorder wrote it. */
  const recorded = (recording: Recording) => readWavBytes(readFileSync(recording.filename!));
  const isFile = (response: Download, type: string, name: string) => {
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], type, response.body.toString('utf8', 0, 300));
    assert.equal(response.headers['content-disposition'], `attachment; filename="${name}"`);
  };

  it('exports WAV (16-bit PCM) by the manual\'s URL shape: the recorder\'s audio, sample for sample, with its length', async () => {
    const response = await get('type=export&requestid=10482345&uniquefield=user2&uniqueid=10121968&media_format=wav');
    isFile(response, 'audio/wav', `${stereo.ident}.wav`);
    assert.equal(Number(response.headers['content-length']), response.body.length);
    const wav = readWavBytes(response.body);
    const source = recorded(stereo);
    assert.deepEqual([wav.formatTag, wav.channels, wav.sampleRate, wav.bitsPerSample], [1, 2, 8000, 16]);
    assert.equal(wav.dataBytes, wav.data.length, 'the data chunk size is the audio that follows');
    assert.ok(wav.data.equals(source.data), 'the PCM is the recorder\'s, byte for byte');
    // The recorder writes wall-clock time: 75 packets of 20 ms, plus the blackout's few milliseconds.
    assert.ok(wav.durationMs >= 1500 && wav.durationMs < 4000, `${wav.durationMs} ms`);
    assert.ok(Math.abs(wav.durationMs - (stereo.stop_time! - stereo.start_time)) < 300, 'as long as the recording was');
    const left = wav.channel(0);
    const right = wav.channel(1);
    // Packets 50 to 70 of 75: after the blackout, before the end.
    const at = onset(left) + 50 * 160;
    assert.ok(medianToneShare(left, 1000, 8000, at, 20) > 0.9, 'the caller at 1000 Hz on the left');
    assert.ok(medianToneShare(right, 600, 8000, at, 20) > 0.9, 'the agent at 600 Hz on the right');
  });

  it('accepts the manual\'s EXPORT example verbatim (mp3, with ENCRYPT and PASSWORD, which only CAV uses)', async () => {
    const response = await get('type=export&requestid=10482345&uniquefield=user2&uniqueid=10121968&media_format=mp3&encrypt=Y&password=test');
    isFile(response, 'audio/mpeg', `${stereo.ident}.mp3`);
    assert.ok(scanMp3(response.body).frames.length > 10);
  });

  it('exports MP3 whose frames decode to the WAV\'s duration', async () => {
    for (const recording of [stereo, mono]) {
      const response = await get(`type=EXPORT&requestid=2&uniquefield=ident&uniqueid=${recording.ident}&media_format=MP3`);
      isFile(response, 'audio/mpeg', `${recording.ident}.mp3`);
      const wav = recorded(recording);
      const mp3 = scanMp3(response.body);
      const audio = mp3.frames.slice(1);
      // 8 kHz is MPEG-2.5 Layer III: 576 samples per frame (1152 is MPEG-1, 32–48 kHz).
      assert.ok(audio.every((f) => f.sampleRate === 8000 && f.samplesPerFrame === 576 && f.channels === wav.channels));
      assert.ok(mp3.info, 'an Info tag leads the stream');
      assert.equal(mp3.info.id, 'Info');
      assert.ok(mp3.info.crcOk, 'the LAME tag CRC matches');
      assert.match(mp3.info.encoder, /^LAME/);
      assert.equal(mp3.info.frames, audio.length, 'the tag counts the audio frames');
      assert.equal(mp3.info.bytes, response.body.length, 'the tag gives the file length');
      const decodedMs = (mp3.decodedSamples * 1000) / 8000;
      assert.ok(Math.abs(decodedMs - wav.durationMs) <= 50, `decodes to ${decodedMs} ms; the WAV lasts ${wav.durationMs} ms`);
      assert.equal(mp3.decodedSamples, wav.frames, 'gapless: exactly the WAV\'s samples');
      // Without the tag a player would count every frame: LAME's 576-sample priming plus under two frames of padding more.
      const rawMs = (audio.length * 576 * 1000) / 8000;
      assert.ok(rawMs - wav.durationMs > 0 && rawMs - wav.durationMs < ((576 + 2 * 576) * 1000) / 8000);
    }
  });

  it('exports VOX (Dialogic ADPCM) at 8 kHz by default, which decodes back to the call', async () => {
    const response = await get(`type=export&requestid=3&uniquefield=user2&uniqueid=mono-call&media_format=vox`);
    isFile(response, 'audio/x-vox', `${mono.ident}.vox`);
    const wav = recorded(mono);
    assert.equal(response.body.length, Math.ceil(wav.frames / 2), 'two samples a byte');
    assert.equal(Number(response.headers['content-length']), response.body.length);
    const decoded = new DialogicAdpcmDecoder().decode(response.body).subarray(0, wav.frames);
    const snr = snrDb(wav.channel(0), decoded);
    assert.ok(snr > 20, `SNR ${snr.toFixed(1)} dB; 4-bit ADPCM of a tone gives over 20 dB`);
  });

  it('exports VOX at 6 kHz with SAMPLERATE=6000, a stereo call mixed down to mono', async () => {
    const response = await get(`type=export&requestid=4&uniquefield=user2&uniqueid=10121968&media_format=vox&samplerate=6000`);
    isFile(response, 'audio/x-vox', `${stereo.ident}.vox`);
    const wav = recorded(stereo);
    const samples = Math.ceil((wav.frames * 6000) / 8000);
    assert.equal(response.body.length, Math.ceil(samples / 2));
    const decoded = new DialogicAdpcmDecoder().decode(response.body);
    const at = Math.round(((onset(wav.channel(0)) + 50 * 160) * 6000) / 8000);
    const caller = medianToneShare(decoded, 1000, 6000, at, 20);
    const agent = medianToneShare(decoded, 600, 6000, at, 20);
    assert.ok(caller + agent > 0.85, `the two parties' tones carry ${(caller + agent).toFixed(2)} of the energy at 6 kHz`);
    assert.ok(caller > 0.3 && agent > 0.2, 'both parties are heard');
  });

  it('exports CAV: the WAV, the Recording row and its blackout spans in one archive', async () => {
    const response = await get(`type=export&requestid=5&uniquefield=ANI&uniqueid=5551234&media_format=cav`);
    isFile(response, 'application/x-callwire-cav', `${stereo.ident}.cav`);
    assert.equal(Number(response.headers['content-length']), response.body.length);
    const cav = await readCav(response.body);
    assert.equal(cav.encrypted, false);
    assert.ok(readWavBytes(cav.wav).data.equals(recorded(stereo).data));
    const [row] = cav.metadata.recordings;
    assert.equal(row?.ident, stereo.ident);
    assert.deepEqual([row?.['user2'], row?.['ani'], row?.['dnis'], row?.['device_id']], ['10121968', '5551234', '8005550000', '7101']);
    assert.equal(cav.metadata.audio.frames, recorded(stereo).frames);
    assert.equal(row?.blackouts.length, 1, 'the blackout is carried');
    const span = row!.blackouts[0]!;
    assert.deepEqual([span.start, span.stop], [stereo.blackouts[0]!.start, stereo.blackouts[0]!.stop]);
    // BLACKOUTSTART went out after 25 packets (500 ms), BLACKOUTSTOP after 40.
    assert.ok(span.startOffsetMs >= 450 && span.startOffsetMs < 1500, `blackout starts ${span.startOffsetMs} ms in`);
    assert.ok(span.stopOffsetMs! - span.startOffsetMs >= 250 && span.stopOffsetMs! - span.startOffsetMs < 1000, 'about the 15 packets between the two requests');
  });

  it('exports an encrypted CAV that opens with the password and refuses a wrong one', async () => {
    const response = await get(`type=export&requestid=6&uniquefield=user2&uniqueid=mono-call&media_format=cav&encrypt=Y&password=${encodeURIComponent('s3cret pass')}`);
    isFile(response, 'application/x-callwire-cav', `${mono.ident}.cav`);
    assert.equal(Number(response.headers['content-length']), response.body.length);
    assert.ok(!response.body.includes(Buffer.from('mono-call')), 'no metadata in clear text');
    const cav = await readCav(response.body, 's3cret pass');
    assert.equal(cav.encrypted, true);
    assert.equal(cav.metadata.recordings[0]?.ident, mono.ident);
    assert.ok(readWavBytes(cav.wav).data.equals(recorded(mono).data));
    await assert.rejects(readCav(response.body, 'wrong'), (err: unknown) => err instanceof CavError && err.reason === 'wrong-password');
    await assert.rejects(readCav(response.body), (err: unknown) => err instanceof CavError && err.reason === 'password-required');
  });

  it('takes the most recent recording when UNIQUEFIELD is not unique (DEVICEID)', async () => {
    const client = await t.client();
    const later = await recordCall(t, client, { device: '7201', talks: [{ ssrc: 0x44, frequency: 400 }], packets: 10 });
    const response = await get('type=export&requestid=7&uniquefield=deviceid&uniqueid=7201&media_format=wav');
    isFile(response, 'audio/wav', `${later.ident}.wav`);
    assert.ok(readWavBytes(response.body).data.equals(recorded(later).data));
  });

  it('answers RESULT XML with API_INVALID_MESSAGE_FORMAT for missing or unknown parameters', async () => {
    const cases: [string, string][] = [
      ['type=export&requestid=8&uniqueid=10121968&media_format=wav', 'EXPORT needs UNIQUEFIELD'],
      ['type=export&requestid=8&uniquefield=user2&media_format=wav', 'EXPORT needs UNIQUEID'],
      ['type=export&requestid=8&uniquefield=user2&uniqueid=10121968', 'EXPORT needs MEDIA_FORMAT (wav, mp3, vox, cav)'],
      ['type=export&requestid=8&uniquefield=user2&uniqueid=10121968&media_format=ogg', "MEDIA_FORMAT 'ogg' is not one of wav, mp3, vox, cav"],
      ['type=export&requestid=8&uniquefield=colour&uniqueid=red&media_format=wav', "UNIQUEFIELD 'colour' is not a Recording column"],
      ['type=export&requestid=8&uniquefield=user2&uniqueid=10121968&media_format=vox&samplerate=11025', "SAMPLERATE '11025' must be 6000 or 8000"],
      ['type=export&requestid=8&uniquefield=user2&uniqueid=10121968&media_format=wav&samplerate=6000', 'SAMPLERATE applies to MEDIA_FORMAT vox only'],
      ['type=export&requestid=8&uniquefield=user2&uniqueid=10121968&media_format=cav&encrypt=Y', 'ENCRYPT=Y needs a PASSWORD'],
      ['type=export&requestid=8&uniquefield=user2&uniqueid=10121968&media_format=cav&password=x', 'PASSWORD was sent without ENCRYPT=Y'],
    ];
    for (const [query, message] of cases) {
      const response = await get(query);
      assert.equal(response.status, 200);
      assert.match(String(response.headers['content-type']), /^text\/xml/);
      const reply = response.body.toString('utf8');
      assert.equal(xmlTag(reply, 'REQUESTTYPE'), 'EXPORT');
      assert.equal(xmlTag(reply, 'REQUESTID'), '8');
      assert.equal(xmlTag(reply, 'RESULTCODE'), '16', query);
      assert.ok(xmlTag(reply, 'RESULTMSG')!.startsWith(message), `${query}: ${xmlTag(reply, 'RESULTMSG')}`);
    }
  });

  it('answers API_FILE_NOT_FOUND for no such recording, and for a recording whose file is gone', async () => {
    const none = (await get('type=export&requestid=9&uniquefield=user2&uniqueid=nobody&media_format=wav')).body.toString();
    assert.equal(xmlTag(none, 'RESULTCODE'), '41');
    assert.equal(xmlTag(none, 'RESULTTYPE'), 'API_FILE_NOT_FOUND');
    assert.equal(xmlTag(none, 'RESULTMSG'), "no recording has user2 = 'nobody'");
    const client = await t.client();
    const doomed = await recordCall(t, client, { device: '7102', talks: [{ ssrc: 0x55, frequency: 500 }], packets: 5, fields: { USER3: 'moved' } });
    renameSync(doomed.filename!, `${doomed.filename}.moved`);
    const gone = (await get('type=export&requestid=10&uniquefield=user3&uniqueid=moved&media_format=mp3')).body.toString();
    assert.equal(xmlTag(gone, 'RESULTCODE'), '41');
    assert.equal(xmlTag(gone, 'RESULTMSG'), `the audio file of recording ${doomed.ident} is missing`);
  });

  it('answers EXPORT on the TCP API with API_COMMAND_NOT_SUPPORTED, pointing at the WebAPI', async () => {
    const reply = await send(await t.client(), 'EXPORT', { UNIQUEFIELD: 'user2', UNIQUEID: '10121968', MEDIA_FORMAT: 'wav' });
    assert.equal(xmlTag(reply, 'RESULTCODE'), '49');
    assert.match(xmlTag(reply, 'RESULTMSG')!, /only available through the WebAPI/);
  });
});
