import assert from 'node:assert/strict';
import { G722Decoder, G722Encoder } from '../../../src/index.js';
import { mix, noise, peak, sine } from '../../support/audio-measures.js';

/** One second of speech-band and high-band content, encoded: 8000 payload bytes. */
function encodedSecond(): Uint8Array {
  return new G722Encoder().encode(mix(sine(440, 6000, 16000), sine(5500, 3000, 16000), noise(1500, 16000, 7)));
}

describe('G722Decoder', () => {
  it('decodes each byte into two 16 kHz samples', () => {
    const payload = encodedSecond();
    assert.equal(new G722Decoder().decode(payload.subarray(0, 160)).length, 320);
    assert.equal(new G722Decoder().decode(payload).length, 16000);
  });

  it('carries its state across calls: a payload in two halves decodes as at once', () => {
    const payload = encodedSecond();
    const whole = new G722Decoder().decode(payload);
    const decoder = new G722Decoder();
    const first = decoder.decode(payload.subarray(0, 3001));
    const second = decoder.decode(payload.subarray(3001));
    assert.deepEqual(Int16Array.from([...first, ...second]), whole);
  });

  it('decodes RTP-sized packets (160 bytes, 20 ms) as the whole stream', () => {
    const payload = encodedSecond();
    const whole = new G722Decoder().decode(payload);
    const decoder = new G722Decoder();
    const out = new Int16Array(320);
    for (let at = 0; at < payload.length; at += 160) {
      const samples = decoder.decode(payload.subarray(at, at + 160), out);
      assert.equal(samples, out, 'an out of the exact size is returned itself');
      assert.deepEqual(samples, whole.subarray(at * 2, at * 2 + 320), `packet at byte ${at}`);
    }
  });

  it('reset() starts a new stream: the same payload decodes as on a fresh decoder', () => {
    const payload = encodedSecond();
    const decoder = new G722Decoder();
    const fresh = decoder.decode(payload.subarray(0, 800));
    decoder.decode(payload.subarray(800, 4000));
    assert.notDeepEqual(decoder.decode(payload.subarray(0, 800)), fresh, 'without reset the state differs');
    decoder.reset();
    assert.deepEqual(decoder.decode(payload.subarray(0, 800)), fresh);
  });

  it('turns encoded silence into near-silence', () => {
    const payload = new G722Encoder().encode(new Int16Array(16000));
    const output = new G722Decoder().decode(payload);
    assert.ok(peak(output) <= 16, `peak ${peak(output)}`); // below -66 dBFS
  });

  it('decodes an empty payload to no samples', () => {
    assert.equal(new G722Decoder().decode(new Uint8Array(0)).length, 0);
    assert.equal(new G722Decoder().decode(new Uint8Array(0), new Int16Array(8)).length, 0);
  });

  it('writes into a longer out at its start and returns a view of the samples', () => {
    const payload = encodedSecond().subarray(0, 10);
    const out = new Int16Array(64).fill(123);
    const samples = new G722Decoder().decode(payload, out);
    assert.equal(samples.length, 20);
    assert.equal(samples.buffer, out.buffer);
    assert.deepEqual(samples, new G722Decoder().decode(payload));
    assert.equal(out[20], 123, 'nothing written past the samples');
  });

  it('refuses an out too short, naming both sizes', () => {
    assert.throws(() => new G722Decoder().decode(new Uint8Array(160), new Int16Array(160)), {
      name: 'RangeError',
      message: 'G.722 decode: out holds 160 samples, the payload of 160 bytes decodes to 320',
    });
  });
});

describe('G722Encoder', () => {
  it('encodes each sample pair into one byte, its state carried across calls', () => {
    const input = mix(sine(440, 6000, 16000), noise(2000, 16000, 3));
    const whole = new G722Encoder().encode(input);
    assert.equal(whole.length, 8000);
    const encoder = new G722Encoder();
    const parts = [encoder.encode(input.subarray(0, 5000)), encoder.encode(input.subarray(5000))];
    assert.deepEqual(Uint8Array.from([...parts[0]!, ...parts[1]!]), whole);
  });

  it('refuses an odd number of samples and an out too short', () => {
    assert.throws(() => new G722Encoder().encode(new Int16Array(3)), { name: 'RangeError', message: 'G.722 encode: takes samples in pairs, got 3' });
    assert.throws(() => new G722Encoder().encode(new Int16Array(8), new Uint8Array(2)), {
      name: 'RangeError',
      message: 'G.722 encode: out holds 2 bytes, 8 samples encode to 4',
    });
  });
});
