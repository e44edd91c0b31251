import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LiveAudioStart, RecorderCore } from '@callwire/plugin-api';
import { LiveAudioTaps } from '@callwire/plugin-kit';
import { pino } from 'pino';
import { attachAudioStream, type AudioStreamEndpoint } from '../../src/audio/attach-audio-stream.js';
import { WebServer } from '../../src/web/web-server.js';
import { until, type LogLine } from '../support/event-servers.js';
import { EventSocketClient, openStalledWebSocket } from '../support/event-socket-client.js';
import { audioReceived } from './support/live-audio-messages.js';

const CAP = 64 * 1024;
/** One second of stereo audio per feed. */
const FEED_SAMPLES = 2 * 8000;
/** Far more than the kernel's socket buffers and the cap together hold (about 256 MiB). */
const MAX_FEEDS = 4000;
const START: LiveAudioStart = {
  deviceId: '5000', recording: 'r-1', callId: '', participants: [], sampleRate: 8000, channels: ['farEnd', 'device'],
};

/** The close frame a server sends for 1013 with this reason, as the bytes a client reads. */
function closeFrame(code: number, reason: string): Buffer {
  const payload = Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(reason)]);
  return Buffer.concat([Buffer.from([0x88, payload.length]), payload]);
}

/**
 * The endpoint on a real web server, fed by a stand-in core whose one
 * recording (device 5000) is a real LiveAudioTaps the test feeds as fast as
 * it likes: a recording would take half a minute to fill a megabyte.
 */
describe('slow /audio clients', function () {
  this.timeout(60_000);
  let web: WebServer;
  let endpoint: AudioStreamEndpoint;
  let port: number;
  let taps: LiveAudioTaps;
  const logs: LogLine[] = [];

  beforeEach(async () => {
    logs.length = 0;
    taps = new LiveAudioTaps();
    const core = { coreIdent: 9, liveAudio: (device, listener) => (device === '5000' ? taps.add(listener, START) : undefined) } as Pick<RecorderCore, 'coreIdent' | 'liveAudio'>;
    const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
    web = new WebServer({ host: '127.0.0.1', port: 0 }, log);
    endpoint = attachAudioStream({ web, log, cores: { coresFor: () => [core as RecorderCore] }, maxBacklogBytes: CAP });
    port = (await web.listen()).web.port;
  });
  afterEach(async () => {
    await endpoint.close();
    await web.close();
  });

  it('drops a client that stops reading with 1013, while another gets every sample in order', async () => {
    const healthy = await EventSocketClient.open(`ws://127.0.0.1:${port}/audio?device=5000`);
    const stalled: Socket = await openStalledWebSocket(port, '/audio?device=5000');
    try {
      await until(() => taps.size === 2 && endpoint.clientCount === 2, 'both are listening');
      let feeds = 0;
      let after = 20;
      const piece = new Int16Array(FEED_SAMPLES);
      while (after > 0) {
        if (feeds >= MAX_FEEDS) throw new Error(`the stalled client was not dropped after ${MAX_FEEDS} s of audio`);
        for (let i = 0; i < piece.length; i++) piece[i] = (feeds * FEED_SAMPLES + i) % 30_000;
        taps.feed(piece);
        feeds++;
        if (taps.size === 1) after--;
        await nextTurn();
        await until(() => audioReceived(healthy).samples.length >= feeds * FEED_SAMPLES - 640, 'the healthy client keeps up', 10_000);
      }
      assert.equal(taps.size, 1, 'the stalled client’s tap is closed');
      const drops = logs.filter((l) => l.msg.startsWith('dropping live audio client'));
      assert.equal(drops.length, 1);
      assert.ok(Number(drops[0]!['backlogBytes']) <= CAP + 2 * FEED_SAMPLES * 2, 'dropped as soon as it was over the cap: nothing piled up beyond it');

      // Reading again, the stalled client finds the close frame after what was queued for it.
      let tail = Buffer.alloc(0);
      const expected = closeFrame(1013, 'not reading the audio fast enough');
      stalled.on('data', (chunk: Buffer) => (tail = Buffer.concat([tail, chunk]).subarray(-64)));
      stalled.resume();
      await until(() => tail.subarray(-expected.length).equals(expected), 'the 1013 close frame', 10_000);

      taps.stop('recording ended');
      assert.equal(await healthy.waitClosed(), 1000);
      const received = audioReceived(healthy);
      assert.deepEqual(received.texts.map((m) => m['type']), ['start', 'stop']);
      assert.equal(received.samples.length, feeds * FEED_SAMPLES, 'every sample, the last frame flushed at the stop');
      assert.ok(received.samples.every((s, i) => s === i % 30_000), 'in order');
    } finally {
      healthy.close();
      stalled.destroy();
    }
  });
});
