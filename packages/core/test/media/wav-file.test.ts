import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WavFormatError, wavHeader } from '@callwire/plugin-kit';
import { WavFile } from '../../src/media/index.js';
import { drain } from './pcm-helpers.js';

/** A RIFF file from chunks [id, body]. */
function riff(chunks: [string, Buffer][]): Buffer {
  const parts = chunks.map(([id, body]) => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'latin1');
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  });
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + parts.reduce((n, p) => n + p.length, 0), 4);
  head.write('WAVE', 8, 'latin1');
  return Buffer.concat([head, ...parts]);
}

function fmt(tag: number, channels: number, rate: number, bits: number, extensible = false): Buffer {
  const body = Buffer.alloc(extensible ? 40 : 16);
  body.writeUInt16LE(extensible ? 0xfffe : tag, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(rate, 4);
  body.writeUInt32LE((rate * channels * bits) / 8, 8);
  body.writeUInt16LE((channels * bits) / 8, 12);
  body.writeUInt16LE(bits, 14);
  if (extensible) {
    body.writeUInt16LE(22, 16);
    body.writeUInt16LE(tag, 24); // the sub-format GUID starts with the format tag
  }
  return body;
}

const pcm = (...samples: number[]) => {
  const bytes = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => bytes.writeInt16LE(s, i * 2));
  return bytes;
};

describe('WavFile: reading recorded WAV files', () => {
  let dir: string;
  const file = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  before(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-wav-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the canonical header the exporter writes, and its samples', async () => {
    const samples = [0, 1, -1, 32767, -32768, 1234];
    const wav = await WavFile.open(file('a.wav', Buffer.concat([wavHeader({ sampleRate: 8000, channels: 2 }, 3), pcm(...samples)])));
    assert.deepEqual([wav.info.encoding, wav.info.channels, wav.info.sampleRate, wav.info.dataOffset, wav.frames], ['pcm16', 2, 8000, 44, 3]);
    assert.deepEqual([...(await drain(wav.source()))], samples);
  });

  it('skips chunks before the data (LIST, odd-sized with its pad byte) and reads WAVE_FORMAT_EXTENSIBLE', async () => {
    const bytes = riff([['fmt ', fmt(1, 1, 16000, 16, true)], ['LIST', Buffer.from('INFOabc')], ['data', pcm(5, 6, 7)]]);
    const wav = await WavFile.open(file('b.wav', bytes));
    assert.deepEqual([wav.info.sampleRate, wav.info.channels, wav.frames], [16000, 1, 3]);
    assert.deepEqual([...(await drain(wav.source()))], [5, 6, 7]);
  });

  it('expands µ-law and A-law, and 8-bit PCM, to 16-bit samples', async () => {
    const mulaw = await WavFile.open(file('u.wav', riff([['fmt ', fmt(7, 1, 8000, 8)], ['data', Buffer.from([0xff, 0x7f, 0x00, 0x80])]])));
    assert.deepEqual([...(await drain(mulaw.source()))], [0, 0, -32124, 32124]);
    const alaw = await WavFile.open(file('a-law.wav', riff([['fmt ', fmt(6, 1, 8000, 8)], ['data', Buffer.from([0xd5, 0x55, 0x2a, 0xaa])]])));
    assert.deepEqual([...(await drain(alaw.source()))], [8, -8, -32256, 32256]);
    const eight = await WavFile.open(file('8.wav', riff([['fmt ', fmt(1, 1, 8000, 8)], ['data', Buffer.from([128, 255, 0])]])));
    assert.deepEqual([...(await drain(eight.source()))], [0, 127 << 8, -32768]);
  });

  it('takes a data size of 0 or past the end (a recorder that died mid-call) as "to the end of the file", in whole frames', async () => {
    const header = wavHeader({ sampleRate: 8000, channels: 2 }, 0);
    const crashed = await WavFile.open(file('c.wav', Buffer.concat([header, pcm(1, 2, 3, 4), Buffer.from([9])])));
    assert.equal(crashed.frames, 2);
    assert.deepEqual([...(await drain(crashed.source()))], [1, 2, 3, 4]);
    const long = Buffer.concat([wavHeader({ sampleRate: 8000, channels: 1 }, 1000), pcm(1, 2)]);
    assert.equal((await WavFile.open(file('d.wav', long))).frames, 2);
  });

  it('streams a large file in chunks that add up to every sample', async () => {
    const frames = 300_000;
    const data = Buffer.alloc(frames * 2);
    for (let i = 0; i < frames; i++) data.writeInt16LE((i % 60000) - 30000, i * 2);
    const wav = await WavFile.open(file('big.wav', Buffer.concat([wavHeader({ sampleRate: 8000, channels: 1 }, frames), data])));
    let count = 0;
    let chunks = 0;
    for await (const chunk of wav.source().chunks()) {
      for (let i = 0; i < chunk.length; i++) if (chunk[i] !== ((count + i) % 60000) - 30000) assert.fail(`sample ${count + i}`);
      count += chunk.length;
      chunks++;
    }
    assert.equal(count, frames);
    assert.ok(chunks > 5, 'read in several chunks, not at once');
  });

  it('refuses what it cannot read with WavFormatError, and a missing file with ENOENT', async () => {
    await assert.rejects(WavFile.open(file('x.wav', Buffer.from('not a wav file at all'))), WavFormatError);
    await assert.rejects(WavFile.open(file('g.wav', riff([['fmt ', fmt(0x55, 1, 8000, 0)], ['data', Buffer.alloc(4)]]))), /format tag 85/);
    await assert.rejects(WavFile.open(file('h.wav', riff([['fmt ', fmt(1, 6, 8000, 16)], ['data', Buffer.alloc(12)]]))), /6 channels/);
    await assert.rejects(WavFile.open(file('t.wav', riff([['fmt ', fmt(1, 1, 8000, 16)]]))), /ends inside its WAV header/);
    await assert.rejects(WavFile.open(join(dir, 'nope.wav')), { code: 'ENOENT' });
  });
});
