import assert from 'node:assert/strict';
import { z } from 'zod';
import { configSchema } from '../../src/config/config-schema.js';
import { formatIssuePath, formatZodIssues } from '../../src/config/issue-format.js';
import { isAddressOrCidr } from '../../src/config/network-address.js';
import { closestMatch, editDistance } from '../../src/config/suggest.js';

/** A plugin's own options schema, as a plugin author would write it. */
const serialOptions = z.strictObject({
  format: z.enum(['avaya-ipo', 'mitel']),
  serial: z.strictObject({ path: z.string(), baudRate: z.number().int() }),
  tcp: z.strictObject({ port: z.number().min(1).max(65535) }).optional(),
  lines: z.array(z.string()).min(1).optional(),
});

function failure(schema: z.ZodType, value: unknown, reportInput = false): z.ZodError {
  const result = schema.safeParse(value, { reportInput });
  assert.ok(!result.success, 'expected the value to be rejected');
  return result.error;
}

describe('formatIssuePath', () => {
  it('spells paths the way the file does', () => {
    assert.equal(formatIssuePath(['plugins', 2, 'options', 'baudRate']), 'plugins[2].options.baudRate');
    assert.equal(formatIssuePath(['server', 'api', 'port']), 'server.api.port');
    assert.equal(formatIssuePath([0, 'use']), '[0].use');
    assert.equal(formatIssuePath(['terminology', 'user 1']), 'terminology["user 1"]');
    assert.equal(formatIssuePath(['a.b']), '["a.b"]');
    assert.equal(formatIssuePath(['x-forwarded']), 'x-forwarded');
    assert.equal(formatIssuePath([]), '');
  });

  it('appends to a prefix', () => {
    assert.equal(formatIssuePath(['serial', 'baudRate'], 'plugins[2].options'), 'plugins[2].options.serial.baudRate');
    assert.equal(formatIssuePath([1], 'plugins'), 'plugins[1]');
  });
});

describe('formatZodIssues', () => {
  it("reports a plugin's bad options under the plugin's path", () => {
    const error = failure(serialOptions, { format: 'nec', serial: { path: '/dev/ttyS0', baudRate: 'fast' } });
    assert.deepEqual(formatZodIssues(error, 'plugins[2].options'), [
      "plugins[2].options.format: expected 'avaya-ipo' or 'mitel'",
      'plugins[2].options.serial.baudRate: expected number, got string',
    ]);
    assert.deepEqual(formatZodIssues(error, ['plugins', 2, 'options']), formatZodIssues(error, 'plugins[2].options'));
  });

  it('works without reportInput, and with it shows numbers', () => {
    const value = { format: 'mitel', serial: { path: '/dev/ttyS0', baudRate: 9600.5 } };
    assert.deepEqual(formatZodIssues(failure(serialOptions, value)), ['serial.baudRate: expected integer, got number']);
    assert.deepEqual(formatZodIssues(failure(serialOptions, value, true)), ['serial.baudRate: expected integer, got 9600.5']);
    assert.deepEqual(formatZodIssues(failure(serialOptions, { format: 'mitel' })), ['serial: required']);
  });

  it('describes ranges, empty lists and the top level in plain words', () => {
    const error = failure(serialOptions, { format: 'mitel', serial: { path: 'p', baudRate: 1 }, tcp: { port: 0 }, lines: [] });
    assert.deepEqual(formatZodIssues(error, 'plugins[0].options'), [
      'plugins[0].options.tcp.port: must be at least 1',
      'plugins[0].options.lines: must not be empty',
    ]);
    assert.deepEqual(formatZodIssues(failure(serialOptions, 'x', true)), ['(top level): expected an object, got string']);
    assert.deepEqual(formatZodIssues(failure(serialOptions, null), 'plugins[1].options'), ['plugins[1].options: expected an object, got null']);
  });

  it('keeps messages the schema author wrote', () => {
    const schema = z.object({ token: z.string().refine((t) => t.length >= 8, 'must be at least 8 characters; use a random string') });
    assert.deepEqual(formatZodIssues(failure(schema, { token: 'short' }), 'plugins[3].options'), [
      'plugins[3].options.token: must be at least 8 characters; use a random string',
    ]);
    const baud = z.object({ baudRate: z.number().refine((n) => n % 300 === 0, 'Invalid baud rate') });
    assert.deepEqual(formatZodIssues(failure(baud, { baudRate: 1000 })), ['baudRate: Invalid baud rate']);
  });

  it('suggests known keys when given the schema', () => {
    const error = failure(serialOptions, { format: 'mitel', serial: { path: 'p', baudrate: 1, baudRate: 2 }, fromat: 1 });
    assert.deepEqual(formatZodIssues(error, 'plugins[0].options', serialOptions), [
      "plugins[0].options.serial.baudrate: unknown key (did you mean 'baudRate'?)",
      "plugins[0].options.fromat: unknown key (did you mean 'format'?)",
    ]);
    assert.deepEqual(formatZodIssues(error, 'plugins[0].options'), [
      'plugins[0].options.serial.baudrate: unknown key',
      'plugins[0].options.fromat: unknown key',
    ]);
  });

  it('finds keys through arrays, defaults and the storage union of the config schema', () => {
    const error = failure(configSchema, { plugins: [{ use: 'x', enabeld: true }], storage: { driver: 'postgres', ulr: 'x' } });
    assert.deepEqual(formatZodIssues(error, '', configSchema), [
      'storage.url: required',
      "storage.ulr: unknown key (did you mean 'url'?)",
      "plugins[0].enabeld: unknown key (did you mean 'enabled'?)",
    ]);
  });

  it('describes unions by the types they accept', () => {
    const schema = z.object({ port: z.union([z.number(), z.string()]) });
    assert.deepEqual(formatZodIssues(failure(schema, { port: true }, true)), ['port: expected number or string, got true']);
    assert.deepEqual(formatZodIssues(failure(schema, {})), ['port: required']);
  });

  it('describes string formats', () => {
    const schema = z.object({ from: z.email(), prefix: z.string().startsWith('/') });
    assert.deepEqual(formatZodIssues(failure(schema, { from: 'nobody', prefix: 'pbx' })), [
      'from: must be an email address',
      "prefix: must start with '/'",
    ]);
  });
});

describe('closestMatch', () => {
  it('finds typos, transpositions and case slips', () => {
    assert.equal(closestMatch('sever', ['server', 'storage']), 'server');
    assert.equal(closestMatch('prot', ['port', 'host']), 'port');
    assert.equal(closestMatch('Timezone', ['timezone']), 'timezone');
    assert.equal(closestMatch('plugin', ['plugins', 'log']), 'plugins');
  });

  it('suggests nothing when no key is close', () => {
    assert.equal(closestMatch('host', ['port']), undefined);
    assert.equal(closestMatch('database', ['server', 'storage', 'recordings']), undefined);
    assert.equal(closestMatch('url', ['url']), undefined);
  });

  it('counts edits', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('ab', 'ba'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });
});

describe('isAddressOrCidr', () => {
  it('accepts addresses and ranges of both families', () => {
    for (const ok of ['127.0.0.1', '10.0.0.0/8', '0.0.0.0/0', '192.168.1.1/32', '::1', '::/0', 'fd00::/8', '2001:db8::1/128']) {
      assert.ok(isAddressOrCidr(ok), ok);
    }
  });

  it('rejects bad addresses and prefix lengths', () => {
    for (const bad of ['', 'localhost', '10.0.0', '256.0.0.1', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/8/8', '::1/129', 'fd00::/-1', '10.0.0.0/08x']) {
      assert.ok(!isAddressOrCidr(bad), bad);
    }
  });
});
