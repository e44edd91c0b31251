import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CallwireProcess } from '../support/callwire-process.js';

/** A real `callwire start` process with the given YAML config, in a temp dir of its own. */
export interface RunningCallwire {
  readonly process: CallwireProcess;
  readonly pid: number;
  readonly api: number;
  readonly dir: string;
  /** SIGTERM, wait for the exit, remove the dir; returns the exit code. */
  stop(): Promise<number | null>;
}

export async function startCallwire(yaml: string, env: Record<string, string> = {}): Promise<RunningCallwire> {
  const dir = mkdtempSync(join(tmpdir(), 'callwire-never-down-'));
  const config = join(dir, 'callwire.yaml');
  writeFileSync(config, yaml);
  const server = CallwireProcess.spawn(['start'], { ...env, CALLWIRE_DATA_DIR: dir, CALLWIRE_API_PORT: '0', CALLWIRE_WEB_PORT: '0', CALLWIRE_CONFIG: config });
  try {
    const { api } = await server.ready(30000);
    return {
      process: server, pid: server.child.pid!, api, dir,
      async stop() {
        if (server.child.exitCode === null) server.kill('SIGTERM');
        const code = await server.exit();
        rmSync(dir, { recursive: true, force: true });
        return code;
      },
    };
  } catch (err) {
    server.kill('SIGKILL');
    await server.exit();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function status(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} for ${pid}`);
  return Number(match[1]) / 1024;
}

/** Resident memory of a process now, MiB (Linux). */
export const rssMiB = (pid: number): number => status(pid, 'VmRSS');
/** The most resident memory a process has had since it started, MiB (Linux): catches a peak between two looks. */
export const peakRssMiB = (pid: number): number => status(pid, 'VmHWM');
/** File descriptors a process has open (Linux). */
export const openFds = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;

/** Polls `condition` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A raw client socket that may half-close (allowHalfOpen): collects what the
 * server sends, and tells when the server has ended its side ('end') and when
 * the socket is closed.
 */
export class HalfOpenClient {
  text = '';
  ended = false;
  closed = false;
  error: Error | undefined;

  private readonly over: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (this.text += chunk));
    socket.on('error', (err) => (this.error = err));
    this.over = new Promise((resolve) => {
      socket.on('end', () => {
        this.ended = true;
        resolve();
      });
      socket.on('close', () => {
        this.closed = true;
        resolve();
      });
    });
  }

  static open(port: number, localAddress?: string): Promise<HalfOpenClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1', localAddress, allowHalfOpen: true }, () => {
        socket.off('error', reject);
        resolve(new HalfOpenClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** The CRLF-terminated replies received so far. */
  replies(): string[] {
    return this.text.split('\r\n').slice(0, -1);
  }

  write(data: string): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (err) => (err ? reject(err) : resolve())));
  }

  /** Shuts down the sending side (FIN), as `socat` does at the end of its input. */
  end(): void {
    this.socket.end();
  }

  /** Resolves when the server has ended the connection (or it closed); rejects after `timeoutMs`. */
  async waitEnded(timeoutMs = 15000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the server did not end the connection within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.over, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}
