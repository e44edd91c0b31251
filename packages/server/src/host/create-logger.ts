import { pino, type Logger } from 'pino';

export interface LoggerOptions {
  readonly level: string;
  /** Human-readable lines; default: when stdout is a terminal. */
  readonly pretty?: boolean;
}

/** The process's root logger: JSON lines, or pino-pretty in a terminal. */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  if (!pretty) return pino({ level: options.level, base: { name: 'callwire' } });
  return pino({
    level: options.level,
    base: { name: 'callwire' },
    transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,name' } },
  });
}
