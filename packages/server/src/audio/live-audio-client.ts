import { endianness } from 'node:os';
import type { LiveAudioListener, LiveAudioStart, LiveAudioTap } from '@callwire/plugin-api';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { PcmBatcher } from './pcm-batcher.js';

/** How a live audio client is fed. */
export interface LiveAudioClientOptions {
  /** Milliseconds of audio per binary frame (the last may be shorter). */
  readonly frameMs: number;
  /** A client with more than this many bytes waiting is dropped (1013). */
  readonly maxBacklogBytes: number;
}

/** WebSocket close code 1013 "try again later": the client did not keep up. */
const TOO_SLOW = 1013;
const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * One `/audio` client as a recording's live audio listener: the start as a
 * JSON text frame (`type: start`, the recording's LiveAudioStart, `encoding:
 * pcm_s16le`), then binary frames of interleaved little-endian 16-bit PCM of
 * `frameMs` each, then a JSON `type: stop` with the reason, and close 1000.
 * The recorder is never made to wait: sends are queued, and a client that
 * lets more than `maxBacklogBytes` pile up is dropped with 1013 and its tap
 * closed. The tap is taken (and start() called) before the WebSocket is
 * open, so what arrives until attach() is kept.
 */
export class LiveAudioClient implements LiveAudioListener {
  private ws: WebSocket | undefined;
  private log: Logger | undefined;
  private tap: LiveAudioTap | undefined;
  private batcher: PcmBatcher | undefined;
  private startText: string | undefined;
  private stopReason: string | undefined;
  private done = false;

  constructor(private readonly options: LiveAudioClientOptions) {}

  /** The tap the core handed out for this listener. */
  holds(tap: LiveAudioTap): void {
    this.tap = tap;
  }

  /** The WebSocket is open: sends what waited, and closes the tap when the client goes. */
  attach(ws: WebSocket, log: Logger): void {
    this.ws = ws;
    this.log = log;
    ws.once('close', () => this.release());
    if (this.startText !== undefined) ws.send(this.startText);
    if (this.stopReason !== undefined) this.finish(this.stopReason);
  }

  /** Closes the tap: the client went, or its upgrade never happened. */
  release(): void {
    this.done = true;
    this.tap?.close();
  }

  start(info: LiveAudioStart): void {
    const { deviceId, recording, callId, participants, sampleRate, channels } = info;
    this.startText = JSON.stringify({ type: 'start', deviceId, recording, callId, participants, sampleRate, channels, encoding: 'pcm_s16le' });
    const size = Math.max(1, Math.round((sampleRate * this.options.frameMs) / 1000)) * Math.max(1, channels.length);
    this.batcher = new PcmBatcher(size, (batch) => this.send(batch));
    this.log?.debug({ recording, deviceId }, 'live audio client started');
  }

  audio(frames: Int16Array): void {
    if (this.done || !this.ws) return;
    const waiting = this.ws.bufferedAmount;
    if (waiting > this.options.maxBacklogBytes) return this.drop(waiting);
    this.batcher?.push(frames);
  }

  stop(reason: string): void {
    if (this.ws) this.finish(reason);
    else this.stopReason = reason;
  }

  private finish(reason: string): void {
    if (this.done) return;
    this.done = true;
    this.batcher?.flush();
    this.ws!.send(JSON.stringify({ type: 'stop', reason }));
    this.ws!.close(1000, 'recording ended');
  }

  private send(batch: Int16Array): void {
    const bytes = Buffer.from(batch.buffer, batch.byteOffset, batch.byteLength);
    if (!LITTLE_ENDIAN) bytes.swap16();
    this.ws!.send(bytes);
  }

  private drop(waiting: number): void {
    const limit = this.options.maxBacklogBytes;
    this.log?.warn({ backlogBytes: waiting, maxBacklogBytes: limit }, `dropping live audio client: it is not reading its audio (${waiting} bytes waiting, limit ${limit})`);
    this.release();
    this.ws!.close(TOO_SLOW, 'not reading the audio fast enough');
  }
}
