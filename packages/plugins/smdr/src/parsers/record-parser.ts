import type { CallDetailRecord } from '@callwire/plugin-api';

/** What one line of SMDR became. */
export type LineOutcome =
  /** Call detail records ready to store (none, one, or one per device leg). */
  | { readonly kind: 'records'; readonly records: readonly CallDetailRecord[] }
  /** Kept until the rest of its call arrives (an Avaya segment with Continuation = 1). */
  | { readonly kind: 'pending' }
  /** Not a call: a page header, a ruler, a blank line, a log-in event. */
  | { readonly kind: 'ignored'; readonly reason: string };

/** A line that is not a record of the parser's format; `message` says why. */
export class RejectedLine extends Error {
  override readonly name = 'RejectedLine';
}

/**
 * Turns the lines of one PBX's SMDR output into call detail records. A parser
 * throws {@link RejectedLine} (or any error) for a line it cannot read; it
 * never drops one silently.
 */
export interface RecordParser {
  /** One line, without its line ending. */
  parse(line: string): LineOutcome;
  /**
   * Records held back longer than the parser waits (all of them when `all`),
   * as far as they go; called on a timer and when the plugin stops.
   */
  flush?(all: boolean): readonly CallDetailRecord[];
}

/** Throws RejectedLine with `reason`. */
export function reject(reason: string): never {
  throw new RejectedLine(reason);
}
