import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

export const HAVE_SIPP = spawnSync('sipp', ['-v']).error === undefined;
export const SIPP_REQUIRED = process.env['CALLWIRE_REQUIRE_SIPP'] === '1';

/** Skips the suite when SIPp is missing, unless CALLWIRE_REQUIRE_SIPP=1 makes that a failure. */
export function requireSipp(context: Mocha.Context): void {
  if (HAVE_SIPP || SIPP_REQUIRED) return;
  console.log('      (skipped: sipp is not installed; apt-get install sip-tester, or set CALLWIRE_REQUIRE_SIPP=1 to make this a failure)');
  context.skip();
}

/** A port nobody holds now over UDP nor TCP, for SIPp's own side. */
export async function freePort(): Promise<number> {
  for (;;) {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    const server = createServer();
    const tcpFree = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    await new Promise<void>((resolve) => (tcpFree ? server.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => socket.close(resolve));
    if (tcpFree) return port;
  }
}

export type SippTransport = 'udp' | 'tcp';

export interface SippRun {
  readonly code: number | null;
  readonly output: string;
}

/**
 * Runs a SIPp UAC scenario once against 127.0.0.1:`port` as a child
 * process; resolves with its exit code (0: every step as the scenario
 * expects) and what it printed.
 */
export async function runSipp(scenario: string, transport: SippTransport, port: number, extra: readonly string[] = []): Promise<SippRun> {
  for (let attempt = 1; ; attempt++) {
    const run = await runSippOnce(scenario, transport, port, extra);
    // Its port was free a moment ago; another process (a TCP client's ephemeral port) may have taken it since.
    if (attempt >= 3 || !run.output.includes('Unable to bind main socket')) return run;
  }
}

async function runSippOnce(scenario: string, transport: SippTransport, port: number, extra: readonly string[]): Promise<SippRun> {
  const local = await freePort();
  const args = [`127.0.0.1:${port}`, '-sf', scenario, '-m', '1', '-t', transport === 'udp' ? 'u1' : 't1', '-i', '127.0.0.1', '-p', String(local), '-nostdin', '-timeout', '30s', '-timeout_error', ...extra];
  const child = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output: output.length > 6000 ? `${output.slice(0, 3000)}\n…\n${output.slice(-3000)}` : output };
}
