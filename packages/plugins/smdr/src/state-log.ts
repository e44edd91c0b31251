import type { Logger } from '@callwire/plugin-api';

/**
 * Logs a connection's state only when it changes: "port /dev/ttyUSB0 not
 * there (ENOENT), retrying" once, not once per retry; the next line is the
 * one saying it opened. A different failure (ENOENT, then EACCES) is a
 * change too.
 */
export class StateLog {
  private last: string | undefined;

  constructor(private readonly log: Logger) {}

  /** Logs `message` at `level` unless the state `key` is the one last logged. */
  report(key: string, level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void {
    if (key === this.last) return;
    this.last = key;
    this.log[level](fields, message);
  }
}
