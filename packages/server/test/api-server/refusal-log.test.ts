import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { OTHER_ADDRESSES, RefusalLog } from '../../src/api-server/refusal-log.js';
import { waitUntil } from './process-probe.js';

function logLines(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('RefusalLog', () => {
  it('logs the first refusal of an address at once, then one line per interval with the count since the last line, then forgets it', async () => {
    const { log, lines } = logLines();
    const refusals = new RefusalLog(log, { intervalMs: 100 });
    try {
      for (let i = 0; i < 5; i++) refusals.refused('10.1.1.1', 'address not in server.allow');
      refusals.refused('10.1.1.2', 'address not in server.allow');
      await waitUntil(() => lines.length >= 2, 'the first lines');
      assert.deepEqual(lines.map((l) => [l['remote'], l['refused']]), [['10.1.1.1', 1], ['10.1.1.2', 1]]);
      await waitUntil(() => lines.length >= 3, 'the line of the interval');
      assert.deepEqual([lines[2]!['remote'], lines[2]!['refused']], ['10.1.1.1', 4]);
      assert.match(String(lines[2]!['msg']), /refusing API client 10\.1\.1\.1: address not in server\.allow \(4 connections since the last line\)/);
      // a quiet interval: the address is forgotten, so its next refusal is logged at once again
      await waitUntil(() => (refusals as unknown as { entries: Map<string, unknown> }).entries.size === 0, 'the addresses to be forgotten');
      refusals.refused('10.1.1.1', 'address not in server.allow');
      await waitUntil(() => lines.length >= 4, 'the next line');
      assert.deepEqual([lines[3]!['remote'], lines[3]!['refused']], ['10.1.1.1', 1]);
      assert.equal(lines.length, 4);
    } finally {
      refusals.close();
    }
  });

  it('tracks a bounded number of addresses; the rest share one line', async () => {
    const { log, lines } = logLines();
    const refusals = new RefusalLog(log, { intervalMs: 60_000, maxAddresses: 3 });
    for (let i = 0; i < 100; i++) refusals.refused(`10.0.0.${i}`, 'address not in server.allow');
    refusals.close();
    await waitUntil(() => lines.length >= 5, 'the lines');
    assert.deepEqual(lines.map((l) => [l['remote'], l['refused']]), [['10.0.0.0', 1], ['10.0.0.1', 1], ['10.0.0.2', 1], [OTHER_ADDRESSES, 1], [OTHER_ADDRESSES, 96]]);
  });
});
