import type { ChannelPlan } from './channel-layout.js';
import type { RtpChannel } from './rtp-channel.js';

/**
 * A core's channels and who may use which. A device with a static channel
 * records only there (its audio arrives on that port and nowhere else); any
 * other device takes a dynamic channel. Of the free dynamic channels the one
 * idle the longest is taken, so a port just released is not reused while the
 * previous call's last packets may still be on their way.
 */
export class ChannelPool {
  readonly channels: readonly RtpChannel[];
  private readonly staticByDevice = new Map<string, RtpChannel>();
  private readonly dynamic: RtpChannel[] = [];
  private readonly byId = new Map<number, RtpChannel>();

  constructor(plans: readonly ChannelPlan[], make: (plan: ChannelPlan) => RtpChannel) {
    this.channels = plans.map(make);
    for (const channel of this.channels) {
      this.byId.set(channel.id, channel);
      if (channel.plan.device === undefined) this.dynamic.push(channel);
      else this.staticByDevice.set(channel.plan.device, channel);
    }
  }

  /** Whether `deviceId` has a static channel. */
  hasStatic(deviceId: string): boolean {
    return this.staticByDevice.has(deviceId);
  }

  /** The channel a recording of `deviceId` would take now, if any is free. */
  free(deviceId: string): RtpChannel | undefined {
    const own = this.staticByDevice.get(deviceId);
    if (own) return own.isFree ? own : undefined;
    let best: RtpChannel | undefined;
    for (const channel of this.dynamic) {
      if (channel.isFree && (!best || channel.lastStateChange < best.lastStateChange)) best = channel;
    }
    return best;
  }

  get(id: number): RtpChannel | undefined {
    return this.byId.get(id);
  }
}
