import { pino, type Logger } from 'pino';

/** One pino line as written, parsed. */
export type LogLine = Record<string, unknown> & { readonly level: number; readonly msg: string };

/** pino's numbers for the levels tests look for. */
export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/**
 * A real pino logger (at `level`, info by default) whose JSON lines are kept
 * parsed, in order, for tests that read what an operator would see.
 */
export class CapturedLog {
  readonly lines: LogLine[] = [];
  readonly logger: Logger;
  private readonly waiting = new Set<() => void>();

  constructor(level: pino.LevelWithSilent = 'info') {
    this.logger = pino({ level }, {
      write: (text: string) => {
        for (const line of text.split('\n')) if (line) this.lines.push(JSON.parse(line) as LogLine);
        this.waiting.forEach((wake) => wake());
      },
    });
  }

  /** The lines whose message matches `msg`. */
  matching(msg: RegExp): LogLine[] {
    return this.lines.filter((line) => msg.test(line.msg));
  }

  /** Resolves with the first line (already written or still to come) whose message matches; rejects after `timeoutMs`. */
  async line(msg: RegExp, timeoutMs = 5000): Promise<LogLine> {
    const found = () => this.matching(msg)[0];
    if (found()) return found()!;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`no log line matching ${msg} within ${timeoutMs} ms; logged: ${this.lines.map((l) => l.msg).join(' | ')}`));
      }, timeoutMs);
      const check = () => {
        const line = found();
        if (!line) return;
        clearTimeout(timer);
        this.waiting.delete(check);
        resolve(line);
      };
      this.waiting.add(check);
    });
  }
}
