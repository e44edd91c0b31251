import assert from 'node:assert/strict';
import { ChannelPool, ManualClock, RecorderChannel } from '../../src/index.js';

describe('ChannelPool', () => {
  it('gives a device with a static channel only that channel, others the dynamic channel idle the longest', async () => {
    const clock = new ManualClock();
    const deps = { clock, timers: clock };
    const pool = new ChannelPool([1, 2, 3].map((id) => new RecorderChannel({ id }, deps)).concat(new RecorderChannel({ id: 17, device: '7002' }, deps)));
    assert.deepEqual(pool.statuses().map((s) => [s.id, s.state, s.recordingDevice]), [[1, 'Idle', ''], [2, 'Idle', ''], [3, 'Idle', ''], [17, 'Idle', '7002']]);
    assert.equal(pool.take('7002', 'Front desk')?.id, 17);
    assert.equal(pool.take('7002'), undefined, 'a static channel in use is not replaced by a dynamic one');
    const first = pool.take('7001')!;
    await clock.advance(10);
    const second = pool.take('7003')!;
    assert.deepEqual([first.id, first.state, second.id], [1, 'PreparingToRecord', 2]);
    first.record('call A');
    assert.deepEqual([first.recording, first.state], ['call A', 'Recording']);
    await clock.advance(10);
    second.finish();
    pool.free(second); // released later than 3 went idle …
    first.finish();
    await clock.advance(10);
    pool.free(first);
    assert.equal(pool.available('7004')?.id, 3, '… so 3, idle the longest, comes first');
    pool.take('7004');
    assert.equal(pool.take('7005')?.id, 2);
    assert.equal(pool.get(17)?.status().recordingDeviceAlias, 'Front desk');
    assert.equal(pool.hasStatic('7002'), true);
  });

  it('keeps a static channel’s device when idle and forgets a dynamic one’s, with the time of each change', async () => {
    const clock = new ManualClock(1_000_000);
    const pool = ChannelPool.of<string>(1, { clock, timers: clock });
    const channel = pool.take('7010', 'Desk')!;
    await clock.advance(500);
    channel.record('r1');
    channel.deviceAlias = 'Back office';
    assert.deepEqual(channel.status(), { id: 1, state: 'Recording', recordingDevice: '7010', recordingDeviceAlias: 'Back office', playbackExtension: '', lastStateChange: 1_000_500 });
    channel.finish();
    pool.free(channel);
    assert.deepEqual([channel.status().recordingDevice, channel.status().recordingDeviceAlias, channel.recording], ['', '', undefined]);
  });

  it('holds a failed channel in Error for five seconds, and a disabled one for good', async () => {
    const clock = new ManualClock();
    const pool = ChannelPool.of(2, { clock, timers: clock });
    pool.take('7001')!.fail();
    pool.get(2)!.disable('channel 2: port 40002 is in use (EADDRINUSE)');
    assert.equal(pool.available('7002'), undefined);
    await clock.advance(4999);
    assert.deepEqual(pool.statuses().map((s) => s.state), ['Error', 'Error']);
    await clock.advance(1);
    assert.deepEqual(pool.statuses().map((s) => s.state), ['Idle', 'Error']);
    assert.equal(pool.available('7002')?.id, 1);
    pool.take('7002')!.fail();
    pool.close();
    assert.equal(clock.pendingCount, 0, 'close cancels the pending return from Error');
  });

  it('refuses two channels with one id, or two static channels for one device', () => {
    const clock = new ManualClock();
    const deps = { clock, timers: clock };
    assert.throws(() => new ChannelPool([new RecorderChannel({ id: 1 }, deps), new RecorderChannel({ id: 1 }, deps)]), /channel 1 is there twice/);
    assert.throws(() => new ChannelPool([new RecorderChannel({ id: 1, device: 'a' }, deps), new RecorderChannel({ id: 2, device: 'a' }, deps)]), /device a has two static channels/);
  });
});
