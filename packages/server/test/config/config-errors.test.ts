import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { expectConfigError } from './expect-config-error.js';
import { TempDir } from './temp-dir.js';

describe('config errors', () => {
  let dir: TempDir;
  beforeEach(() => (dir = new TempDir()));
  afterEach(() => dir.remove());

  /** The issue lines loadConfig reports for a YAML file with this content. */
  function issuesFor(yaml: string): readonly string[] {
    const file = dir.write('callwire.yaml', yaml);
    return expectConfigError(() => loadConfig({ file, env: {}, cwd: dir.path })).issues;
  }

  it('a wrong type names the path, the expected and the actual type', () => {
    assert.deepEqual(issuesFor('server: { api: { port: "5620x" } }'), ['server.api.port: expected integer, got string']);
    assert.deepEqual(issuesFor('server: { api: { port: 56.5 } }'), ['server.api.port: expected integer, got 56.5']);
    assert.deepEqual(issuesFor('auth: { required: "yes" }'), ['auth.required: expected true or false, got string']);
    assert.deepEqual(issuesFor('server: [1]'), ['server: expected an object, got a list']);
    assert.deepEqual(issuesFor('- a\n- b\n'), ['(top level): expected an object, got a list']);
  });

  it('a missing required key says required', () => {
    assert.deepEqual(issuesFor('plugins:\n  - use: rtp-recorder\n  - use: smdr\n  - options: { a: 1 }\n'), ['plugins[2].use: required']);
    assert.deepEqual(issuesFor('server: { tls: { cert: c.pem } }'), ['server.tls.key: required']);
  });

  it('an unknown storage driver lists the drivers', () => {
    assert.deepEqual(issuesFor('storage: { driver: mysql, path: x }'), ["storage.driver: expected 'sqlite' or 'postgres'"]);
  });

  it('a postgres url must use the postgres scheme', () => {
    assert.deepEqual(issuesFor('storage: { driver: postgres, url: "mysql://db" }'), [
      'storage.url: must start with postgres:// or postgresql://',
    ]);
  });

  it('numbers out of range, empty strings and bad enum values', () => {
    assert.deepEqual(issuesFor('server: { web: { port: 65536 } }'), ['server.web.port: expected a port 0-65535, got 65536']);
    assert.deepEqual(issuesFor('server: { api: { maxClients: 0 } }'), ['server.api.maxClients: must be at least 1']);
    assert.deepEqual(issuesFor('server: { host: "" }'), ['server.host: must not be empty']);
    assert.deepEqual(issuesFor('log: { level: verbose }'), [
      "log.level: expected one of 'fatal', 'error', 'warn', 'info', 'debug', 'trace' or 'silent'",
    ]);
  });

  it('an unknown time zone is named', () => {
    assert.deepEqual(issuesFor('timezone: Mars/Olympus_Mons'), ["timezone: unknown time zone 'Mars/Olympus_Mons'"]);
  });

  it('allow entries must be IPv4/IPv6 addresses or CIDR ranges', () => {
    assert.deepEqual(issuesFor('server: { allow: [10.0.0.0/8, 10.0.0.0/33, "fe80::/129", "::1", 300.1.1.1, localhost] }'), [
      "server.allow[1]: '10.0.0.0/33' is not an IP address or CIDR range",
      "server.allow[2]: 'fe80::/129' is not an IP address or CIDR range",
      "server.allow[4]: '300.1.1.1' is not an IP address or CIDR range",
      "server.allow[5]: 'localhost' is not an IP address or CIDR range",
    ]);
  });

  it('plugin ids must be unique', () => {
    assert.deepEqual(issuesFor('plugins:\n  - { use: smdr, id: pbx }\n  - { use: tapi, id: pbx }\n'), ["plugins[1].id: duplicate plugin id 'pbx'"]);
  });

  it('unknown keys are errors, with a suggestion when one is close', () => {
    assert.deepEqual(issuesFor('sever: { host: 0.0.0.0 }'), ["sever: unknown key (did you mean 'server'?)"]);
    assert.deepEqual(issuesFor('server: { api: { prot: 1 } }'), ["server.api.prot: unknown key (did you mean 'port'?)"]);
    assert.deepEqual(issuesFor('storage: { driver: sqlite, pth: x }'), ["storage.pth: unknown key (did you mean 'path'?)"]);
    assert.deepEqual(issuesFor('log: { Level: info }'), ["log.Level: unknown key (did you mean 'level'?)"]);
    assert.deepEqual(issuesFor('plugins: [{ use: smdr, option: {} }]'), ["plugins[0].option: unknown key (did you mean 'options'?)"]);
    assert.deepEqual(issuesFor('frobnicate: 1'), ['frobnicate: unknown key']);
  });

  it('keys inside plugin options and schedules are not checked here', () => {
    const file = dir.write('c.yaml', 'plugins: [{ use: smdr, options: { anything: 1 } }]\nschedules: [{ name: a, record: true, whatever: 2 }]\n');
    const config = loadConfig({ file, env: {}, cwd: dir.path });
    assert.deepEqual(config.plugins[0]!.options, { anything: 1 });
    assert.deepEqual(config.schedules[0], { name: 'a', record: true, whatever: 2 });
  });

  it('lists every problem at once, with a header naming the file', () => {
    const file = dir.write(
      'callwire.yaml',
      [
        'sever: {}',
        'server:',
        '  api: { port: abc }',
        '  web: { port: -1 }',
        'storage: { driver: mongo }',
        'plugins:',
        '  - { use: "" }',
        '  - { id: x }',
        'terminology: { "user 1": 5 }',
      ].join('\n'),
    );
    const error = expectConfigError(() => loadConfig({ file, env: {}, cwd: dir.path }));
    const issues = [
      'server.api.port: expected integer, got string',
      'server.web.port: expected a port 0-65535, got -1',
      "storage.driver: expected 'sqlite' or 'postgres'",
      'plugins[0].use: must not be empty',
      'plugins[1].use: required',
      'terminology["user 1"]: expected string, got 5',
      "sever: unknown key (did you mean 'server'?)",
    ];
    assert.deepEqual(error.issues, issues);
    assert.equal(error.file, file);
    assert.equal(error.message, [`invalid config ${file}:`, ...issues.map((issue) => `  ${issue}`)].join('\n'));
  });

  it('a missing file is reported with its path', () => {
    const error = expectConfigError(() => loadConfig({ file: 'nope.yaml', env: {}, cwd: dir.path }));
    assert.equal(error.message, `config file not found: ${dir.join('nope.yaml')}`);
    assert.deepEqual(error.issues, [error.message]);
    const fromEnv = expectConfigError(() => loadConfig({ env: { CALLWIRE_CONFIG: dir.join('gone.json') }, cwd: dir.path }));
    assert.equal(fromEnv.message, `config file not found: ${dir.join('gone.json')}`);
  });

  it('a directory instead of a file is reported', () => {
    const error = expectConfigError(() => loadConfig({ file: dir.path, env: {}, cwd: dir.path }));
    assert.equal(error.message, `config file is a directory: ${dir.path}`);
  });

  it('a YAML syntax error names the file and the line', () => {
    const file = dir.write('bad.yaml', 'server:\n  host: 127.0.0.1\n api: { port: 1 }\n');
    const error = expectConfigError(() => loadConfig({ file, env: {}, cwd: dir.path }));
    assert.deepEqual(error.issues, ['line 3, column 1: All mapping items must start at the same column']);
    assert.equal(error.message, `invalid YAML in ${file}:\n  line 3, column 1: All mapping items must start at the same column`);
  });

  it('a duplicate YAML key is a syntax error', () => {
    const file = dir.write('dup.yaml', 'log: { level: info }\nlog: { level: debug }\n');
    const error = expectConfigError(() => loadConfig({ file, env: {}, cwd: dir.path }));
    assert.deepEqual(error.issues, ['line 2, column 1: Map keys must be unique']);
  });

  it('a JSON syntax error names the file and the line', () => {
    const file = dir.write('bad.json', '{\n  "server": {\n    "host": "a",\n  }\n}\n');
    const error = expectConfigError(() => loadConfig({ file, env: {}, cwd: dir.path }));
    assert.deepEqual(error.issues, ["line 4, column 3: Expected double-quoted property name"]);
    assert.equal(error.message, `invalid JSON in ${file}:\n  line 4, column 3: Expected double-quoted property name`);
  });

  it('a JSON error without a position from JSON.parse is still located', () => {
    const file = dir.write('bad.json', '{\n  "log": {\n    "level": info\n  }\n}\n');
    const error = expectConfigError(() => loadConfig({ file, env: {}, cwd: dir.path }));
    assert.equal(error.issues.length, 1);
    assert.match(error.issues[0]!, /^line 3, column 14: Unexpected token/);
    assert.doesNotMatch(error.issues[0]!, /is not valid JSON/);
  });

  it('a truncated JSON file points at its end', () => {
    const file = dir.write('cut.json', '{\n  "log": {\n');
    const error = expectConfigError(() => loadConfig({ file, env: {}, cwd: dir.path }));
    assert.match(error.issues[0]!, /^line 2, column 11: /);
  });

  it('ConfigError is an Error with a name and issues', () => {
    const error = ConfigError.invalid(undefined, ['a: b']);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ConfigError');
    assert.equal(error.message, 'invalid config (no config file):\n  a: b');
    assert.ok(Object.isFrozen(error.issues));
  });
});
