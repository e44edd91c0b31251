import type { PluginContext } from '@callwire/core';
import { Backoff, type BackoffOptions } from '@callwire/core';
import type { BridgeConnection, ConnectionEvents, OpenConnection } from './bridge-connection.js';

/** What the link tells its owner. */
export interface LinkHandlers {
  /** A connection is up; the owner greets the bridge on it. */
  connected(connection: BridgeConnection): void;
  /** One message from the bridge, and the connection it came on (for the answer). */
  line(text: string, connection: BridgeConnection): void;
}

/**
 * Keeps one connection to the bridge open: connects at start, and after any
 * loss reconnects with capped exponential backoff until stopped. A bridge
 * that is down when Callwire starts is not an error that stops the plugin:
 * TAPI bridges run on other machines and restart on their own schedule.
 */
export class BridgeLink {
  private readonly backoff: Backoff;
  private current: BridgeConnection | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  /** Connections opened so far (the first is 1). */
  connections = 0;

  constructor(
    private readonly open: OpenConnection,
    private readonly describe: string,
    reconnect: BackoffOptions,
    private readonly log: PluginContext['log'],
    private readonly handlers: LinkHandlers,
  ) {
    this.backoff = new Backoff(reconnect);
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.current?.close();
    this.current = undefined;
  }

  private async connect(): Promise<void> {
    let heard = false;
    let opened: BridgeConnection | undefined;
    const events: ConnectionEvents = {
      line: (text) => {
        if (!opened) return;
        // Only a bridge that talks resets the backoff: one that accepts and
        // drops every connection must not be hammered at the initial rate.
        if (!heard) this.backoff.reset();
        heard = true;
        this.handlers.line(text, opened);
      },
      problem: (description) => this.log.warn(`bridge ${this.describe}: ${description}`),
      closed: (reason) => {
        this.current = undefined;
        if (this.stopped) return;
        this.log.warn(`lost the TAPI bridge ${this.describe}: ${reason}`);
        this.retry();
      },
    };
    try {
      const connection = await this.open(events);
      if (this.stopped) return connection.close();
      opened = connection;
      this.current = connection;
      this.connections++;
      this.log.info(`connected to the TAPI bridge ${this.describe}`);
      this.handlers.connected(connection);
    } catch (err) {
      if (this.stopped) return;
      this.log.warn(`cannot reach the TAPI bridge ${this.describe}: ${(err as Error).message}`);
      this.retry();
    }
  }

  private retry(): void {
    const wait = this.backoff.next();
    this.log.debug(`reconnecting to the TAPI bridge ${this.describe} in ${wait} ms`);
    this.timer = setTimeout(() => void this.connect(), wait);
  }
}
