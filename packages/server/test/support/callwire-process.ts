import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The `callwire` command as npm links it: the package's `bin` (bin/callwire.js, in git), which loads the
 * built CLI from dist. Tests run this file, not dist directly, so they go the way `npx callwire` goes.
 */
export const CLI = fileURLToPath(new URL('../../../bin/callwire.js', import.meta.url));

/** A real `callwire start` process, with the JSON log lines it printed. */
export class CallwireProcess {
  readonly lines: Record<string, unknown>[] = [];
  stderr = '';
  private exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      buffer += text;
      let end: number;
      while ((end = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        try {
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.lines.push({ msg: line });
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /** Spawns `callwire <args>` with the given environment added to this one's. */
  static spawn(args: string[], env: Record<string, string>): CallwireProcess {
    return new CallwireProcess(spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  }

  /** Waits for the "Callwire ready" line; returns the ports it names. */
  async ready(timeoutMs = 15000): Promise<{ api: number; web: number }> {
    const line = await this.waitFor((l) => typeof l['msg'] === 'string' && l['msg'].startsWith('Callwire ready'), timeoutMs);
    return { api: (line['api'] as { port: number }).port, web: (line['web'] as { port: number }).port };
  }

  /** Waits for a log line matching `match`. */
  async waitFor(match: (line: Record<string, unknown>) => boolean, timeoutMs = 15000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(match);
      if (found) return found;
      if (this.child.exitCode !== null) throw new Error(`callwire exited with ${this.child.exitCode}: ${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no matching log line; stderr: ${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Resolves with the exit code. */
  exit(): Promise<number | null> {
    return this.exited;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }
}
