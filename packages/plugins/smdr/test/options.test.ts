import assert from 'node:assert/strict';
import plugin from '../src/index.js';
import { smdrOptionsSchema } from '../src/options.js';
import { rejects, startSmdr } from './support/plugin-under-test.js';

const problems = (options: unknown) => {
  const result = smdrOptionsSchema.safeParse(options);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('smdr options', () => {
  it('is the smdr input plugin', () => {
    assert.deepEqual([plugin.name, plugin.kind, plugin.hostVersion], ['smdr', 'input', '^0.1.0']);
  });

  it('fills in the documented defaults', () => {
    const options = smdrOptionsSchema.parse({ format: 'mitel', serial: { path: '/dev/ttyUSB0' } });
    assert.deepEqual(options, {
      format: 'mitel',
      serial: { path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, xon: false },
      lineEnding: 'any', encoding: 'latin1', maxLineLength: 2048, statsIntervalMinutes: 15, reconnect: { initialMs: 1000, maxMs: 30000 },
      avaya: { pendingTimeoutSeconds: 300 },
      mitel: { clock: 'auto', extendedDigitLength: 'auto', meterPulses: false },
      panasonic: { dateOrder: 'MDY' },
    });
    const tcp = smdrOptionsSchema.parse({ format: 'panasonic', tcp: { connect: { host: 'pbx', port: 2300, login: { password: 'PCCSMDR' } } } }).tcp;
    assert.deepEqual(tcp, { connect: { host: 'pbx', port: 2300, login: { username: 'SMDR', password: 'PCCSMDR' }, connectTimeoutSeconds: 10 }, keepAliveSeconds: 30 });
    assert.deepEqual(smdrOptionsSchema.parse({ format: 'avaya-ipo', tcp: { listen: { port: 1150 } } }).tcp, { listen: { host: '0.0.0.0', port: 1150 }, keepAliveSeconds: 30 });
    assert.deepEqual(problems({ format: 'mitel', serial: { path: '/dev/ttyUSB0' }, statsIntervalMinutes: -1 }), ['statsIntervalMinutes: must be 0 (off) or more']);
    assert.deepEqual(problems({ format: 'mitel', serial: { path: '/dev/ttyUSB0' }, statsIntervalMinutes: 'often' }), ['statsIntervalMinutes: expected a number of minutes (0 = off)']);
  });

  it('names each problem with its key', () => {
    assert.deepEqual(problems({ format: 'nortel', serial: { path: '/dev/ttyS0', baudRate: 'fast', dataBits: 9, parity: 'sometimes', stopBits: 3 } }), [
      "format: expected one of 'avaya-ipo', 'mitel', 'panasonic', 'csv', 'fixed'",
      'serial.baudRate: expected a baud rate, e.g. 9600',
      'serial.dataBits: expected 5, 6, 7 or 8',
      "serial.parity: expected 'none', 'even', 'odd', 'mark' or 'space'",
      'serial.stopBits: expected 1, 1.5 or 2',
    ]);
    assert.deepEqual(problems({ format: 'mitel' }), ["serial: needs exactly one of 'serial' or 'tcp'"]);
    assert.deepEqual(problems({ format: 'mitel', tcp: { connect: { host: 'pbx', port: 70000 }, listen: { port: 1 } }, timezone: 'Mars/Olympus' }), [
      'tcp.connect.port: expected a port 1-65535',
      "tcp: needs exactly one of 'connect' (we dial the PBX) or 'listen' (the PBX dials us)",
      'timezone: unknown time zone \'Mars/Olympus\'',
    ]);
    assert.deepEqual(problems({ format: 'mitel', tcp: {} }), ["tcp: needs exactly one of 'connect' (we dial the PBX) or 'listen' (the PBX dials us)"]);
    assert.deepEqual(problems({ format: 'csv', tcp: { listen: { port: 1 } } }), ["csv: format 'csv' needs a 'csv' section with its fields"]);
    assert.deepEqual(problems({ format: 'csv', tcp: { listen: { port: 1 } }, csv: { fields: { deviceId: 0, start: 2, date: 3 }, skip: ['('] } }), [
      'csv.fields.deviceId: fields count from 1',
      "csv.skip.0: '(' is not a regular expression",
      "csv.fields.start: map either 'start' or 'date' and 'time', not both",
      'csv.fields.duration: required: which field holds the duration',
    ]);
    assert.deepEqual(problems({ format: 'fixed', tcp: { listen: { port: 1 } }, fixed: { columns: { deviceId: [5, 1], time: [1, 8], duration: [9, 10] }, timeFormat: 'HH:mm' } }), [
      'fixed.columns.deviceId: the first column must not be after the last',
      "fixed.timeFormat: time format 'HH:mm' needs a month (MM) and a day (DD)",
      "fixed.columns.start: required: map 'start' (date and time in one field), or both 'date' and 'time'",
    ]);
    assert.deepEqual(problems({ format: 'mitel', serial: { path: '/dev/ttyS0' }, reconnect: { initialMs: 5000, maxMs: 100 } }), ['reconnect.initialMs: must not be more than maxMs (100)']);
    // `retry`, the old name, is read as `reconnect` (so its problems are named under the new name).
    assert.deepEqual(smdrOptionsSchema.parse({ format: 'mitel', serial: { path: '/dev/ttyS0' }, retry: { initialMs: 20 } }).reconnect, { initialMs: 20, maxMs: 30000 });
    assert.deepEqual(problems({ format: 'mitel', serial: { path: '/dev/ttyS0' }, retry: { maxMs: 0 } }), ['reconnect.maxMs: must be at least 1 ms']);
    assert.deepEqual(problems({ format: 'mitel', serial: { path: '/dev/ttyS0' }, sreial: {} }), [': Unrecognized key: "sreial"']);
  });

  it('stops the host at start-up with one line per bad option, naming it', async () => {
    await assert.rejects(startSmdr({ format: 'mitel', serial: { path: '/dev/ttyS0', parity: 'sometimes' } }), (err: Error) => {
      assert.match(err.message, /plugins\[0\]\.options\.serial\.parity: expected 'none', 'even', 'odd', 'mark' or 'space'/);
      return true;
    });
  });
});
