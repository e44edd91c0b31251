import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = process.env['CALLWIRE_NATS_SERVER'] ?? 'nats-server';

/**
 * Whether nats-server (Debian's package) can run here; when not, the caller
 * skips — with CALLWIRE_REQUIRE_NATS=1 (as CI sets) that is an error.
 */
export function natsServerAvailable(): boolean {
  const found = spawnSync(BINARY, ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env['CALLWIRE_REQUIRE_NATS'] === '1') throw new Error(`${BINARY} is required (CALLWIRE_REQUIRE_NATS=1) but cannot be run`);
  if (!found) console.log(`      note: ${BINARY} is not installed; skipping`);
  return found;
}

/**
 * A real nats-server with JetStream on 127.0.0.1, its store in a temp dir.
 * The first start takes a free port (`-p -1`) and keeps it, so `restart()`
 * comes back where clients reconnect to, with what JetStream had stored.
 */
export class NatsServer {
  private child: ChildProcess | undefined;
  private constructor(
    private readonly storeDir: string,
    public port: number,
  ) {}

  static async start(): Promise<NatsServer> {
    const server = new NatsServer(mkdtempSync(join(tmpdir(), 'callwire-nats-')), -1);
    await server.run();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Stops it (SIGKILL: nothing is flushed that JetStream had not already written) and starts it again on the same port and store. */
  async restart(): Promise<void> {
    await this.kill();
    await this.run();
  }

  /** Kills the server; `start`'s store stays for a restart. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  private async run(): Promise<void> {
    const child = spawn(BINARY, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    let log = '';
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nats-server did not start within 15 s:\n${log}`)), 15_000);
      child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}:\n${log}`)));
      child.stderr!.setEncoding('utf8').on('data', (text: string) => {
        log += text;
        const listening = /Listening for client connections on [\d.]+:(\d+)/.exec(log);
        if (listening && log.includes('Server is ready')) {
          clearTimeout(timer);
          resolve(Number(listening[1]));
        }
      });
    });
  }
}
