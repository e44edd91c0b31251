import assert from 'node:assert/strict';
import { z } from '@callwire/plugin-api';
import { reconnectOptions, renamedOption } from '../src/index.js';

const plugin = renamedOption(z.strictObject({ port: z.int(), reconnect: reconnectOptions }), 'retry', 'reconnect');
const problems = (value: unknown) => {
  const result = plugin.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('reconnectOptions', () => {
  it('defaults to a first wait of 1 s and a longest of 30 s, absent or partly given', () => {
    assert.deepEqual(plugin.parse({ port: 1 }), { port: 1, reconnect: { initialMs: 1000, maxMs: 30000 } });
    assert.deepEqual(plugin.parse({ port: 1, reconnect: { maxMs: 60000 } }).reconnect, { initialMs: 1000, maxMs: 60000 });
  });

  it('names each bad value', () => {
    assert.deepEqual(problems({ port: 1, reconnect: { initialMs: 5000, maxMs: 100 } }), ['reconnect.initialMs: must not be more than maxMs (100)']);
    assert.deepEqual(problems({ port: 1, reconnect: { initialMs: 0.5, maxMs: 0, mx: 1 } }), [
      'reconnect.initialMs: expected a whole number of milliseconds',
      'reconnect.maxMs: must be at least 1 ms',
      'reconnect: Unrecognized key: "mx"',
    ]);
  });

  it('reads the old name of an option as the new one, and refuses both at once', () => {
    assert.deepEqual(plugin.parse({ port: 1, retry: { initialMs: 20, maxMs: 200 } }), { port: 1, reconnect: { initialMs: 20, maxMs: 200 } });
    assert.deepEqual(problems({ port: 1, retry: { initialMs: 20 }, reconnect: { initialMs: 20 } }), ["retry: 'retry' is the old name of 'reconnect': give only 'reconnect'"]);
  });
});
