import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { TOKENS, type Storage } from '@callwire/core';
import { CallError, callErrorResult, type CallSignals } from '@callwire/plugin-api';
import { startTestHost } from '../support/test-host.js';

const DRIVER = fileURLToPath(new URL('../../../test/fixtures/plugins/call-driver.mjs', import.meta.url));
const SLOTS = Symbol.for('callwire.test.call-driver');

describe('a database failure reaches a plugin as a CallError it can answer', function () {
  this.timeout(20000);

  it('DATABASE_ERROR, answered 23 with the message the XML API gives, when the database is closed under the server', async () => {
    const t = await startTestHost({ plugins: [{ use: DRIVER, options: { slot: 'database' } }] });
    try {
      const calls = (globalThis as unknown as Record<symbol, Map<string, CallSignals>>)[SLOTS]!.get('database')!;
      await t.host.container.get<Storage>(TOKENS.Storage).close();
      const err = await calls.recordCallDetail({ deviceId: '4100', startTime: Date.now(), durationSeconds: 30, raw: 'smdr line' }).then(
        () => assert.fail('the record was taken with the database closed'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof CallError, `a CallError, not ${String(err)}`);
      assert.equal(err.reason, 'DATABASE_ERROR');
      assert.match(err.message, /^the database could not be used: /);
      assert.equal(callErrorResult(err).type, 'API_DATABASE_QUERY_ERROR');
    } finally {
      await t.close();
    }
  });
});
