import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { onset, PbxMediaSender, readWav, slots, type TestHost } from '@callwire/plugin-kit/testing';
import { afterLastPacket, freePortBase, rtpCore, startCall, startRecorderHost, stopCall, TEST_JITTER_MS } from './support/calls.js';
import { assertRecorderHeader } from './support/wav-assertions.js';

/** Another program holding a UDP port of the recorder's. */
async function squat(port: number): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve());
  });
  return socket;
}

const errorsOf = (lines: readonly Record<string, unknown>[]) =>
  lines.filter((l) => (l['level'] as number) >= 50).map((l) => ({ msg: l['msg'], channel: l['channel'], port: l['port'] }));

describe('rtp-recorder: a channel whose port is taken', function () {
  this.timeout(30_000);
  let host: TestHost | undefined;
  let squatters: Socket[] = [];
  let pbx: PbxMediaSender;

  before(async () => (pbx = await PbxMediaSender.open()));
  after(() => pbx?.close());
  afterEach(async () => {
    await host?.close();
    host = undefined;
    squatters.forEach((s) => s.close());
    squatters = [];
  });

  it('is left out and reported; the other channels record, and health() names the port', async () => {
    const base = freePortBase();
    // Channels 1, 2, 3 on base, base+2, base+4; static channel 17 on base+40. Ports of channel 2 and of the static channel are taken.
    squatters = [await squat(base + 2), await squat(base + 40)];
    host = await startRecorderHost(
      [{ coreIdent: 1, channels: 3, portRange: [base, base + 5], static: [{ channel: 17, device: '7002', port: base + 40 }], jitterMs: TEST_JITTER_MS }],
      { captureLogs: true },
    );
    const core = rtpCore(host);
    const log = host.logs;

    assert.deepEqual(errorsOf(log), [
      { msg: `channel 2: port ${base + 2} is in use (EADDRINUSE)`, channel: 2, port: base + 2 },
      { msg: `channel 17: port ${base + 40} is in use (EADDRINUSE)`, channel: 17, port: base + 40 },
    ]);
    assert.ok(log.some((l) => l['msg'] === 'plugin rtp-recorder started'), 'the plugin started');
    assert.deepEqual(host.plugins().running, ['rtp-recorder']);
    assert.deepEqual(core.health(), {
      ok: true,
      problems: [`channel 2: port ${base + 2} is in use (EADDRINUSE)`, `channel 17: port ${base + 40} is in use (EADDRINUSE)`],
    });
    assert.deepEqual(core.channels().map((c) => [c.id, c.state]), [[1, 'Idle'], [2, 'Error'], [3, 'Idle'], [17, 'Error']]);
    assert.equal(core.hasFreeChannel('7002'), false, 'the tapped device has no channel');

    // Two calls at once take the two channels that could bind, never channel 2.
    const calls = [await startCall(host, '7001'), await startCall(host, '7003')];
    assert.deepEqual(calls.map((c) => c.channel).sort(), [1, 3]);
    assert.deepEqual(calls.map((c) => c.target.port).sort(), [base, base + 4]);
    assert.equal(core.hasFreeChannel('7004'), false, 'channel 2 is not free: it cannot receive');
    await Promise.all(calls.map((call, i) => pbx.play(call.target, [{ ssrc: 10 + i, payloadType: 0, frequency: 1000 }], 25)));
    await afterLastPacket();
    for (const call of calls) {
      const wav = readWav((await stopCall(host, call.device)).fileName);
      assertRecorderHeader(wav, 2);
      const left = wav.samples[0]!;
      const found = slots(left, onset(left), 25, [1000]);
      assert.ok(found.every((slot) => slot === 'tone 1000'), `the tone on ${call.device}: ${found.join(', ')}`);
    }
    // Channel 2 stays out; the others are free again.
    assert.deepEqual(core.channels().map((c) => [c.id, c.state]), [[1, 'Idle'], [2, 'Error'], [3, 'Idle'], [17, 'Error']]);
  });

  it('still starts when no port can be bound, and says in health() that it cannot record', async () => {
    const base = freePortBase();
    squatters = [await squat(base), await squat(base + 2)];
    host = await startRecorderHost([{ coreIdent: 1, channels: 2, portRange: [base, base + 3] }], { captureLogs: true });
    const core = rtpCore(host);
    const log = host.logs;
    assert.deepEqual(core.health(), {
      ok: false,
      problems: [`channel 1: port ${base} is in use (EADDRINUSE)`, `channel 2: port ${base + 2} is in use (EADDRINUSE)`, 'no channel could be opened; nothing can be recorded'],
    });
    assert.deepEqual(errorsOf(log).map((e) => e.msg), [
      `channel 1: port ${base} is in use (EADDRINUSE)`,
      `channel 2: port ${base + 2} is in use (EADDRINUSE)`,
      'recorder core 1 cannot record: it has no channel it could open',
    ]);
    assert.equal(core.hasFreeChannel('7001'), false);
    assert.equal((await host.request('TEST')).type, 'API_OK', 'the host answers');
    await host.close();
    host = undefined;
    assert.deepEqual(core.health().ok, false);
    assert.equal(core.health().problems[0], 'stopped');
  });
});
