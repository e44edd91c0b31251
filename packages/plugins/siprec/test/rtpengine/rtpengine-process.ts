import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { NgClient } from './ng-client.js';

export const RTPENGINE = '/usr/bin/rtpengine';

/** Whether this machine has rtpengine (Debian package rtpengine-daemon). */
export function haveRtpengine(): boolean {
  return spawnSync(RTPENGINE, ['--version']).error === undefined;
}

/**
 * Default media ports: below Linux's ephemeral range (32768–60999), so no
 * socket a test binds to port 0 takes one of them, and below the packaged
 * daemon's 30000–40000, in case a system rtpengine runs too. A test that
 * runs beside another rtpengine of its own gives it another range.
 */
export const RTPENGINE_MEDIA_PORTS: readonly [number, number] = [29000, 29399];

export interface RtpengineOptions {
  /** Where its log (stderr) goes: `<dir>/rtpengine.log`. */
  readonly dir: string;
  /** The UDP ports it may take for media; default RTPENGINE_MEDIA_PORTS. */
  readonly portRange?: readonly [number, number];
  /** How long to wait for the first `pong`; default 10 s. */
  readonly startTimeoutMs?: number;
}

export interface RunningRtpengine {
  readonly ng: NgClient;
  /** The ng control port on 127.0.0.1. */
  readonly ngPort: number;
  readonly logFile: string;
  /** Kills it (SIGTERM, then SIGKILL after 2 s) and waits for it to be gone. */
  stop(): Promise<void>;
}

/**
 * The command line: userspace only (`--table=-1`: no kernel forwarding
 * table, and without `--no-fallback` it never asks for the kernel module),
 * no config file (the package's /etc/rtpengine/rtpengine.conf would add its
 * own interfaces and ports), in the foreground, logging to stderr, media on
 * 127.0.0.1 only, ng control on 127.0.0.1:`ngPort`.
 */
export function rtpengineArguments(ngPort: number, [portMin, portMax]: readonly [number, number]): string[] {
  return [
    '--config-file=none',
    '--table=-1',
    '--foreground',
    '--log-stderr',
    '--log-level=6',
    '--interface=127.0.0.1',
    `--listen-ng=127.0.0.1:${ngPort}`,
    `--port-min=${portMin}`,
    `--port-max=${portMax}`,
    '--num-threads=2',
    '--delete-delay=0',
  ];
}

/** Starts rtpengine and resolves once it answers an ng `ping`; retries with another control port if the one picked was taken meanwhile. */
export async function startRtpengine(options: RtpengineOptions): Promise<RunningRtpengine> {
  const logFile = join(options.dir, 'rtpengine.log');
  let lastFailure = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const ngPort = await freeUdpPort();
    const started = await startOnce(ngPort, options, logFile);
    if ('ng' in started) return started;
    lastFailure = started.failure;
    if (!/address already in use/i.test(lastFailure)) break;
  }
  throw new Error(`rtpengine did not start: ${lastFailure} (log: ${logFile})`);
}

async function startOnce(ngPort: number, options: RtpengineOptions, logFile: string): Promise<RunningRtpengine | { failure: string }> {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawnWithParentDeath(rtpengineArguments(ngPort, options.portRange ?? RTPENGINE_MEDIA_PORTS));
  let tail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<string>((resolve) => {
    child.on('error', (err) => resolve(err.message));
    child.on('exit', (code, signal) => resolve(`exited (${signal ?? `code ${code}`}): ${tail.trim().split('\n').slice(-3).join(' | ')}`));
  });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const ng = await NgClient.open({ host: '127.0.0.1', port: ngPort }, { timeoutMs: 1000, retries: 2 });
  const stop = async (): Promise<void> => {
    ng.close();
    if (child.exitCode === null && child.signalCode === null) {
      const force = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    }
    process.off('exit', killOnExit);
    await new Promise((resolve) => log.end(resolve));
  };

  const outcome = await Promise.race([untilPong(ng, options.startTimeoutMs ?? 10_000), exited.then((why) => ({ failure: why }))]);
  if (outcome === 'pong') return { ng, ngPort, logFile, stop };
  await stop();
  return outcome;
}

/**
 * Spawns rtpengine so that it dies with this process even if the test runner
 * is killed outright (setpriv --pdeathsig, from util-linux); plain spawn
 * where setpriv is missing, with only the exit hook left to clean up.
 */
function spawnWithParentDeath(args: string[]): ChildProcess {
  const setpriv = spawnSync('setpriv', ['--version']).error === undefined;
  const [command, argv] = setpriv ? ['setpriv', ['--pdeathsig', 'KILL', '--', RTPENGINE, ...args]] : [RTPENGINE, args];
  return spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Pings until rtpengine answers (its socket is up once startup is complete), or the time is over. */
async function untilPong(ng: NgClient, timeoutMs: number): Promise<'pong' | { failure: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      await ng.ping({ timeoutMs: 100, retries: 0 });
      return 'pong';
    } catch (err) {
      last = (err as Error).message;
    }
  }
  return { failure: `no pong within ${timeoutMs} ms (${last})` };
}

/** A UDP port on 127.0.0.1 that nobody held a moment ago (bound to port 0, then released). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}
