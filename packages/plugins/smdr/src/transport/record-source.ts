import type { LineSplitter } from '../line-splitter.js';

/** Receives each complete line and where it came from (the port path, `host:port` of the peer). */
export type LineHandler = (line: string, source: string) => void;

/** Makes the line splitter of one connection. */
export type SplitterFactory = () => LineSplitter;

/**
 * Where SMDR comes from: a serial port, a PBX we connect to, or PBXs that
 * connect to us. `start()` returns at once and never throws for a port or
 * peer that is not there: the source keeps trying with backoff. `stop()`
 * releases every port, socket and timer.
 */
export interface RecordSource {
  start(): void;
  stop(): Promise<void>;
}

/** `ENOENT`, `ECONNREFUSED`…, else the message: what a state change is keyed on. */
export function errorKey(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  return e?.code ?? e?.message ?? 'unknown';
}
