import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/index.js';
import { validateConfig } from '../../src/host/validate-config.js';
import { TempDir } from './temp-dir.js';

const POSTGRES = { driver: 'postgres', url: 'postgres://callwire:secret@db.example.internal/callwire' };
const CLUSTER = { nats: { servers: ['nats://127.0.0.1:4222'] }, node: 'api-1' };

describe('config: the cluster section', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  const file = (config: Record<string, unknown>) => dir.write('callwire.json', JSON.stringify({ server: { api: { port: 0 }, web: { port: 0 } }, ...config }));
  const problems = async (config: Record<string, unknown>, role: 'server' | 'core' = 'server') => {
    try {
      await validateConfig({ file: file(config), env: {} }, role);
    } catch (err) {
      assert.ok(err instanceof ConfigError, String(err));
      return err.message.split('\n').slice(1).map((line) => line.trim());
    }
    return [];
  };

  it('fills in the lease and request times; without plugins listed, a cluster process runs none (the single process records locally)', () => {
    const config = loadConfig({ file: file({ storage: POSTGRES, cluster: CLUSTER }), env: {} });
    assert.deepEqual([config.cluster?.leaseSeconds, config.cluster?.requestTimeoutMs, config.plugins], [5, 2000, []]);
    assert.equal(loadConfig({ file: file({}), env: {} }).plugins.length, 2, 'without a cluster, the default recorders stay');
  });

  it('refuses storage other than PostgreSQL, naming what to set', async () => {
    assert.deepEqual(await problems({ cluster: CLUSTER }), [
      'cluster: needs storage.driver postgres, which every node shares (storage is sqlite); set storage: { driver: postgres, url: postgres://… }',
    ]);
  });

  it('refuses recorder plugins on an API node and other plugins in a core process, and a core process without a cluster', async () => {
    assert.deepEqual(await problems({ storage: POSTGRES, cluster: CLUSTER, plugins: [{ use: 'rtp-recorder', options: { coreIdent: 1 } }] }), [
      "plugins[0] (rtp-recorder): in a cluster, recorder plugins run in 'callwire core' processes; list this API node's plugins without it (plugins: [] for none)",
    ]);
    const smdr = { use: 'smdr', options: { format: 'mitel', tcp: { connect: { host: '127.0.0.1', port: 1752 } } } };
    assert.deepEqual(await problems({ storage: POSTGRES, cluster: CLUSTER, plugins: [smdr] }, 'core'), [
      'plugins[0] (smdr): a core process runs recorder plugins only; run this input plugin on the API nodes',
    ]);
    assert.deepEqual(await problems({ plugins: [] }, 'core'), ['cluster: required by callwire core, which serves its recorders to the API nodes over NATS']);
    assert.deepEqual(await problems({ storage: POSTGRES, cluster: CLUSTER, plugins: [smdr] }), []);
  });

  it('refuses a node name that could not be a NATS subject token', async () => {
    const [line] = await problems({ storage: POSTGRES, cluster: { ...CLUSTER, node: 'api 1.x' } });
    assert.match(line!, /^cluster\.node: must be 1 to 64 letters, digits, - or _/);
  });
});
