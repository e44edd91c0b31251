import assert from 'node:assert/strict';
import { ManualClock } from '@callwire/plugin-kit';
import { CoreRegistry, type RecorderCore } from '../../src/index.js';

/** A core that only answers what the registry asks of it. */
function core(coreIdent: number, media: { screenCapture?: boolean; recordsAudio?: boolean } = {}): RecorderCore {
  return {
    coreIdent, ...media, serves: () => media.recordsAudio !== false, hasFreeChannel: () => true, channels: () => [],
    notify: async () => undefined, startRecording: async () => ({ channel: 1, fileName: 'f' }),
    stopRecording: async () => ({ fileName: 'f', durationMs: 0 }), pauseRecording: async () => undefined, resumeRecording: async () => undefined,
  };
}

describe('CoreRegistry: one COREIDENT, one recording server (calls and screens)', () => {
  it('a screen-only core (recordsAudio false) shares the COREIDENT of the core recording calls: calls go to one, chat sessions to the other', () => {
    const cores = new CoreRegistry();
    const audio = core(1);
    const screens = core(1, { screenCapture: true, recordsAudio: false });
    cores.add(audio);
    cores.add(screens);
    assert.equal(cores.get(1), audio);
    assert.deepEqual(cores.coresFor('7001'), [audio]);
    assert.equal(cores.screenCore(1), screens);
    assert.deepEqual(cores.screenCores(), [screens]);
    assert.deepEqual(cores.idents(), [1]);
    assert.deepEqual(cores.all(), [audio, screens]);
    cores.remove(screens);
    assert.equal(cores.screenCore(1), undefined);
    assert.equal(cores.get(1), audio, 'its partner stays');
  });

  it('refuses two cores recording the same media under one COREIDENT', () => {
    const cores = new CoreRegistry();
    cores.add(core(1, { screenCapture: true }));
    assert.throws(() => cores.add(core(1)), /two recorder cores claim COREIDENT 1/);
    assert.throws(() => cores.add(core(1, { screenCapture: true, recordsAudio: false })), /two recorder cores record screens as COREIDENT 1/);
    cores.add(core(2, { screenCapture: true, recordsAudio: false }));
    assert.throws(() => cores.add(core(2, { screenCapture: true })), /two recorder cores record screens as COREIDENT 2/);
    assert.deepEqual(cores.screenCores().map((c) => c.coreIdent), [1, 2]);
  });

  it('a core that does not answer counts as failed when the time limit runs out on the engine\'s timers, not before', async () => {
    const clock = new ManualClock();
    const cores = new CoreRegistry(clock, 2000);
    const answers = core(1);
    const silent = { ...core(2), notify: () => new Promise<void>(() => undefined) };
    let outcome: unknown;
    void cores.fanOut([answers, silent], (c) => c.notify({ kind: 'callstart', deviceId: '7001', callInstance: '', fields: {} as never, at: 0 })).then((o) => (outcome = o));
    await clock.advance(1999);
    assert.equal(outcome, undefined, 'still waiting a millisecond before the limit');
    await clock.advance(1);
    assert.deepEqual(outcome, { answered: [1], failed: [2] });
    assert.equal(clock.pendingCount, 0, 'the answered command\'s timer was cleared');
  });
});
