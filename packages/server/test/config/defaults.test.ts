import assert from 'node:assert/strict';
import { join } from 'node:path';
import { configSchema } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import { TempDir } from './temp-dir.js';

/** What `npm start` runs with when there is no config file, with paths under `dir`. */
function expectedDefaults(dir: string) {
  return {
    server: {
      host: '127.0.0.1',
      api: { port: 5620, maxMessageBytes: 65536, idleTimeoutSeconds: 600, maxClients: 1000, maxEventBacklogBytes: 1048576 },
      web: { port: 2012 },
    },
    storage: { driver: 'sqlite', path: join(dir, 'data', 'callwire.db') },
    recordings: { path: join(dir, 'data', 'recordings'), minFreeMb: 100 },
    events: { replayBuffer: 10000, heartbeatSeconds: 30 },
    log: { level: 'info' },
    auth: { required: false },
    plugins: [
      { use: 'rtp-recorder', enabled: true, options: { coreIdent: 1 } },
      { use: 'screen-metadata', enabled: true, options: { coreIdent: 1 } },
    ],
    schedules: [{ name: 'everything', record: true }],
    callList: { defaultCount: 100, maxCount: 1000 },
    terminology: {},
  };
}

describe('config defaults', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  it('without a file gives the npm start defaults, paths under cwd', () => {
    const config = loadConfig({ env: {}, cwd: dir.path });
    assert.deepEqual(config, expectedDefaults(dir.path));
  });

  it('the schema alone turns {} into the same defaults with relative paths', () => {
    const config = configSchema.parse({});
    assert.equal(config.storage.driver, 'sqlite');
    assert.deepEqual(config.storage, { driver: 'sqlite', path: './data/callwire.db' });
    assert.deepEqual(config.recordings, { path: './data/recordings', minFreeMb: 100 });
    assert.deepEqual(config.plugins, [
      { use: 'rtp-recorder', enabled: true, options: { coreIdent: 1 } },
      { use: 'screen-metadata', enabled: true, options: { coreIdent: 1 } },
    ]);
  });

  it('an empty file and a comments-only file give the defaults, paths under the file directory', () => {
    const empty = dir.write('conf/empty.yaml', '');
    const comments = dir.write('conf/comments.yml', '# nothing here yet\n\n# server:\n');
    const emptyJson = dir.write('conf/empty.json', '  \n');
    for (const file of [empty, comments, emptyJson]) {
      assert.deepEqual(loadConfig({ file, env: {}, cwd: dir.path }), expectedDefaults(dir.join('conf')));
    }
  });

  it('sections left empty in YAML keep their defaults', () => {
    const file = dir.write('c.yaml', 'server:\n  # host: 0.0.0.0\nlog:\n  level:\ntimezone:\nterminology:\n');
    const config = loadConfig({ file, env: {}, cwd: dir.path });
    assert.equal(config.server.host, '127.0.0.1');
    assert.equal(config.log.level, 'info');
    assert.equal(config.timezone, undefined);
    assert.deepEqual(config.terminology, {});
  });

  it('plugins: [] means no plugins, schedules: [] means no schedules', () => {
    const file = dir.write('c.yaml', 'plugins: []\nschedules: []\n');
    const config = loadConfig({ file, env: {}, cwd: dir.path });
    assert.deepEqual(config.plugins, []);
    assert.deepEqual(config.schedules, []);
  });

  it('giving plugins replaces the default recorder entirely', () => {
    const file = dir.write('c.yaml', 'plugins:\n  - use: smdr\n');
    const config = loadConfig({ file, env: {}, cwd: dir.path });
    assert.deepEqual(config.plugins, [{ use: 'smdr', enabled: true, options: {} }]);
  });

  it('returns a deeply frozen config', () => {
    const config = loadConfig({ env: {}, cwd: dir.path });
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.server.api));
    assert.ok(Object.isFrozen(config.plugins));
    assert.ok(Object.isFrozen(config.plugins[0]!.options));
    assert.ok(Object.isFrozen(config.schedules[0]));
    assert.throws(() => {
      (config.server.api as { port: number }).port = 1;
    }, TypeError);
    assert.throws(() => {
      (config.plugins as unknown[]).push({});
    }, TypeError);
  });

  it('each load returns fresh objects: freezing one result leaves the next one intact', () => {
    const first = loadConfig({ env: {}, cwd: dir.path });
    const second = loadConfig({ env: {}, cwd: dir.path });
    assert.notEqual(first.plugins[0]!.options, second.plugins[0]!.options);
    assert.deepEqual(configSchema.parse({}).plugins[0]!.options, { coreIdent: 1 });
    assert.equal(Object.isFrozen(configSchema.parse({}).plugins[0]!.options), false);
  });
});
