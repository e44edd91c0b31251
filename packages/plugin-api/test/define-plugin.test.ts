import assert from 'node:assert/strict';
import { definePlugin, isPluginDefinition, z } from '../src/index.js';

const valid = { name: 'my-feed', kind: 'input' as const, hostVersion: '^0.1.0', options: z.object({}), create: () => ({ start() {}, stop() {} }) };

describe('definePlugin', () => {
  it('marks what it makes, so a host recognises it whichever copy of the package made it', () => {
    const plugin = definePlugin(valid);
    assert.ok(isPluginDefinition(plugin));
    assert.ok(Object.isFrozen(plugin));
    assert.ok(!isPluginDefinition({ ...valid }), 'a look-alike object made without definePlugin is not one');
  });

  it('refuses a bad declaration where it is written, naming what is wrong', () => {
    assert.throws(() => definePlugin({ ...valid, name: 'My Feed' }), /plugin name 'My Feed' must be lower-case letters, digits and dashes/);
    assert.throws(() => definePlugin({ ...valid, kind: 'output' as 'input' }), /plugin my-feed: kind must be 'input', 'recorder' or 'extension'/);
    assert.throws(() => definePlugin({ ...valid, options: {} as z.ZodObject }), /plugin my-feed: options must be a zod schema/);
    assert.throws(() => definePlugin({ ...valid, create: undefined as unknown as typeof valid.create }), /plugin my-feed: create must be a function/);
  });
});
