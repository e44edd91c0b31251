import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ChannelState, ChannelStatus, Clock, PluginContext } from '@callwire/core';
import type { ChannelPlan } from './channel-layout.js';
import type { PacketCounters } from './packet-counters.js';
import type { Recording } from './recording.js';
import { parseRtpPacket, type RtpRejection } from './rtp-packet.js';

/** A channel in Error goes back to Idle after this long, so a passing fault (a full disk) does not eat channels for good. */
const ERROR_HOLD_MS = 5000;

const REJECTION_COUNTER: Readonly<Record<RtpRejection, keyof PacketCounters>> = {
  'too-short': 'tooShort',
  'bad-version': 'badVersion',
  'bad-length': 'badLength',
  rtcp: 'rtcp',
};

/** What a channel needs from its core. */
export interface ChannelContext {
  readonly clock: Clock;
  /** The core's counters, for datagrams that arrive with no recording running. */
  readonly idleCounters: PacketCounters;
  readonly log: PluginContext['log'];
}

/**
 * One recording channel: a UDP port that RTP is sent to, its CHANNELS state
 * (Idle → PreparingToRecord → Recording → FinishRecording → Idle, or Error),
 * and the recording running on it. Every datagram is parsed here and handed
 * to the recording; what is not usable RTP is counted and dropped.
 */
export class RtpChannel {
  state: ChannelState = 'Idle';
  lastStateChange: number;
  recording: Recording | undefined;
  /** Why the channel cannot be used at all (its port could not be bound); it then never records. */
  unavailable: string | undefined;
  private device: string;
  private alias = '';
  private socket: Socket | undefined;
  private errorTimer: NodeJS.Timeout | undefined;
  private faulted: Recording | undefined;

  constructor(
    readonly plan: ChannelPlan,
    private readonly ctx: ChannelContext,
  ) {
    this.lastStateChange = ctx.clock.now();
    this.device = plan.device ?? '';
  }

  get id(): number {
    return this.plan.id;
  }

  get port(): number {
    return this.plan.port;
  }

  get isFree(): boolean {
    return this.state === 'Idle' && this.unavailable === undefined;
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

  close(): Promise<void> {
    clearTimeout(this.errorTimer);
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

  /** Taken for a recording of `deviceId`; the file is being created. */
  prepare(deviceId: string, alias: string): void {
    this.device = deviceId;
    this.alias = alias;
    this.setState('PreparingToRecord');
  }

  /** The file is open: packets from now on go to `recording`. */
  record(recording: Recording): void {
    this.recording = recording;
    this.setState('Recording');
  }

  /** The recording is being closed; packets arriving now are no longer its. */
  finishing(): void {
    this.recording = undefined;
    this.setState('FinishRecording');
  }

  /** Free again. A dynamic channel forgets its device; a static one keeps it. */
  release(): void {
    this.device = this.plan.device ?? '';
    this.alias = '';
    this.setState('Idle');
  }

  /** The channel cannot be used (its port could not be bound): CHANNELS shows it in Error, and it is never taken. */
  disable(problem: string): void {
    this.unavailable = problem;
    this.setState('Error');
  }

  /** Something broke (file, socket): Error for a while, then Idle. */
  fail(): void {
    this.recording = undefined;
    this.setState('Error');
    clearTimeout(this.errorTimer);
    this.errorTimer = setTimeout(() => this.state === 'Error' && this.unavailable === undefined && this.release(), ERROR_HOLD_MS);
    this.errorTimer.unref();
  }

  set deviceAlias(alias: string) {
    this.alias = alias;
  }

  status(): ChannelStatus {
    return {
      id: this.id,
      state: this.state,
      recordingDevice: this.device,
      recordingDeviceAlias: this.alias,
      playbackExtension: '',
      lastStateChange: this.lastStateChange,
    };
  }

  private setState(state: ChannelState): void {
    this.state = state;
    this.lastStateChange = this.ctx.clock.now();
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
