import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load-config.js';
import { expectConfigError } from './expect-config-error.js';
import { TempDir } from './temp-dir.js';

describe('config environment overrides', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  it('CALLWIRE_HOST, CALLWIRE_API_PORT and CALLWIRE_WEB_PORT override the file', () => {
    const file = dir.write('c.yaml', 'server:\n  host: 10.1.1.1\n  api: { port: 6000, maxClients: 7 }\n  web: { port: 6001 }\n');
    const env = { CALLWIRE_HOST: '0.0.0.0', CALLWIRE_API_PORT: '7000', CALLWIRE_WEB_PORT: '7001' };
    const config = loadConfig({ file, env, cwd: dir.path });
    assert.equal(config.server.host, '0.0.0.0');
    assert.equal(config.server.api.port, 7000);
    assert.equal(config.server.api.maxClients, 7);
    assert.equal(config.server.web.port, 7001);
  });

  it('overrides apply without a file too, and port 0 is allowed', () => {
    const env = { CALLWIRE_HOST: '::1', CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0' };
    const config = loadConfig({ env, cwd: dir.path });
    assert.deepEqual([config.server.host, config.server.api.port, config.server.web.port], ['::1', 0, 0]);
  });

  it('empty variables count as unset', () => {
    const env = { CALLWIRE_HOST: '', CALLWIRE_API_PORT: ' ', CALLWIRE_WEB_PORT: '', CALLWIRE_DATA_DIR: '', CALLWIRE_CONFIG: '' };
    const config = loadConfig({ env, cwd: dir.path });
    assert.deepEqual([config.server.host, config.server.api.port, config.server.web.port], ['127.0.0.1', 5620, 2012]);
    assert.equal(config.recordings.path, dir.join('data/recordings'));
  });

  it('CALLWIRE_DATA_DIR moves the default database and recordings', () => {
    const config = loadConfig({ env: { CALLWIRE_DATA_DIR: '/var/lib/callwire' }, cwd: dir.path });
    assert.deepEqual(config.storage, { driver: 'sqlite', path: '/var/lib/callwire/callwire.db' });
    assert.deepEqual(config.recordings, { path: '/var/lib/callwire/recordings', minFreeMb: 100 });
  });

  it('a relative CALLWIRE_DATA_DIR is relative to cwd, not to the config file', () => {
    const file = dir.write('etc/c.yaml', 'log: { level: warn }\n');
    const config = loadConfig({ file, env: { CALLWIRE_DATA_DIR: 'state' }, cwd: dir.path });
    assert.deepEqual(config.storage, { driver: 'sqlite', path: dir.join('state/callwire.db') });
    assert.equal(config.recordings.path, dir.join('state/recordings'));
  });

  it('CALLWIRE_DATA_DIR fills in sqlite without a path, and leaves paths the file set', () => {
    const file = dir.write('c.yaml', 'storage: { driver: sqlite }\nrecordings: { path: /srv/rec }\n');
    const config = loadConfig({ file, env: { CALLWIRE_DATA_DIR: '/data' }, cwd: dir.path });
    assert.deepEqual(config.storage, { driver: 'sqlite', path: '/data/callwire.db' });
    assert.equal(config.recordings.path, '/srv/rec');

    const other = dir.write('d.yaml', 'storage: { path: /db/x.sqlite }\nrecordings: {}\n');
    const second = loadConfig({ file: other, env: { CALLWIRE_DATA_DIR: '/data' }, cwd: dir.path });
    assert.deepEqual(second.storage, { driver: 'sqlite', path: '/db/x.sqlite' });
    assert.equal(second.recordings.path, '/data/recordings');
  });

  it('CALLWIRE_DATA_DIR leaves a postgres database alone but still moves recordings', () => {
    const file = dir.write('c.yaml', 'storage: { url: "postgres://db/callwire" }\n');
    const config = loadConfig({ file, env: { CALLWIRE_DATA_DIR: '/data' }, cwd: dir.path });
    assert.deepEqual(config.storage, { driver: 'postgres', url: 'postgres://db/callwire' });
    assert.equal(config.recordings.path, '/data/recordings');
  });

  it('a bad port variable is an error naming the variable', () => {
    const error = expectConfigError(() => loadConfig({ env: { CALLWIRE_API_PORT: 'abc' }, cwd: dir.path }));
    assert.deepEqual(error.issues, ["CALLWIRE_API_PORT: expected an integer port 0-65535, got 'abc'"]);
    assert.equal(error.message, "invalid config (no config file):\n  CALLWIRE_API_PORT: expected an integer port 0-65535, got 'abc'");
  });

  it('rejects out-of-range, negative and fractional ports, listing every bad variable after the file issues', () => {
    const file = dir.write('c.yaml', 'server: { api: { port: x } }\n');
    const env = { CALLWIRE_API_PORT: '65536', CALLWIRE_WEB_PORT: '-1' };
    const error = expectConfigError(() => loadConfig({ file, env, cwd: dir.path }));
    assert.deepEqual(error.issues, [
      'server.api.port: expected integer, got string',
      "CALLWIRE_API_PORT: expected an integer port 0-65535, got '65536'",
      "CALLWIRE_WEB_PORT: expected an integer port 0-65535, got '-1'",
    ]);
    const fractional = expectConfigError(() => loadConfig({ env: { CALLWIRE_WEB_PORT: '80.5' }, cwd: dir.path }));
    assert.deepEqual(fractional.issues, ["CALLWIRE_WEB_PORT: expected an integer port 0-65535, got '80.5'"]);
  });

  it('the default environment is process.env', () => {
    const saved = Object.entries(process.env).filter(([name]) => name.startsWith('CALLWIRE_'));
    for (const [name] of saved) delete process.env[name];
    process.env.CALLWIRE_WEB_PORT = '4321';
    try {
      assert.equal(loadConfig({ cwd: dir.path }).server.web.port, 4321);
    } finally {
      delete process.env.CALLWIRE_WEB_PORT;
      for (const [name, value] of saved) process.env[name] = value;
    }
  });
});
