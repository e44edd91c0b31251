import assert from 'node:assert/strict';
import { onset, PACKET_FRAMES, PbxMediaSender, peak, readWav, slots, type TestHost, toneShare, type ToneStream } from '@callwire/plugin-kit/testing';
import { afterLastPacket, freePortBase, rtpCore, startCall, startRecorderHost, stopCall, TEST_JITTER_MS } from './support/calls.js';
import { assertRecorderHeader, assertSilent, assertWallClockLength } from './support/wav-assertions.js';

/** What the slots of a stream should hold: its tone, except where the test lost packets. */
const expected = (count: number, tone: string, silent: readonly number[] = []) =>
  Array.from({ length: count }, (_, k) => (silent.includes(k) ? 'silent' : tone));

describe('rtp-recorder: RTP reception through the API', function () {
  this.timeout(30_000);
  let host: TestHost;
  let pbx: PbxMediaSender;

  before(async () => {
    const base = freePortBase();
    host = await startRecorderHost([{ coreIdent: 1, channels: 4, portRange: [base, base + 19], jitterMs: TEST_JITTER_MS }]);
    pbx = await PbxMediaSender.open();
  });
  after(async () => {
    pbx?.close();
    await host?.close();
  });

  it('records a PCMU tone with reordered, duplicated, late and lost packets at wall-clock time', async () => {
    const before = rtpCore(host).stats();
    const call = await startCall(host, '7001');
    assert.equal(call.target.host, '127.0.0.1');
    // Sequence numbers and timestamps both wrap during the call.
    const tone: ToneStream = { ssrc: 0x1234abcd, payloadType: 0, frequency: 1000, firstSequence: 65_500, firstTimestamp: 0xfffff000 };
    const played = await pbx.play(call.target, [tone], 100, {
      drop: [40, 41, 42, 43, 44],
      duplicate: [10, 60],
      swap: [20, 70],
      delay: new Map([[50, 25]]), // 500 ms late: past the jitter buffer
    });
    await afterLastPacket();
    const stopped = await stopCall(host, '7001');
    assert.equal(stopped.fileName, call.fileName);

    const wav = readWav(stopped.fileName);
    assertRecorderHeader(wav, 2);
    assertWallClockLength(wav, call, stopped);
    const [left, right] = wav.samples as [Int16Array, Int16Array];
    const start = onset(left);
    const sentAt = (played.firstSentAt - call.startedAt) * 8;
    assert.ok(Math.abs(start - sentAt) <= 20 * 8, `tone starts at frame ${start}; the first packet went out at frame ${sentAt}`);
    assert.deepEqual(slots(left, start, 100, [1000]), expected(100, 'tone 1000', [40, 41, 42, 43, 44, 50]));
    const audioEnd = start + 100 * PACKET_FRAMES;
    // The file ends when CALLSTOP came, shortly after the last packet's 20 ms.
    const tail = (wav.frames - audioEnd) / 8;
    assert.ok(tail >= -20 && tail <= stopped.stopRepliedAt - played.endedAt + 20, `the file ends ${tail} ms after the audio`);
    assertSilent(wav, Math.min(audioEnd, wav.frames), wav.frames, 'after the last packet');
    assert.equal(peak(right, 0, wav.frames), 0, 'no second stream: the right channel is silent');

    const after = rtpCore(host).stats();
    assert.equal(after.received - before.received, 97, '95 packets, 2 of them twice');
    assert.equal(after.duplicates - before.duplicates, 2);
    assert.equal(after.late - before.late, 1);
    assert.equal(after.lost - before.lost, 6);
    assert.equal(after.resyncs - before.resyncs, 0);
  });

  it('records PCMA, stored as an audio/wav recording', async () => {
    const call = await startCall(host, '7011');
    await pbx.play(call.target, [{ ssrc: 77, payloadType: 8, frequency: 1000 }], 40, { drop: [20, 21] });
    await afterLastPacket();
    const wav = readWav((await stopCall(host, '7011')).fileName);
    const [row] = await host.recordings('7011');
    assert.deepEqual([row?.['filename'], row?.['media_type']], [call.fileName, 'audio/wav']);
    assertRecorderHeader(wav, 2);
    const left = wav.samples[0]!;
    assert.deepEqual(slots(left, onset(left), 40, [1000]), expected(40, 'tone 1000', [20, 21]));
  });

  it('records two SSRCs as the two sides of a stereo file', async () => {
    const call = await startCall(host, '7012');
    const a: ToneStream = { ssrc: 0xa, payloadType: 0, frequency: 1000 };
    const b: ToneStream = { ssrc: 0xb, payloadType: 8, frequency: 600, firstSequence: 9, firstTimestamp: 123 };
    await pbx.play(call.target, [a, b], 50);
    await afterLastPacket();
    const stopped = await stopCall(host, '7012');
    const wav = readWav(stopped.fileName);
    assertWallClockLength(wav, call, stopped);
    const [left, right] = wav.samples as [Int16Array, Int16Array];
    const start = onset(left);
    assert.ok(Math.abs(onset(right) - start) <= 20 * 8, 'both sides start together');
    assert.deepEqual(slots(left, start, 50, [1000, 600]), expected(50, 'tone 1000'));
    assert.deepEqual(slots(right, onset(right), 50, [1000, 600]), expected(50, 'tone 600'));
  });

  it('lets a new SSRC take over a side quiet for a second, and keeps a third live stream out', async () => {
    const before = rtpCore(host).stats();
    const call = await startCall(host, '7013');
    const streams: ToneStream[] = [
      { ssrc: 1, payloadType: 0, frequency: 1000, count: 30 }, // side A, then stops (the PBX re-INVITEs)
      { ssrc: 2, payloadType: 0, frequency: 600 }, // side B throughout
      { ssrc: 3, payloadType: 0, frequency: 400, firstSlot: 10, count: 5 }, // a third stream while A and B are live
      { ssrc: 4, payloadType: 0, frequency: 1500, firstSlot: 90 }, // A's replacement, 1.2 s after A went quiet
    ];
    await pbx.play(call.target, streams, 120);
    await afterLastPacket();
    const wav = readWav((await stopCall(host, '7013')).fileName);
    const [left, right] = wav.samples as [Int16Array, Int16Array];
    const tones = [1000, 1500, 600, 400];
    const start = onset(left);
    const leftSlots = slots(left, start, 90, tones);
    assert.deepEqual(leftSlots.slice(0, 30), expected(30, 'tone 1000'));
    // The new stream is placed from its own arrival, so its slot grid may sit a little off the first one's.
    assert.deepEqual(leftSlots.slice(30, 89), expected(59, 'silent'));
    const takeover = onset(left, 1000, start + 89 * PACKET_FRAMES);
    assert.ok(Math.abs(takeover - (start + 90 * PACKET_FRAMES)) <= 20 * 8, 'the new stream starts where it was sent');
    assert.deepEqual(slots(left, takeover, 30, tones), expected(30, 'tone 1500'));
    assert.deepEqual(slots(right, onset(right), 120, tones), expected(120, 'tone 600'));
    const after = rtpCore(host).stats();
    assert.equal(after.ssrcTakeovers - before.ssrcTakeovers, 1);
    assert.equal(after.ssrcRejected - before.ssrcRejected, 5);
  });

  it('counts and ignores garbage datagrams, and reads RTP with CSRCs, an extension and padding', async () => {
    const before = rtpCore(host).stats();
    const call = await startCall(host, '7014');
    const tone: ToneStream = { ssrc: 5, payloadType: 0, frequency: 1000, csrcs: 2, extensionWords: 1, padding: 3 };
    const valid = PbxMediaSender.packet(tone, 0);
    const garbage = [
      Buffer.from([0x80, 0x00, 0x01]), // too short
      Buffer.from(valid).fill(0x40, 0, 1), // RTP version 1
      Buffer.concat([Buffer.from([0x8f]), valid.subarray(1, 20)]), // 15 CSRCs announced, few present
      Buffer.concat([valid.subarray(0, valid.length - 1), Buffer.from([250])]), // padding longer than the packet
      Buffer.from([0x80, 101, ...valid.subarray(2, 12), 1, 2, 3, 4]), // telephone-event (dynamic payload type 101)
      Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 5, 0, 0, 0, 0]), // RTCP receiver report on the RTP port (RFC 5761)
      Buffer.from('SIP/2.0 200 OK\r\n\r\n'), // not RTP at all (version bits 01)
    ];
    const playing = pbx.play(call.target, [tone], 50);
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const datagram of garbage) await pbx.send(datagram, call.target);
    await playing;
    await afterLastPacket();
    const wav = readWav((await stopCall(host, '7014')).fileName);
    const left = wav.samples[0]!;
    assert.deepEqual(slots(left, onset(left), 50, [1000]), expected(50, 'tone 1000'));
    const after = rtpCore(host).stats();
    const delta = (key: keyof typeof after) => after[key] - before[key];
    assert.deepEqual(
      { tooShort: delta('tooShort'), badVersion: delta('badVersion'), badLength: delta('badLength'), unknownPayload: delta('unknownPayload'), rtcp: delta('rtcp') },
      { tooShort: 1, badVersion: 2, badLength: 2, unknownPayload: 1, rtcp: 1 },
    );
    assert.equal(delta('received'), 50);
    // The channel still works.
    const next = await startCall(host, '7014');
    await pbx.play(next.target, [{ ssrc: 6, payloadType: 0, frequency: 600 }], 10);
    await afterLastPacket();
    const again = readWav((await stopCall(host, '7014')).fileName).samples[0]!;
    assert.ok(toneShare(again, onset(again), 160, 600) > 0.9);
  });

  it('writes a valid file of silence, as long as the recording, when no stream ever arrives', async () => {
    const call = await startCall(host, '7015');
    await new Promise((resolve) => setTimeout(resolve, 700));
    const stopped = await stopCall(host, '7015');
    const wav = readWav(stopped.fileName);
    assertRecorderHeader(wav, 2);
    assertWallClockLength(wav, call, stopped);
    assert.ok(wav.durationMs >= 700);
    assertSilent(wav, 0, wav.frames, 'a recording without media');
  });
});
