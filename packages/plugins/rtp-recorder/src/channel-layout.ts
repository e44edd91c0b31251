import type { ChannelPlan as KitChannelPlan } from '@callwire/plugin-kit';

/** One channel of a core as configured: its CHANNEL id, its RTP port, and for a static channel its device (whose audio always arrives on this port). */
export interface ChannelPlan extends KitChannelPlan {
  readonly port: number;
}

/** What the layout is computed from (the plugin's options). */
export interface LayoutOptions {
  readonly channels: number;
  readonly portRange: readonly [number, number];
  readonly static: readonly { readonly channel: number; readonly device: string; readonly port: number }[];
}

/**
 * Lays out a core's channels. Static channels keep their configured id and
 * port. Dynamic channels take the ids 1, 2, … not used by a static channel,
 * and the ports `portRange[0]`, `+2`, `+4`, … (RTP on the even port of a
 * pair, RTCP on the next, which is left alone), skipping pairs that touch a
 * static port. The mapping is fixed, so a PBX or firewall can be configured
 * from it: the n-th dynamic channel always listens on the same port.
 * @throws RangeError when the range has too few port pairs
 */
export function planChannels(options: LayoutOptions): ChannelPlan[] {
  const staticIds = new Set(options.static.map((s) => s.channel));
  const staticPorts = options.static.map((s) => s.port);
  const touchesStatic = (port: number) => staticPorts.some((s) => s === port || s === port + 1 || s + 1 === port);
  const [low, high] = options.portRange;

  const plans: ChannelPlan[] = options.static.map((s) => ({ id: s.channel, port: s.port, device: s.device }));
  let id = 0;
  let port = low;
  for (let n = 0; n < options.channels; n++) {
    do id++;
    while (staticIds.has(id));
    while (port <= high && touchesStatic(port)) port += 2;
    if (port > high) {
      throw new RangeError(`portRange ${low}-${high} has room for ${n} dynamic channel(s), but channels is ${options.channels}`);
    }
    plans.push({ id, port });
    port += 2;
  }
  return plans.sort((a, b) => a.id - b.id);
}
