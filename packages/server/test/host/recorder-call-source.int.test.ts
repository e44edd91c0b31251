import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { RecorderContext } from '@callwire/plugin-api';
import { startTestHost } from '@callwire/plugin-kit/testing';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/plugins/${name}`, import.meta.url));
const contextOf = (slot: string) => (globalThis as unknown as Record<symbol, Map<string, RecorderContext>>)[Symbol.for('callwire.test.recorder-context')]!.get(slot)!;

describe('a recorder that is also the source of its calls (callSource: true)', function () {
  this.timeout(20000);

  it('gets the call path in its context, and a recorder without callSource does not', async () => {
    const host = await startTestHost({
      plugins: [
        { use: fixture('call-source-recorder.mjs'), options: { slot: 'source' } },
        { use: fixture('plain-recorder.mjs'), options: { slot: 'plain' } },
      ],
    });
    try {
      const source = contextOf('source');
      assert.equal(typeof source.calls?.start, 'function');
      assert.equal(contextOf('plain').calls, undefined);
      const started = await source.calls!.start({ deviceId: '7300' }, { ani: '6145551212' });
      assert.deepEqual([started.deviceId, started.fields.ani], ['7300', '6145551212']);
      assert.equal((await host.event('CALLSTART', '7300')).data['ANI'], '6145551212');
    } finally {
      await host.close();
    }
  });
});
