import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from './run-cli.js';

/** The problem lines under the `invalid config FILE:` header. */
function problems(run: CliRun, file: string): string[] {
  const [header, ...lines] = run.stderr.trimEnd().split('\n');
  assert.equal(header, `invalid config ${file}:`, run.stderr);
  return lines.map((line) => line.replace(/^ {2}/, ''));
}

describe('callwire config check and callwire start judge a config the same way (the real binary)', function () {
  this.timeout(60000);
  let dir: string;
  let held: Server;
  let heldPort: number;
  const write = (lines: string[]) => {
    const file = join(dir, 'callwire.yaml');
    writeFileSync(file, lines.join('\n'));
    return file;
  };
  /** Both commands on one file: each must fail with the same problems, and start must start nothing. */
  const judge = async (file: string, env: Record<string, string> = {}) => {
    const check = await runCli(['config', 'check', file], env);
    const start = await runCli(['start', '--config', file], { CALLWIRE_DATA_DIR: dir, ...env });
    assert.equal(check.status, 1, check.stderr);
    assert.equal(start.status, 1, start.stderr);
    assert.deepEqual(problems(start, file), problems(check, file), 'check and start report the same problems');
    assert.doesNotMatch(start.stdout, /started|ready/i, 'nothing started');
    return problems(check, file);
  };

  before(async () => {
    held = createServer();
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    heldPort = (held.address() as { port: number }).port;
  });
  after(() => held.close());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'callwire-judge-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('schedules by the strict schema: devcies, dnsi, direction: outgoing and hours.from 8am, all in one run', async () => {
    const file = write([
      'server: { api: { port: 0 }, web: { port: 0 } }',
      'plugins: []',
      'schedules:',
      '  - name: sales',
      '    record: true',
      '    devcies: [7001]',
      "    dnsi: ['5551*']",
      '    direction: outgoing',
      "    hours: { from: '8am', to: '17:00' }",
    ]);
    assert.deepEqual(await judge(file), [
      "schedules[0].direction: expected 'I', 'O', 'inbound' or 'outbound', got 'outgoing'",
      "schedules[0].hours.from: expected a time 'HH:MM' from 00:00 to 23:59, got '8am'",
      "schedules[0].devcies: unknown key (did you mean 'devices'?)",
      "schedules[0].dnsi: unknown key (did you mean 'dnis'?)",
    ]);
  });

  it('three mistakes of three stages (schema, plugin options, files) give three messages in one run', async () => {
    const file = write([
      'server: { api: { port: 0 }, web: { port: 0 }, tls: { port: 0, cert: missing-cert.pem, key: missing-key.pem } }',
      "log: { levle: debug }",
      'plugins:',
      '  - use: smdr',
      '    options: { formt: csv }',
    ]);
    const lines = await judge(file);
    assert.deepEqual(lines.filter((l) => !l.startsWith('plugins[0].options.format')), [
      "log.levle: unknown key (did you mean 'level'?)",
      "plugins[0].options.formt: unknown key (did you mean 'format'?)",
      `server.tls.cert: cannot read ${join(dir, 'missing-cert.pem')}: no such file; give the path of the certificate (PEM), relative to the config file`,
      `server.tls.key: cannot read ${join(dir, 'missing-key.pem')}: no such file; give the path of the private key (PEM), relative to the config file`,
    ]);
  });

  it('an unknown plugin name lists the built-ins; a terminology typo names the known fields; a secret is not echoed', async () => {
    const file = write([
      'server: { api: { port: 0 }, web: { port: 0 } }',
      'plugins: [{ use: smdrr }]',
      'terminology: { usr2: Account }',
      'email: { smtp: { host: mail, port: 25, auth: { user: ops, pass: 271828 } }, from: cw@example.com }',
    ]);
    const lines = await judge(file);
    assert.ok(lines.includes('email.smtp.auth.pass: expected string, got (hidden: a secret)'), lines.join('\n'));
    assert.ok(!lines.join('\n').includes('271828'));
    assert.ok(lines.some((l) => /^terminology\.usr2: not a field that can be renamed \(did you mean 'user2'\? the fields are agent, ani, .*user15\)$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('plugins[0] (smdrr): cannot be loaded:') && l.endsWith("(did you mean 'smdr'? the built-in plugins are rtp-recorder, screen-metadata, siprec, smdr, tapi, websocket-input)")), lines.join('\n'));
  });

  it('a port in use is named by its key and its environment variable, before any plugin starts', async () => {
    const file = write([`server: { api: { port: ${heldPort} }, web: { port: 0 } }`]); // the default plugins
    assert.deepEqual(await judge(file), [`server.api.port (CALLWIRE_API_PORT) ${heldPort} is in use on 127.0.0.1: stop what holds it or choose another port`]);
    const viaEnv = write(['server: { api: { port: 0 }, web: { port: 0 } }']);
    assert.deepEqual(await judge(viaEnv, { CALLWIRE_WEB_PORT: String(heldPort) }), [
      `server.web.port (CALLWIRE_WEB_PORT) ${heldPort} is in use on 127.0.0.1: stop what holds it or choose another port`,
    ]);
  });

  it('a valid config passes: check prints it, its schedules by name', async () => {
    const file = write(['server: { api: { port: 0 }, web: { port: 0 } }', 'plugins: []', "schedules: [{ name: sales, record: true, devices: ['7000-7099'], hours: { from: '08:00', to: '17:00' } }, { name: rest, record: false }]"]);
    const check = await runCli(['config', 'check', file]);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /\n {2}schedules {4}sales, rest\n/);
  });
});
