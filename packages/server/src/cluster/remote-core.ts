import { DeviceSet } from '@callwire/plugin-kit';
import type {
  CallSignal, ChannelStatus, RecorderCore, RecordingOrder, RecordingStarted, RecordingStopped,
} from '@callwire/plugin-api';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CoreAnnouncement, CoreMethod, CoreReply } from './core-announcement.js';
import { rpc } from './rpc.js';
import type { ClusterSubjects } from './subjects.js';

/**
 * The engine node's proxy of a core in a `callwire core` process: what the
 * core announced answers `serves`, `hasFreeChannel` and `channels`; each
 * command is a request to the core, which fails (and the fan-out counts the
 * core as not reached) when the core does not answer within the cluster's
 * request time.
 */
export class RemoteCore implements RecorderCore {
  readonly coreIdent: number;
  readonly mediaType: string | undefined;
  readonly recordsAudio: boolean;
  readonly screenCapture: boolean;
  readonly silence?: (key: string, fromMs: number, toMs: number) => Promise<void>;
  private announced: CoreAnnouncement;
  private devices: { readonly set?: DeviceSet; readonly match?: RegExp; readonly statics: ReadonlySet<string>; readonly all: boolean };
  private latestChannels: readonly ChannelStatus[];

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: ClusterSubjects,
    announcement: CoreAnnouncement,
    private readonly timeoutMs: number,
  ) {
    this.coreIdent = announcement.coreIdent;
    this.mediaType = announcement.mediaType;
    this.recordsAudio = announcement.recordsAudio;
    this.screenCapture = announcement.screenCapture;
    if (announcement.silence) this.silence = (key, fromMs, toMs) => this.send<void>('silence', [key, fromMs, toMs]);
    this.announced = announcement;
    this.devices = assignment(announcement);
    this.latestChannels = announcement.channels;
  }

  /** The core process's boot this proxy stands for. */
  get bootId(): string {
    return this.announced.bootId;
  }

  get node(): string {
    return this.announced.node;
  }

  /** Takes a newer announcement of the same boot. */
  update(announcement: CoreAnnouncement): void {
    this.announced = announcement;
    this.devices = assignment(announcement);
    this.latestChannels = announcement.channels;
  }

  serves(deviceId: string): boolean {
    const { all, set, match, statics } = this.devices;
    return all || statics.has(deviceId) || set?.has(deviceId) === true || match?.test(deviceId) === true;
  }

  /**
   * A free channel of its own for a static device; else a free channel that
   * is no static device's. A core that lists no channels decides at start.
   */
  hasFreeChannel(deviceId: string): boolean {
    const { statics } = this.devices;
    if (this.latestChannels.length === 0) return true;
    const mine = (channel: ChannelStatus) => (statics.has(deviceId) ? channel.recordingDevice === deviceId : !statics.has(channel.recordingDevice));
    return this.latestChannels.some((channel) => channel.state === 'Idle' && mine(channel));
  }

  channels(): readonly ChannelStatus[] {
    return this.latestChannels;
  }

  health(): { ok: boolean; problems: readonly string[] } {
    return this.announced.health ?? { ok: true, problems: [] };
  }

  notify(signal: CallSignal): Promise<void> {
    return this.send('notify', [signal]);
  }

  startRecording(order: RecordingOrder): Promise<RecordingStarted> {
    return this.send('startRecording', [order]);
  }

  stopRecording(key: string, at: number): Promise<RecordingStopped> {
    return this.send('stopRecording', [key, at]);
  }

  pauseRecording(key: string, at: number): Promise<void> {
    return this.send('pauseRecording', [key, at]);
  }

  resumeRecording(key: string, at: number): Promise<void> {
    return this.send('resumeRecording', [key, at]);
  }

  private async send<T>(method: CoreMethod, args: unknown[]): Promise<T> {
    const reply = await rpc<CoreReply>(this.nc, this.subjects.core(this.coreIdent, method), args, this.timeoutMs);
    this.latestChannels = reply.channels;
    return reply.result as T;
  }
}

function assignment({ devices }: CoreAnnouncement) {
  const all = devices.devices === undefined && devices.match === undefined;
  return {
    all,
    set: devices.devices ? new DeviceSet(devices.devices) : undefined,
    match: devices.match !== undefined ? new RegExp(devices.match) : undefined,
    statics: new Set(devices.staticDevices ?? []),
  };
}
