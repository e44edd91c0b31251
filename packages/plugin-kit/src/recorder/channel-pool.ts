import type { ChannelStatus } from '@callwire/plugin-api';
import { RecorderChannel, type ChannelDeps } from './recorder-channel.js';

/**
 * A core's channels and who may use which. Channel ids are fixed. A device
 * with a static channel records only there (its audio arrives there and
 * nowhere else); any other device takes a dynamic channel. Of the free
 * dynamic channels the one idle the longest is taken, so one just released
 * is not reused while the previous call's last media may still be on its
 * way.
 */
export class ChannelPool<Channel extends RecorderChannel<unknown> = RecorderChannel> {
  private readonly staticByDevice = new Map<string, Channel>();
  private readonly dynamic: Channel[] = [];
  private readonly byId = new Map<number, Channel>();

  /** @throws RangeError when two channels share an id or a static device */
  constructor(readonly channels: readonly Channel[]) {
    for (const channel of channels) {
      if (this.byId.has(channel.id)) throw new RangeError(`channel ${channel.id} is there twice`);
      this.byId.set(channel.id, channel);
      const device = channel.plan.device;
      if (device === undefined) this.dynamic.push(channel);
      else if (this.staticByDevice.has(device)) throw new RangeError(`device ${device} has two static channels`);
      else this.staticByDevice.set(device, channel);
    }
  }

  /** `count` dynamic channels, ids 1 … count, with nothing of their own but their state. */
  static of<Recording>(count: number, deps: ChannelDeps): ChannelPool<RecorderChannel<Recording>> {
    return new ChannelPool(Array.from({ length: count }, (_, i) => new RecorderChannel<Recording>({ id: i + 1 }, deps)));
  }

  /** Whether `deviceId` has a static channel. */
  hasStatic(deviceId: string): boolean {
    return this.staticByDevice.has(deviceId);
  }

  /** The devices with a static channel. */
  staticDevices(): string[] {
    return [...this.staticByDevice.keys()];
  }

  /** The channel a recording of `deviceId` would take now, if one is free. */
  available(deviceId: string): Channel | undefined {
    const own = this.staticByDevice.get(deviceId);
    if (own) return own.isFree ? own : undefined;
    let best: Channel | undefined;
    for (const channel of this.dynamic) {
      if (channel.isFree && (!best || channel.lastStateChange < best.lastStateChange)) best = channel;
    }
    return best;
  }

  /**
   * Takes the channel for a recording of `deviceId` (PreparingToRecord), at
   * once, so two starts never share one; undefined when none is free.
   */
  take(deviceId: string, alias = ''): Channel | undefined {
    const channel = this.available(deviceId);
    channel?.prepare(deviceId, alias);
    return channel;
  }

  /** Gives a channel back (Idle). */
  free(channel: Channel): void {
    channel.release();
  }

  get(id: number): Channel | undefined {
    return this.byId.get(id);
  }

  /** Every channel's status, in id order, as CHANNELS reports them. */
  statuses(): ChannelStatus[] {
    return [...this.channels].sort((a, b) => a.id - b.id).map((channel) => channel.status());
  }

  /** Cancels every channel's pending timer (the core is stopping). */
  close(): void {
    for (const channel of this.channels) channel.close();
  }
}
