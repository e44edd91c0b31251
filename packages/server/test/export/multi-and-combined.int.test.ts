import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readCav, type Recording } from '@callwire/core';
import { startTestHost, type TestHost } from '../support/test-host.js';
import { download, xmlTag } from './support/download.js';
import { scanMp3 } from './support/mp3-scan.js';
import { recordCall, recorderPlugins } from './support/recorded-calls.js';
import { medianToneShare, readWavBytes } from './support/wav-bytes.js';
import { readZip } from './support/zip-entries.js';

/**
 * MULTIEXPORT (a ZIP of files) and COMBINEDEXPORT (one file) over real
 * HTTP, of three recordings made from real RTP: stereo, mono, stereo, in
 * that order in time.
 */
describe('MULTIEXPORT and COMBINEDEXPORT: several recordings in one download', function () {
  this.timeout(60_000);
  let t: TestHost;
  let first: Recording;
  let second: Recording;
  let third: Recording;
  const get = (query: string) => download(`http://127.0.0.1:${t.webPort}/webAPI.php?${query}`);
  const recorded = (recording: Recording) => readWavBytes(readFileSync(recording.filename!));

  before(async () => {
    t = await startTestHost({ plugins: recorderPlugins() });
    const client = await t.client();
    first = await recordCall(t, client, { device: '7110', talks: [{ ssrc: 1, frequency: 1000 }, { ssrc: 2, frequency: 600 }], packets: 30 });
    second = await recordCall(t, client, { device: '7210', talks: [{ ssrc: 3, frequency: 800 }], packets: 20 });
    third = await recordCall(t, client, { device: '7111', talks: [{ ssrc: 4, frequency: 500 }, { ssrc: 5, frequency: 1500 }], packets: 25 });
  });
  after(() => t?.close());

  it('MULTIEXPORT: a ZIP with one file per IDENT, named <IDENT>.<format>, each the same as its own EXPORT', async () => {
    const idents = [third.ident, first.ident, second.ident];
    const response = await get(`type=multiexport&requestid=10482345&ident=${idents.join(',')}&media_format=wav`);
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/zip');
    assert.equal(response.headers['content-disposition'], `attachment; filename="recordings-${third.ident}-3.zip"`);
    const entries = readZip(response.body);
    assert.deepEqual(entries.map((e) => e.name), idents.map((ident) => `${ident}.wav`), 'in the order asked');
    assert.ok(entries.every((e) => e.method === 0), 'stored, not deflated');
    for (const [entry, recording] of entries.map((e, i) => [e, [third, first, second][i]!] as const)) {
      const single = await get(`type=export&requestid=1&uniquefield=ident&uniqueid=${recording.ident}&media_format=wav`);
      assert.ok(entry.data.equals(single.body), `${entry.name} is the EXPORT of ${recording.ident}`);
      assert.ok(readWavBytes(entry.data).data.equals(recorded(recording).data));
      assert.equal(entry.modified.getTime(), Math.floor(new Date(recording.recording_time).getTime() / 2000) * 2000, 'dated when recorded');
    }
  });

  it('MULTIEXPORT in MP3: every entry a valid MP3 as long as its recording', async () => {
    const response = await get(`type=MultiExport&requestid=2&ident=${first.ident},${second.ident}&media_format=mp3`);
    const entries = readZip(response.body);
    assert.deepEqual(entries.map((e) => e.name), [`${first.ident}.mp3`, `${second.ident}.mp3`]);
    for (const [entry, recording] of [[entries[0]!, first], [entries[1]!, second]] as const) {
      assert.equal(scanMp3(entry.data).decodedSamples, recorded(recording).frames);
    }
  });

  it('COMBINEDEXPORT: one WAV, recordings in time order whatever the IDENT order, as long as their sum', async () => {
    const response = await get(`type=combinedexport&requestid=10482345&ident=${third.ident},${second.ident},${first.ident}&media_format=wav`);
    assert.equal(response.headers['content-type'], 'audio/wav');
    assert.equal(response.headers['content-disposition'], `attachment; filename="combined-${first.ident}-3.wav"`);
    const combined = readWavBytes(response.body);
    const parts = [first, second, third].map(recorded);
    assert.equal(combined.frames, parts.reduce((sum, part) => sum + part.frames, 0), 'combined length is the sum');
    // One is mono: the rule makes the whole file stereo, the mono call on both sides.
    assert.equal(combined.channels, 2);
    assert.equal(combined.sampleRate, 8000);
    const [left, right] = [combined.channel(0), combined.channel(1)];
    assert.ok(combined.data.subarray(0, parts[0]!.data.length).equals(parts[0]!.data), 'the first (stereo) call unchanged');
    const monoStart = parts[0]!.frames;
    const mono = parts[1]!.channel(0);
    for (let i = 0; i < mono.length; i++) {
      if (left[monoStart + i] !== mono[i] || right[monoStart + i] !== mono[i]) assert.fail(`mono frame ${i} is not on both sides`);
    }
    const thirdStart = monoStart + parts[1]!.frames;
    assert.ok(combined.data.subarray(thirdStart * 4).equals(parts[2]!.data), 'the third call last');
    assert.ok(medianToneShare(left, 800, 8000, monoStart + 800, 10) > 0.9, 'the mono call\'s tone in the middle');
  });

  it('accepts the manual\'s COMBINEEXPORT spelling too, and combines into MP3 with the summed duration', async () => {
    const response = await get(`type=COMBINEEXPORT&requestid=3&ident=${first.ident},${third.ident}&media_format=mp3`);
    assert.equal(response.headers['content-type'], 'audio/mpeg');
    const mp3 = scanMp3(response.body);
    const total = recorded(first).frames + recorded(third).frames;
    assert.equal(mp3.decodedSamples, total);
    assert.ok(mp3.frames.slice(1).every((f) => f.channels === 2));
  });

  it('COMBINEDEXPORT as CAV: every recording\'s row and where it starts in the audio', async () => {
    const response = await get(`type=combinedexport&requestid=4&ident=${second.ident},${first.ident}&media_format=cav`);
    const cav = await readCav(response.body);
    assert.deepEqual(cav.metadata.recordings.map((r) => r.ident), [first.ident, second.ident]);
    assert.equal(cav.metadata.recordings[0]!.offsetMs, 0);
    assert.equal(cav.metadata.recordings[1]!.offsetMs, recorded(first).durationMs);
    assert.equal(cav.metadata.audio.frames, recorded(first).frames + recorded(second).frames);
    assert.equal(readWavBytes(cav.wav).frames, cav.metadata.audio.frames);
  });

  it('answers API_FILE_NOT_FOUND naming each missing IDENT, and API_INVALID_MESSAGE_FORMAT for a bad list', async () => {
    for (const type of ['multiexport', 'combinedexport']) {
      const missing = (await get(`type=${type}&requestid=5&ident=${first.ident},999998,${second.ident},999999&media_format=wav`)).body.toString();
      assert.equal(xmlTag(missing, 'RESULTCODE'), '41', type);
      assert.equal(xmlTag(missing, 'RESULTMSG'), 'no recording with IDENT 999998, 999999');
      assert.equal(xmlTag(missing, 'REQUESTTYPE'), type.toUpperCase());
      const bad = (await get(`type=${type}&requestid=5&ident=${first.ident},abc&media_format=wav`)).body.toString();
      assert.equal(xmlTag(bad, 'RESULTCODE'), '16');
      assert.equal(xmlTag(bad, 'RESULTMSG'), "IDENT 'abc' is not a recording ID");
      const none = (await get(`type=${type}&requestid=5&media_format=wav`)).body.toString();
      assert.equal(xmlTag(none, 'RESULTMSG'), `${type.toUpperCase()} needs IDENT`);
      const noFormat = (await get(`type=${type}&requestid=5&ident=${first.ident}`)).body.toString();
      assert.equal(xmlTag(noFormat, 'RESULTCODE'), '16');
    }
  });
});
