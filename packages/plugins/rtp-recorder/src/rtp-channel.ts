import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { PluginContext } from '@callwire/plugin-api';
import { parseRtpPacket, RecorderChannel, type ChannelDeps, type PacketCounters, type RtpRejection } from '@callwire/plugin-kit';
import type { ChannelPlan } from './channel-layout.js';
import type { Recording } from './recording.js';

const REJECTION_COUNTER: Readonly<Record<RtpRejection, keyof PacketCounters>> = {
  'too-short': 'tooShort',
  'bad-version': 'badVersion',
  'bad-length': 'badLength',
  rtcp: 'rtcp',
};

/** What a channel needs from its core: the plugin's clock and timers, and more. */
export interface ChannelContext extends ChannelDeps {
  /** The core's counters, for datagrams that arrive with no recording running. */
  readonly idleCounters: PacketCounters;
  readonly log: PluginContext['log'];
}

/**
 * One recording channel: a UDP port that RTP is sent to, with its CHANNELS
 * state and the recording running on it (a kit RecorderChannel). Every
 * datagram is parsed here and handed to the recording; what is not usable
 * RTP is counted and dropped.
 */
export class RtpChannel extends RecorderChannel<Recording, ChannelPlan> {
  private socket: Socket | undefined;
  private faulted: Recording | undefined;

  constructor(
    plan: ChannelPlan,
    private readonly ctx: ChannelContext,
  ) {
    super(plan, ctx);
  }

  get port(): number {
    return this.plan.port;
  }

  /**
   * Binds the channel's UDP port.
   * @throws NodeJS.ErrnoException as the bind failed (EADDRINUSE, EACCES, EADDRNOTAVAIL…); the channel is then closed
   */
  open(host: string): Promise<void> {
    const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
    this.socket = socket;
    socket.on('message', (datagram, from) => this.receive(datagram, from));
    return new Promise((resolve, reject) => {
      socket.once('error', (err) => {
        void this.close();
        reject(err);
      });
      socket.bind(this.port, host, () => {
        socket.removeAllListeners('error');
        socket.on('error', (err) => {
          this.ctx.log.error({ err, channel: this.id, port: this.port }, `channel ${this.id}: socket error`);
          this.fail();
        });
        resolve();
      });
    });
  }

  /** Closes the socket (and cancels the channel's pending timer). */
  override close(): Promise<void> {
    super.close();
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => {
      try {
        socket.close(() => resolve());
      } catch {
        resolve(); // never bound
      }
    });
  }

  private receive(datagram: Buffer, from: RemoteInfo): void {
    const recording = this.recording;
    const counters = recording ? recording.counters : this.ctx.idleCounters;
    counters.datagrams++;
    if (!recording) {
      counters.idle++;
      return;
    }
    const packet = parseRtpPacket(datagram);
    if (typeof packet === 'string') {
      counters[REJECTION_COUNTER[packet]]++;
      return;
    }
    try {
      recording.receive(packet, from, performance.now());
    } catch (err) {
      // A datagram must never take the process down; one report per recording is enough.
      if (this.faulted !== recording) this.ctx.log.error({ err, channel: this.id, recording: recording.key }, `channel ${this.id}: a packet could not be taken`);
      this.faulted = recording;
    }
  }
}
