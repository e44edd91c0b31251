import type { InputContext, PluginInstance } from '@callwire/plugin-api';
import { fitCallData, ReconnectingLink, SignalQueue } from '@callwire/plugin-kit';
import type { ClientModeOptions } from '../options.js';
import { AsteriskAriProfile } from './asterisk-ari-profile.js';
import { applySignal, type CallSignal } from './call-signal.js';
import type { PbxProfile } from './pbx-profile.js';
import { openPbxSocket, type PbxSocket } from './pbx-socket.js';
import { YeastarProfile } from './yeastar-profile.js';

const PROFILES: Readonly<Record<ClientModeOptions['profile'], (options: ClientModeOptions) => PbxProfile>> = {
  'asterisk-ari': (options) => new AsteriskAriProfile(options),
  yeastar: (options) => new YeastarProfile(options),
};

/**
 * Client mode: reads a PBX's event socket through its profile and carries
 * the call signals out in arrival order (a SignalQueue). The socket is kept
 * up by a ReconnectingLink: after any loss (or a refused upgrade) it
 * reconnects with capped backoff, the waits starting over only once the PBX
 * answered (a pong or a frame). A frame that is not JSON is logged and
 * skipped; the connection stays up (the PBX cannot be answered).
 */
export class PbxEventInput implements PluginInstance {
  private readonly profile: PbxProfile;
  private readonly link: ReconnectingLink<PbxSocket>;
  private readonly queue: SignalQueue;

  constructor(private readonly ctx: InputContext<ClientModeOptions>) {
    const { options } = ctx;
    this.profile = PROFILES[options.profile](options);
    this.queue = new SignalQueue({ log: ctx.log });
    const url = new URL(options.connect.url);
    const socket = { ...options.connect, heartbeatMs: options.heartbeatSeconds * 1000, heartbeatText: this.profile.heartbeatText };
    this.link = new ReconnectingLink({
      peer: `the PBX event socket ${url.protocol}//${url.host}${url.pathname}`,
      connect: (attempt) => openPbxSocket(socket, ctx, attempt, (text) => this.receive(text)),
      reconnect: options.reconnect,
      context: ctx,
      resetBackoff: 'heard',
      up: (open) => this.profile.greeting().forEach((text) => open.send(text)),
    });
  }

  start(): void {
    this.link.start();
  }

  async stop(): Promise<void> {
    await this.link.stop();
    await this.queue.drain();
  }

  private receive(text: string): void {
    if (this.profile.isChatter(text)) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (err) {
      return this.ctx.log.warn(`ignored a PBX frame that is not JSON (${(err as Error).message}): ${text.slice(0, 200)}`);
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return this.ctx.log.warn(`ignored a PBX frame that is not a JSON object: ${text.slice(0, 200)}`);
    const reading = this.profile.read(message as Record<string, unknown>);
    if (reading.note) this.ctx.log.debug(reading.note);
    for (const signal of reading.signals) {
      this.queue.push(`${signal.kind} for ${signal.identity.deviceId}`, () => applySignal(this.ctx.calls, this.fitted(signal), this.ctx.log));
    }
  }

  private fitted(signal: CallSignal): CallSignal {
    if (signal.kind !== 'start' && signal.kind !== 'update') return signal;
    const { data, clipped } = fitCallData(signal.data);
    if (clipped.length > 0) this.ctx.log.warn(`${signal.identity.deviceId}: cut to the API's column sizes: ${clipped.join(', ')}`);
    return { ...signal, data };
  }
}
