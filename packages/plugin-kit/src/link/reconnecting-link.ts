import type { BaseContext, TimerHandle } from '@callwire/plugin-api';
import { Backoff, type BackoffOptions } from '../backoff/backoff.js';
import { LinkLog, type LinkWording } from './link-log.js';

/** An open connection, as a link's `connect` makes it. */
export interface LinkConnection {
  /** Said after "connected to <peer>" once it is up: ` (9600 8N1)`, `; sent login 'SMDR'`. */
  readonly detail?: string;
  /** Closes it because the link stops (no `lost` is expected after); may resolve once it is closed. */
  close(): void | Promise<void>;
}

/** What `connect` is given for one attempt. */
export interface LinkAttempt {
  /** Aborted when the link stops: give up connecting (reject) and release whatever was opened. */
  readonly signal: AbortSignal;
  /** The peer proved it is alive (it sent something); with `resetBackoff: 'heard'` only this starts the waits over. */
  heard(): void;
  /** The open connection ended, and why: the link waits, then connects again. Calls after the first are ignored. */
  lost(reason: string): void;
}

/** Where a link stands: trying to connect, connected, waiting to try again, or stopped. */
export type LinkState = 'connecting' | 'up' | 'waiting' | 'stopped';

/** What a {@link ReconnectingLink} needs. */
export interface ReconnectingLinkOptions<C extends LinkConnection> {
  /** What the log calls the peer: `the TAPI bridge 10.0.0.6:7100`, `serial port /dev/ttyUSB0`. */
  readonly peer: string;
  /** Opens one connection: resolves once it is up, rejects (with an Error saying why) when it cannot be. */
  readonly connect: (attempt: LinkAttempt) => Promise<C>;
  /** The waits between attempts (a plugin's `reconnect` option). */
  readonly reconnect: BackoffOptions;
  /** The plugin's context: its log, its timers (so the host cancels them, and tests drive them) and `stopping`. */
  readonly context: Pick<BaseContext, 'log' | 'timers' | 'stopping'>;
  /**
   * When the waits start over from the first: once a connection is up
   * (default), or once the peer was heard on it — a peer that accepts and
   * drops every connection must then not be hammered at the first wait.
   */
  readonly resetBackoff?: 'connected' | 'heard';
  /** How the log names what the link does, when it is not connecting (a listener binding its port). */
  readonly wording?: LinkWording;
  /** Each new connection once it is up (greet the peer here). What it throws is logged, and the connection kept. */
  readonly up?: (connection: C) => void;
}

/**
 * Keeps one connection to a peer up — a PBX, a CTI bridge, a serial port —
 * whatever carries it: connects at start, and after a failed attempt or a
 * lost connection waits (capped exponential backoff with jitter, on the
 * plugin's timers) and connects again, until `stop()` or the plugin's
 * `stopping` signal. A peer that is down is not an error that stops the
 * plugin: it is logged once, and the link keeps trying.
 *
 * It logs one line per change of state (connecting, connected, lost and
 * why, cannot connect and why), not one per attempt: a peer refusing the
 * same way a hundred times is one line. Nothing it runs from a timer or an
 * event throws.
 */
export class ReconnectingLink<C extends LinkConnection> {
  private readonly backoff: Backoff;
  private readonly log: LinkLog;
  private stopper = new AbortController();
  private running = false;
  private now: LinkState = 'stopped';
  private current: C | undefined;
  private retry: TimerHandle | undefined;
  private attempting: Promise<void> = Promise.resolve();
  private stopped: Promise<void> = Promise.resolve();
  /** Connections made so far. */
  connections = 0;

  constructor(private readonly options: ReconnectingLinkOptions<C>) {
    this.backoff = new Backoff(options.reconnect);
    this.log = new LinkLog(options.context.log, options.peer, options.reconnect.maxMs, options.wording);
  }

  /** Where the link stands now. */
  get state(): LinkState {
    return this.now;
  }

  /** The connection that is up now, if one is. */
  get connection(): C | undefined {
    return this.current;
  }

  /** Starts connecting; returns at once (a peer that is down is retried, not thrown). */
  start(): void {
    if (this.running || this.options.context.stopping.aborted) return;
    this.running = true;
    this.stopper = new AbortController();
    this.options.context.stopping.addEventListener('abort', () => void this.stop(), { once: true, signal: this.stopper.signal });
    this.log.connecting();
    this.attempt();
  }

  /** Stops: cancels a wait, abandons an attempt, closes the connection; resolves once it is closed. */
  stop(): Promise<void> {
    if (this.running) {
      this.running = false;
      this.stopped = this.shutDown();
    }
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    this.now = 'stopped';
    this.stopper.abort();
    this.options.context.timers.clearTimeout(this.retry);
    this.retry = undefined;
    const open = this.current;
    this.current = undefined;
    if (open) await this.close(open);
    await this.attempting;
    this.log.stopped();
  }

  private attempt(): void {
    this.now = 'connecting';
    this.attempting = this.connectOnce().catch((err: unknown) => {
      this.options.context.log.error({ err }, `link to ${this.options.peer}: ${(err as Error).message}`);
    });
  }

  private async connectOnce(): Promise<void> {
    const signal = this.stopper.signal;
    let up = false;
    let ended: string | undefined;
    let connection: C | undefined;
    const attempt: LinkAttempt = {
      signal,
      heard: () => {
        if (up && ended === undefined && this.options.resetBackoff === 'heard') this.backoff.reset();
      },
      lost: (reason) => {
        if (ended !== undefined) return;
        ended = reason;
        if (up && connection !== undefined) this.lost(connection, reason);
      },
    };
    try {
      connection = await this.options.connect(attempt);
    } catch (err) {
      if (!signal.aborted) this.failed(err);
      return;
    }
    if (signal.aborted) return void (await this.close(connection));
    up = true;
    this.connected(connection);
    if (ended !== undefined) this.lost(connection, ended);
  }

  private connected(connection: C): void {
    this.current = connection;
    this.now = 'up';
    this.connections++;
    if (this.options.resetBackoff !== 'heard') this.backoff.reset();
    this.log.connected(connection.detail ?? '');
    try {
      this.options.up?.(connection);
    } catch (err) {
      this.options.context.log.error({ err }, `${this.options.peer}: greeting the new connection failed: ${(err as Error).message}`);
    }
  }

  private lost(connection: C, reason: string): void {
    if (this.current !== connection || !this.running) return;
    this.current = undefined;
    this.wait((ms) => this.log.lost(reason, ms));
  }

  private failed(err: unknown): void {
    const reason = err instanceof Error ? err.message : String(err);
    this.wait((ms) => this.log.cannotConnect(reason, ms));
  }

  private wait(report: (ms: number) => void): void {
    if (!this.running) return;
    const ms = this.backoff.next();
    this.now = 'waiting';
    report(ms);
    this.retry = this.options.context.timers.setTimeout(() => {
      this.retry = undefined;
      if (this.running) this.attempt();
    }, ms);
  }

  private async close(connection: C): Promise<void> {
    try {
      await connection.close();
    } catch (err) {
      this.options.context.log.debug({ err }, `closing ${this.options.peer}: ${(err as Error).message}`);
    }
  }
}
