import type { Logger } from '@callwire/plugin-api';

/** `1.5 s`, `20 ms`: a wait as an operator reads it. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** How the log lines name what a link does; the defaults speak of connecting. */
export interface LinkWording {
  /** `connecting to` */
  readonly connecting: string;
  /** `connected to` */
  readonly connected: string;
  /** `cannot connect to` */
  readonly cannot: string;
  /** `lost` */
  readonly lost: string;
}

const CONNECTING: LinkWording = { connecting: 'connecting to', connected: 'connected to', cannot: 'cannot connect to', lost: 'lost' };

/**
 * What a link says about its state: one line per change — connecting,
 * connected, lost (why, and when it tries again), cannot connect (why) —
 * never one per attempt. Failed attempts that fail the same way as the one
 * before are not logged again; a different reason (ENOENT, then EACCES) is
 * a change, and so logged.
 */
export class LinkLog {
  private lastFailure: string | undefined;

  constructor(
    private readonly log: Logger,
    private readonly peer: string,
    private readonly maxMs: number,
    private readonly words: LinkWording = CONNECTING,
  ) {}

  connecting(): void {
    this.lastFailure = undefined;
    this.log.info(`${this.words.connecting} ${this.peer}`);
  }

  connected(detail: string): void {
    this.lastFailure = undefined;
    this.log.info(`${this.words.connected} ${this.peer}${detail}`);
  }

  lost(reason: string, waitMs: number): void {
    this.lastFailure = undefined;
    this.log.warn({ reason }, `${this.words.lost} ${this.peer} (${reason}); trying again in ${formatWait(waitMs)}`);
  }

  cannotConnect(reason: string, waitMs: number): void {
    if (reason === this.lastFailure) return;
    this.lastFailure = reason;
    this.log.warn({ reason }, `${this.words.cannot} ${this.peer} (${reason}); retrying in ${formatWait(waitMs)}, backing off to every ${formatWait(this.maxMs)}`);
  }

  stopped(): void {
    this.log.debug(`stopped: ${this.peer}`);
  }
}
