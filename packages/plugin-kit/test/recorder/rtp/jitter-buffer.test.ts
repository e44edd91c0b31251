import assert from 'node:assert/strict';
import { JitterBuffer, SequenceExtender } from '../../../src/index.js';

describe('SequenceExtender', () => {
  it('keeps counting across the 16-bit wrap, forwards and backwards', () => {
    const seq = new SequenceExtender();
    assert.deepEqual([65534, 65535, 0, 1, 65535, 2].map((s) => seq.extend(s)), [65534, 65535, 65536, 65537, 65535, 65538]);
    assert.equal(seq.max, 65538);
  });

  it('treats a packet from before the start as earlier', () => {
    const seq = new SequenceExtender();
    assert.deepEqual([0, 65535, 1].map((s) => seq.extend(s)), [0, -1, 1]);
  });
});

describe('JitterBuffer', () => {
  const drain = (buffer: JitterBuffer<string>, playout: number) => {
    const out: string[] = [];
    buffer.release(playout, (p) => out.push(p.item));
    return out;
  };

  it('gives packets back in sequence order once their audio is due', () => {
    const loss = { lost: 0 };
    const buffer = new JitterBuffer<string>(loss);
    assert.equal(buffer.offer(11, 160, 'b'), 'accepted');
    assert.equal(buffer.offer(10, 0, 'a'), 'accepted');
    assert.equal(buffer.offer(12, 320, 'c'), 'accepted');
    assert.deepEqual(drain(buffer, 200), ['a', 'b']);
    assert.deepEqual(drain(buffer, 1000), ['c']);
    assert.equal(loss.lost, 0);
  });

  it('refuses duplicates, waiting or already played, and late packets', () => {
    const buffer = new JitterBuffer<string>();
    buffer.offer(1, 0, 'a');
    assert.equal(buffer.offer(1, 0, 'a'), 'duplicate');
    buffer.offer(3, 320, 'c');
    drain(buffer, 1000);
    assert.equal(buffer.offer(1, 0, 'a'), 'duplicate');
    assert.equal(buffer.offer(2, 160, 'b'), 'late');
  });

  it('counts the sequence numbers missing when their turn came', () => {
    const loss = { lost: 0 };
    const buffer = new JitterBuffer<string>(loss);
    for (const seq of [65534, 65535, 65539, 65540]) buffer.offer(seq, (seq - 65534) * 160, String(seq));
    assert.deepEqual(drain(buffer, 10_000), ['65534', '65535', '65539', '65540']);
    assert.equal(loss.lost, 3);
  });

  it('releases early past its capacity', () => {
    const buffer = new JitterBuffer<string>({ lost: 0 }, 2);
    for (const seq of [1, 2, 3, 4]) buffer.offer(seq, 100_000 + seq, String(seq));
    assert.deepEqual(drain(buffer, 0), ['1', '2']);
    assert.equal(buffer.size, 2);
  });
});
