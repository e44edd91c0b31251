import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load-config.js';

const EXAMPLE = join('examples', 'callwire.example.yaml');

/** The repository's example config, found above this test file or the working directory. */
function findExample(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, EXAMPLE))) return join(dir, EXAMPLE);
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`${EXAMPLE} not found above ${process.cwd()}`);
}

describe('examples/callwire.example.yaml', () => {
  it('loads cleanly and matches the npm start defaults where it should', () => {
    const file = findExample();
    const base = dirname(file);
    const config = loadConfig({ file, env: {}, cwd: '/' });
    assert.deepEqual(config.server, {
      host: '127.0.0.1',
      api: { port: 5620, maxMessageBytes: 65536, idleTimeoutSeconds: 600, maxClients: 1000, maxEventBacklogBytes: 1048576 },
      web: { port: 2012 },
    });
    assert.deepEqual(config.storage, { driver: 'sqlite', path: join(base, 'data', 'callwire.db') });
    assert.deepEqual(config.recordings, { path: join(base, 'data', 'recordings'), minFreeMb: 100 });
    assert.deepEqual(config.log, { level: 'info' });
    assert.deepEqual(config.auth, { required: false });
    assert.deepEqual(config.schedules, [{ name: 'everything', record: true }]);
    assert.deepEqual(
      config.plugins.map((plugin) => [plugin.use, plugin.enabled]),
      [['rtp-recorder', true], ['smdr', false], ['tapi', false], ['websocket-input', false]],
    );
    assert.deepEqual(config.plugins[0]!.options, {
      coreIdent: 1,
      channels: 16,
      portRange: [40000, 40999],
      static: [{ channel: 17, device: '7002', port: 41000 }],
    });
    assert.deepEqual(config.terminology, { deviceid: 'Voice Port', user1: 'Account Number' });
  });
});

describe('examples/cluster: the README\'s three-node cluster', () => {
  const dir = join(dirname(findExample()), 'cluster');
  const load = (name: string) => loadConfig({ file: join(dir, name), env: {}, cwd: '/' });

  it('loads cleanly: two API nodes alike but for their names, and a core process with a recorder', () => {
    const [api1, api2, core] = ['api-1.yaml', 'api-2.yaml', 'core-1.yaml'].map(load);
    assert.deepEqual([api1!.cluster?.node, api2!.cluster?.node, core!.cluster?.node], ['api-1', 'api-2', 'core-1']);
    assert.deepEqual({ ...api1, cluster: { ...api1!.cluster, node: 'api-2' } }, api2);
    for (const config of [api1!, api2!, core!]) assert.equal(config.storage.driver, 'postgres');
    assert.deepEqual(api1!.plugins.map((plugin) => plugin.use), ['smdr']);
    assert.deepEqual(core!.plugins.map((plugin) => plugin.use), ['rtp-recorder']);
  });
});
