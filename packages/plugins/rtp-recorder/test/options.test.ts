import assert from 'node:assert/strict';
import { planChannels } from '../src/channel-layout.js';
import { DeviceSet } from '@callwire/plugin-kit';
import { rtpRecorderOptions } from '../src/options.js';

describe('rtp-recorder options', () => {
  it('make a working core from { coreIdent } alone', () => {
    assert.deepEqual(rtpRecorderOptions.parse({ coreIdent: 1 }), {
      coreIdent: 1, host: '127.0.0.1', channels: 16, portRange: [40000, 40999], static: [], mix: 'stereo',
      jitterMs: 60, silenceThreshold: 100, ssrcTakeoverMs: 1000, headerUpdateMs: 2000,
    });
  });

  it('report every problem with its key', () => {
    const result = rtpRecorderOptions.safeParse({
      coreIdent: 0, channels: 10, portRange: [41000, 41009], mix: 'surround', chanels: 3,
      static: [{ channel: 5, device: 7002, port: 41000 }, { channel: 5, device: '7002', port: 41000 }],
      devices: ['7100-7000'],
    });
    assert.equal(result.success, false);
    const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    for (const expected of ['coreIdent', 'mix', 'chanels']) assert.match(issues, new RegExp(`^${expected}|${expected}`, 'm'));
    // Key problems stop the object check before the cross-field rules run; fix them and the rest show.
    const rules = rtpRecorderOptions.safeParse({
      coreIdent: 1, channels: 10, portRange: [41000, 41009],
      static: [{ channel: 5, device: 7002, port: 41000 }, { channel: 5, device: '7002', port: 41000 }],
      devices: ['7100-7000'],
    });
    assert.equal(rules.success, false);
    const ruleIssues = rules.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    assert.deepEqual(ruleIssues.sort(), [
      'channels: portRange 41000-41009 has room for 4 dynamic channel(s), but channels is 10',
      'devices.0: range \'7100-7000\' ends before it starts',
      'static.1.channel: channel 5 is already used by static[0]',
      'static.1.device: device 7002 is already used by static[0]',
      'static.1.port: port 41000 is already used by static[0]',
    ]);
  });
});

describe('planChannels', () => {
  it('numbers dynamic channels around static ones and gives them even ports clear of static ports', () => {
    const plans = planChannels({ channels: 3, portRange: [40000, 40999], static: [{ channel: 2, device: '7002', port: 40002 }] });
    assert.deepEqual(plans, [
      { id: 1, port: 40000 },
      { id: 2, port: 40002, device: '7002' },
      { id: 3, port: 40004 },
      { id: 4, port: 40006 },
    ]);
  });
});

describe('DeviceSet', () => {
  it('matches exact ids and numeric ranges', () => {
    const set = new DeviceSet(['7001', '7100-7199', 'SIP/alice']);
    assert.deepEqual(['7001', '7100', '7150', '07150', '7199', '7200', '7002', 'SIP/alice', '71x0'].map((d) => set.has(d)),
      [true, true, true, true, true, false, false, true, false]);
  });
});
