import type { Logger } from '@callwire/plugin-api';

/** A Logger that keeps `level message` lines (and each line's fields) for a test to read back. */
export class CapturedLog implements Logger {
  readonly entries: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  readonly fatal = this.at('fatal');
  readonly error = this.at('error');
  readonly warn = this.at('warn');
  readonly info = this.at('info');
  readonly debug = this.at('debug');
  readonly trace = this.at('trace');

  /** `level message` of every entry at `minimum` or above (default info). */
  lines(minimum: 'debug' | 'info' = 'info'): string[] {
    const shown = minimum === 'debug' ? ['debug', 'info', 'warn', 'error', 'fatal'] : ['info', 'warn', 'error', 'fatal'];
    return this.entries.filter((e) => shown.includes(e.level)).map((e) => `${e.level} ${e.message}`);
  }

  child(): Logger {
    return this;
  }

  private at(level: string): Logger['info'] {
    return ((first: unknown, second?: unknown) => {
      const [fields, message] = typeof first === 'string' ? [{}, first] : [first as Record<string, unknown>, String(second ?? '')];
      this.entries.push({ level, message, fields });
    }) as Logger['info'];
  }
}
