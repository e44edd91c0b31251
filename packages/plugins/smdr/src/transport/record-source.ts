import type { InputContext } from '@callwire/plugin-api';
import type { LineSplitter, LinkConnection, LinkState, ReconnectingLink, SplitLine } from '@callwire/plugin-kit';

/** Receives each line (or piece of an over-long one) and where it came from (the port path, `host:port` of the peer). */
export type LineHandler = (line: SplitLine, source: string) => void;

/** Makes the line splitter of one connection. */
export type SplitterFactory = () => LineSplitter;

/** What a source uses of the plugin's context: its log, its timers and `stopping`. */
export type SourceContext = Pick<InputContext, 'log' | 'timers' | 'stopping'>;

/**
 * Where SMDR comes from: a serial port, a PBX we connect to, or PBXs that
 * connect to us. `start()` returns at once and never throws for a port or
 * peer that is not there: the source keeps trying with backoff. `stop()`
 * releases every port, socket and timer.
 */
export interface RecordSource {
  /** Where its link stands (connecting, up, waiting to try again, stopped). */
  readonly state: LinkState;
  start(): void;
  stop(): Promise<void>;
}

/** A source kept up by a ReconnectingLink: its state, start and stop are the link's. */
export abstract class LinkedSource implements RecordSource {
  protected abstract readonly link: ReconnectingLink<LinkConnection>;

  get state(): LinkState {
    return this.link.state;
  }

  start(): void {
    this.link.start();
  }

  stop(): Promise<void> {
    return this.link.stop();
  }
}
