import type { CallData } from '@callwire/plugin-api';
import type { ClientModeOptions } from '../options.js';
import { FollowedCalls, type CallAt } from './followed-calls.js';
import { deviceLookup, type PbxProfile, type ProfileReading } from './pbx-profile.js';

/** The parts of an ARI Channel object the profile reads. */
interface AriChannel {
  id?: string;
  name?: string;
  state?: string;
  caller?: { number?: string; name?: string };
  dialplan?: { exten?: string };
}

const NOTHING: ProfileReading = { signals: [] };

/**
 * Asterisk ARI (`/ari/events?app=…&api_key=user:pass`). A channel is a call
 * instance (its id) on the device its endpoint is (`PJSIP/1001-00000001` →
 * `PJSIP/1001`, then `1001`, through `devices`).
 *
 * - StasisStart / ChannelCreated: the channel appears. State `Ring` means
 *   the endpoint placed the call: CALLDIRECTION O, started at once. `Ringing`
 *   or `Down`: the endpoint is being called: I, started when `Up` (or at once
 *   with `startOnRing`). `Up`: started.
 * - ChannelStateChange to `Up`: answered. ChannelHold / ChannelUnhold:
 *   hold and retrieve. ChannelCallerId: the ANI changed.
 * - ChannelDestroyed: the end. StasisEnd too, since ARI stops reporting a
 *   channel that leaves the application — unless the URL has
 *   `subscribeAll=true`, which keeps every channel reported.
 *
 * ANI is the channel's caller number, DNIS its dialplan extension.
 */
export class AsteriskAriProfile implements PbxProfile {
  private readonly calls: FollowedCalls;
  private readonly deviceOf: (...names: string[]) => string | undefined;
  private readonly followsAll: boolean;

  constructor(options: ClientModeOptions) {
    this.calls = new FollowedCalls(options.startOnRing);
    this.deviceOf = deviceLookup(options);
    this.followsAll = new URL(options.connect.url).searchParams.get('subscribeAll') === 'true';
  }

  greeting(): string[] {
    return [];
  }

  isChatter(): boolean {
    return false;
  }

  read(message: Record<string, unknown>): ProfileReading {
    const type = String(message['type']);
    const channel = (message['channel'] ?? {}) as AriChannel;
    if (typeof channel.id !== 'string') return { signals: [], note: `${type} without a channel` };
    const key = channel.id;
    switch (type) {
      case 'StasisStart':
      case 'ChannelCreated':
        return this.appeared(channel);
      case 'ChannelStateChange': {
        const at = this.callAt(channel);
        if (!at || channel.state !== 'Up') return NOTHING;
        return { signals: this.calls.answer(key, at, dataOf(channel, undefined)) };
      }
      case 'ChannelHold': {
        const at = this.callAt(channel);
        return at ? { signals: this.calls.hold(key, at, dataOf(channel, undefined)) } : NOTHING;
      }
      case 'ChannelUnhold':
        return { signals: this.calls.retrieve(key) };
      case 'ChannelCallerId':
        return { signals: this.calls.update(key, { ani: channel.caller?.number || undefined }) };
      case 'ChannelDestroyed':
        return { signals: this.calls.end(key) };
      case 'StasisEnd':
        return this.followsAll ? NOTHING : { signals: this.calls.end(key) };
      default:
        return { signals: [], note: `ARI ${type} is not followed` };
    }
  }

  private appeared(channel: AriChannel): ProfileReading {
    const at = this.callAt(channel);
    if (!at) return { signals: [], note: `channel ${channel.name} is not on a followed device` };
    switch (channel.state) {
      case 'Ring':
        return { signals: this.calls.dial(channel.id!, at, dataOf(channel, 'O')) };
      case 'Up':
        return { signals: this.calls.answer(channel.id!, at, dataOf(channel, undefined)) };
      default:
        return { signals: this.calls.ring(channel.id!, at, dataOf(channel, 'I')) };
    }
  }

  private callAt(channel: AriChannel): CallAt | undefined {
    const endpoint = /^([^/]+)\/(.+?)(?:-[0-9a-f]+)?(?:;\d+)?$/i.exec(channel.name ?? '');
    if (!endpoint) return undefined;
    const deviceId = this.deviceOf(`${endpoint[1]}/${endpoint[2]}`, endpoint[2]!);
    return deviceId === undefined ? undefined : { deviceId, instance: channel.id! };
  }
}

function dataOf(channel: AriChannel, direction: 'I' | 'O' | undefined): CallData {
  return { ani: channel.caller?.number || undefined, dnis: channel.dialplan?.exten || undefined, direction };
}
