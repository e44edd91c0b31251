import assert from 'node:assert/strict';
import { parseRtpPacket, type RtpPacket } from '../../../src/index.js';

const header = (first: number, second: number, extra: number[] = []) =>
  Buffer.from([first, second, 0xff, 0xfe, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x02, 0x03, 0x04, ...extra]);

describe('parseRtpPacket', () => {
  it('reads the fixed header: marker, payload type, sequence, timestamp, SSRC, payload', () => {
    const packet = parseRtpPacket(header(0x80, 0x88, [1, 2, 3])) as RtpPacket;
    assert.equal(packet.marker, true);
    assert.equal(packet.payloadType, 8);
    assert.equal(packet.sequence, 0xfffe);
    assert.equal(packet.timestamp, 0x89abcdef);
    assert.equal(packet.ssrc, 0x01020304);
    assert.deepEqual([...packet.payload], [1, 2, 3]);
  });

  it('skips the CSRC list, the header extension and the padding', () => {
    const csrcs = [0, 0, 0, 1, 0, 0, 0, 2];
    const extension = [0xbe, 0xde, 0x00, 0x01, 9, 9, 9, 9];
    const datagram = header(0x80 | 0x20 | 0x10 | 2, 0x00, [...csrcs, ...extension, 0x11, 0x22, 0, 0, 3]);
    const packet = parseRtpPacket(datagram) as RtpPacket;
    assert.deepEqual([...packet.payload], [0x11, 0x22]);
  });

  it('names what is wrong with a datagram that is not usable RTP', () => {
    assert.equal(parseRtpPacket(Buffer.alloc(11, 0x80)), 'too-short');
    assert.equal(parseRtpPacket(header(0x40, 0)), 'bad-version');
    assert.equal(parseRtpPacket(header(0x00, 0)), 'bad-version');
    assert.equal(parseRtpPacket(header(0x83, 0, [0, 0, 0, 1])), 'bad-length'); // 3 CSRCs announced, 1 present
    assert.equal(parseRtpPacket(header(0x90, 0, [0xbe, 0xde, 0, 5, 1, 1, 1, 1])), 'bad-length'); // 5 extension words, 1 present
    assert.equal(parseRtpPacket(header(0xa0, 0, [1, 2, 9])), 'bad-length'); // 9 bytes of padding in 3
    assert.equal(parseRtpPacket(header(0xa0, 0, [1, 2, 0])), 'bad-length'); // padding count 0
    assert.equal(parseRtpPacket(header(0x81, 200, [0, 0, 0, 0])), 'rtcp'); // a sender report on the RTP port
  });

  it('accepts an RTP packet with an empty payload', () => {
    const packet = parseRtpPacket(header(0x80, 0)) as RtpPacket;
    assert.equal(packet.payload.length, 0);
  });
});
