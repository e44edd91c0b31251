import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load-config.js';
import { TempDir } from './temp-dir.js';

const YAML_CONFIG = `
server:
  host: 0.0.0.0
  api: { port: 6000, maxMessageBytes: 1024, idleTimeoutSeconds: 0, maxClients: 5, maxEventBacklogBytes: 4096 }
  web: { port: 8080 }
  tls: { cert: /etc/callwire/cert.pem, key: /etc/callwire/key.pem }
  allow: [10.0.0.0/8, 192.168.1.7, "::1", "fd00::/8"]
storage: { driver: postgres, url: "postgresql://callwire:secret@db/callwire" }
recordings: { path: /srv/recordings }
timezone: America/New_York
log: { level: debug, pretty: true }
email:
  smtp: { host: mail.example.com, port: 587, secure: false, auth: { user: rec, pass: pw } }
  from: recorder@example.com
auth: { required: true }
plugins:
  - use: smdr
    id: main-pbx
    options: { format: mitel, serial: { path: /dev/ttyUSB0, baudRate: 9600 } }
  - { use: tapi, enabled: false }
schedules:
  - { name: sales, record: 25, groups: [Sales], days: [mon, tue] }
terminology: { deviceid: Voice Port, user1: Account Number }
`;

describe('config files', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  it('reads every section from a YAML file', () => {
    const file = dir.write('callwire.yaml', YAML_CONFIG);
    const config = loadConfig({ file, env: {}, cwd: dir.path });
    assert.deepEqual(config.server, {
      host: '0.0.0.0',
      api: { port: 6000, maxMessageBytes: 1024, idleTimeoutSeconds: 0, maxClients: 5, maxEventBacklogBytes: 4096 },
      web: { port: 8080 },
      tls: { port: 2013, cert: '/etc/callwire/cert.pem', key: '/etc/callwire/key.pem' },
      allow: ['10.0.0.0/8', '192.168.1.7', '::1', 'fd00::/8'],
    });
    assert.deepEqual(config.storage, { driver: 'postgres', url: 'postgresql://callwire:secret@db/callwire' });
    assert.deepEqual(config.recordings, { path: '/srv/recordings', minFreeMb: 100 });
    assert.equal(config.timezone, 'America/New_York');
    assert.deepEqual(config.log, { level: 'debug', pretty: true });
    assert.deepEqual(config.email, {
      smtp: { host: 'mail.example.com', port: 587, secure: false, auth: { user: 'rec', pass: 'pw' } },
      from: 'recorder@example.com',
    });
    assert.deepEqual(config.auth, { required: true });
    assert.deepEqual(config.plugins, [
      { use: 'smdr', id: 'main-pbx', enabled: true, options: { format: 'mitel', serial: { path: '/dev/ttyUSB0', baudRate: 9600 } } },
      { use: 'tapi', enabled: false, options: {} },
    ]);
    assert.deepEqual(config.schedules, [{ name: 'sales', record: 25, groups: ['Sales'], days: ['mon', 'tue'] }]);
    assert.deepEqual(config.terminology, { deviceid: 'Voice Port', user1: 'Account Number' });
  });

  it('reads a JSON file, and .yml and other extensions as YAML', () => {
    const json = dir.write('c.json', JSON.stringify({ server: { api: { port: 7001 } }, log: { level: 'warn' } }));
    const yml = dir.write('c.yml', 'server: { api: { port: 7002 } }\n');
    const conf = dir.write('callwire.conf', 'server: { api: { port: 7003 } }\n');
    assert.equal(loadConfig({ file: json, env: {}, cwd: dir.path }).server.api.port, 7001);
    assert.equal(loadConfig({ file: json, env: {}, cwd: dir.path }).log.level, 'warn');
    assert.equal(loadConfig({ file: yml, env: {}, cwd: dir.path }).server.api.port, 7002);
    assert.equal(loadConfig({ file: conf, env: {}, cwd: dir.path }).server.api.port, 7003);
  });

  it('takes the file from CALLWIRE_CONFIG when no file is given, relative to cwd', () => {
    dir.write('etc/callwire.yaml', 'server: { web: { port: 9001 } }\n');
    const config = loadConfig({ env: { CALLWIRE_CONFIG: 'etc/callwire.yaml' }, cwd: dir.path });
    assert.equal(config.server.web.port, 9001);
    assert.equal(config.storage.driver === 'sqlite' && config.storage.path, dir.join('etc', 'data', 'callwire.db'));
  });

  it('prefers the file argument over CALLWIRE_CONFIG', () => {
    const file = dir.write('a.yaml', 'server: { web: { port: 9002 } }\n');
    dir.write('b.yaml', 'server: { web: { port: 9003 } }\n');
    const config = loadConfig({ file, env: { CALLWIRE_CONFIG: dir.join('b.yaml') }, cwd: dir.path });
    assert.equal(config.server.web.port, 9002);
  });

  it('resolves relative paths against the config file directory', () => {
    const file = dir.write(
      'etc/callwire.yaml',
      [
        'server: { tls: { cert: ./tls/cert.pem, key: tls/key.pem } }',
        'storage: { path: ../var/db.sqlite }',
        'recordings: { path: rec }',
        'plugins:',
        '  - use: ./plugins/mine.js',
        '  - use: ../shared/other.js',
        '  - use: rtp-recorder',
        '  - use: "@acme/callwire-plugin-pbx"',
        '  - use: /opt/plugins/abs.js',
      ].join('\n'),
    );
    const config = loadConfig({ file, env: {}, cwd: '/' });
    assert.deepEqual(config.server.tls, { port: 2013, cert: dir.join('etc/tls/cert.pem'), key: dir.join('etc/tls/key.pem') });
    assert.deepEqual(config.storage, { driver: 'sqlite', path: dir.join('var/db.sqlite') });
    assert.equal(config.recordings.path, dir.join('etc/rec'));
    assert.deepEqual(
      config.plugins.map((plugin) => plugin.use),
      [dir.join('etc/plugins/mine.js'), dir.join('shared/other.js'), 'rtp-recorder', '@acme/callwire-plugin-pbx', '/opt/plugins/abs.js'],
    );
  });

  it('resolves a relative file argument against cwd, and its paths against the file', () => {
    dir.write('conf/c.yaml', 'recordings: { path: ./rec }\n');
    const config = loadConfig({ file: 'conf/c.yaml', env: {}, cwd: dir.path });
    assert.equal(config.recordings.path, dir.join('conf/rec'));
  });

  it('keeps an in-memory SQLite database as it is', () => {
    const file = dir.write('c.yaml', 'storage: { driver: sqlite, path: ":memory:" }\n');
    assert.deepEqual(loadConfig({ file, env: {}, cwd: dir.path }).storage, { driver: 'sqlite', path: ':memory:' });
  });

  it('infers the storage driver when the section names none', () => {
    const sqlite = dir.write('s.yaml', 'storage: { path: db.sqlite }\n');
    const postgres = dir.write('p.yaml', 'storage: { url: "postgres://db/callwire" }\n');
    assert.deepEqual(loadConfig({ file: sqlite, env: {}, cwd: dir.path }).storage, { driver: 'sqlite', path: dir.join('db.sqlite') });
    assert.deepEqual(loadConfig({ file: postgres, env: {}, cwd: dir.path }).storage, { driver: 'postgres', url: 'postgres://db/callwire' });
  });

  it('accepts port 0 (pick a free port) and record as a percentage', () => {
    const file = dir.write('c.yaml', 'server: { api: { port: 0 }, web: { port: 0 } }\nschedules: [{ name: half, record: 50 }]\n');
    const config = loadConfig({ file, env: {}, cwd: dir.path });
    assert.equal(config.server.api.port, 0);
    assert.equal(config.server.web.port, 0);
    assert.deepEqual(config.schedules[0], { name: 'half', record: 50 });
  });

  it('turns a plugin entry with empty options into {}', () => {
    const file = dir.write('c.yaml', 'plugins:\n  - use: smdr\n    options:\n');
    assert.deepEqual(loadConfig({ file, env: {}, cwd: dir.path }).plugins, [{ use: 'smdr', enabled: true, options: {} }]);
  });
});
