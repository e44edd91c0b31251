import assert from 'node:assert/strict';
import { runCli } from './run-cli.js';

const COMMANDS = ['start', 'send', 'events', 'import', 'export', 'config'];

describe('callwire help (the real binary)', function () {
  this.timeout(60000);

  it('lists every command with --help, and says how to get the rest', async () => {
    const run = await runCli(['--help']);
    assert.equal(run.status, 0);
    for (const usage of ['callwire start [--config FILE]', 'callwire send TYPE [KEY=VALUE …]', 'callwire events', 'callwire import users FILE.csv', 'callwire export --ident', 'callwire config check [FILE]', 'callwire help COMMAND']) {
      assert.ok(run.stdout.includes(usage), `--help names '${usage}'`);
    }
    assert.deepEqual(await runCli(['help']), run);
    assert.deepEqual(await runCli([]), run);
  });

  it('prints the same help for `callwire help NAME` and `callwire NAME --help`, for every command', async () => {
    for (const name of COMMANDS) {
      const viaHelp = await runCli(['help', name]);
      const viaFlag = await runCli([name, '--help']);
      assert.equal(viaHelp.status, 0, name);
      assert.equal(viaHelp.stdout, viaFlag.stdout, name);
      assert.match(viaHelp.stdout, new RegExp(`^Usage: callwire ${name}`), name);
    }
  });

  it('answers an unknown command with one line and status 2', async () => {
    for (const args of [['fly'], ['help', 'fly']]) {
      const run = await runCli(args);
      assert.equal(run.status, 2);
      assert.equal(run.stderr, "unknown command 'fly'; run 'callwire --help'\n");
    }
  });
});
