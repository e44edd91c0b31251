import type { InputContext, PluginInstance } from '@callwire/plugin-api';
import { ReconnectingLink, SignalQueue } from '@callwire/plugin-kit';
import { CallFollower } from './calls/call-follower.js';
import { LineDirectory } from './lines/line-directory.js';
import type { BridgeConnection, ConnectionEvents, OpenConnection } from './link/bridge-connection.js';
import { openTcpConnection } from './link/tcp-connection.js';
import { openWebSocketConnection } from './link/websocket-connection.js';
import type { TapiOptions } from './options.js';
import { readBridgeMessage, type BridgeMessage } from './protocol/bridge-messages.js';

/** The bridge protocol version this plugin speaks (BRIDGE-PROTOCOL.md). */
export const BRIDGE_PROTOCOL_VERSION = 1;

/**
 * The tapi input plugin: one link to the TAPI bridge (a ReconnectingLink:
 * a bridge that is down when Callwire starts is retried, not a failure —
 * TAPI bridges run on other machines and restart on their own schedule),
 * the line directory and the call follower. Bridge messages are applied
 * strictly one after another in arrival order (a SignalQueue), since a
 * transfer or a conference is read across calls and lines; a PING is
 * answered after everything before it was applied. Only a bridge that
 * talks starts the reconnect waits over: one that accepts and drops every
 * connection is not hammered at the first wait.
 */
export class TapiInput implements PluginInstance {
  private readonly lines: LineDirectory;
  private readonly follower: CallFollower;
  private readonly link: ReconnectingLink<BridgeConnection>;
  private readonly queue: SignalQueue;

  constructor(private readonly ctx: InputContext<TapiOptions>) {
    const { options, log } = ctx;
    this.lines = new LineDirectory(options);
    this.follower = new CallFollower({
      calls: ctx.calls, lines: this.lines, policy: options.start, transferWindowMs: options.transferWindowSeconds * 1000, clock: ctx.clock, log,
    });
    this.queue = new SignalQueue({ log });
    const settings = { heartbeatMs: options.heartbeatSeconds * 1000, context: ctx };
    const { bridge } = options;
    const open: OpenConnection = 'url' in bridge
      ? (attempt, events) => openWebSocketConnection(bridge.url, settings, attempt, events)
      : (attempt, events) => openTcpConnection(bridge, settings, attempt, events);
    const describe = 'url' in bridge ? redactUrl(bridge.url) : `${bridge.host}:${bridge.port}`;
    const events: ConnectionEvents = {
      line: (text, connection) => this.receive(text, connection),
      problem: (description) => log.warn(`bridge ${describe}: ${description}`),
    };
    this.link = new ReconnectingLink({
      peer: `the TAPI bridge ${describe}`,
      connect: (attempt) => open(attempt, events),
      reconnect: options.reconnect,
      context: ctx,
      resetBackoff: 'heard',
      up: (connection) => connection.send({ type: 'HELLO', client: 'callwire', protocol: BRIDGE_PROTOCOL_VERSION }),
    });
  }

  start(): void {
    this.link.start();
  }

  async stop(): Promise<void> {
    await this.link.stop();
    await this.queue.drain();
  }

  private receive(text: string, connection: BridgeConnection): void {
    const read = readBridgeMessage(text);
    if (read.kind === 'invalid') return this.ctx.log.warn(`ignored a bridge message: ${read.problem}: ${clip(text)}`);
    if (read.kind === 'unknown') return this.ctx.log.debug(`ignored a bridge message of unknown type ${read.type}`);
    this.queue.push(`the bridge message ${clip(text)}`, () => this.apply(read.message, connection));
  }

  private async apply(message: BridgeMessage, connection: BridgeConnection): Promise<void> {
    switch (message.type) {
      case 'HELLO':
        this.ctx.log.info(`TAPI bridge ${message.bridge ?? '(unnamed)'} ${message.version ?? ''} reports ${message.lines?.length ?? 0} line(s)`);
        for (const line of message.lines ?? []) this.lines.describe(line.line, line);
        if (message.calls) await this.follower.resync(message.calls);
        return;
      case 'LINE_CREATE':
        return this.lines.describe(message.line, message);
      case 'LINE_CALLSTATE':
        return this.follower.callState(message);
      case 'LINE_CALLINFO':
        return this.follower.callInfo(message);
      case 'PING':
        return connection.send({ type: 'PONG', id: message.id });
      case 'PONG':
        return;
    }
  }
}

/** A URL fit for the log: no credentials or query (tokens travel there). */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
