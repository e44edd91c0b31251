import assert from 'node:assert/strict';
import { BUILT_IN_PLUGINS, loadPluginDefinition } from '../../src/host/plugin-loader.js';

describe('the built-in plugins the config error lists', () => {
  it('each loads by its short name and is named so', async () => {
    for (const use of BUILT_IN_PLUGINS) {
      const { definition } = await loadPluginDefinition(use);
      assert.equal(definition.name, use);
    }
  });
});
