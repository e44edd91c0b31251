import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { waitUntil } from './wait.js';

/**
 * A real pseudo-terminal pair made by socat, standing in for the serial
 * cable between a PBX's SMDR port and the collector:
 * `socat -d -d pty,raw,echo=0,link=<pluginEnd> pty,raw,echo=0,link=<pbxEnd>`.
 * The plugin opens `pluginEnd` through serialport; the test writes what the
 * PBX would print to `pbxEnd`. `stop()` kills socat (the port vanishes, as
 * when a USB adapter is pulled); `start()` again brings it back under the
 * same names.
 */
export class PtyPair {
  readonly pluginEnd: string;
  readonly pbxEnd: string;
  private socat: ChildProcess | undefined;
  private pbx: FileHandle | undefined;

  constructor(dir: string) {
    this.pluginEnd = join(dir, 'smdr-port');
    this.pbxEnd = join(dir, 'pbx-port');
  }

  async start(): Promise<void> {
    const socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.pluginEnd}`, `pty,raw,echo=0,link=${this.pbxEnd}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    socat.stderr!.resume();
    this.socat = socat;
    await waitUntil(() => existsSync(this.pluginEnd) && existsSync(this.pbxEnd), 'socat to create both pty links');
    this.pbx = await open(this.pbxEnd, 'r+');
  }

  /** Writes bytes as the PBX prints them. */
  async write(data: string | Buffer): Promise<void> {
    if (!this.pbx) throw new Error('the pty pair is not running');
    await this.pbx.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Writes each chunk separately, `gapMs` apart, so the reader sees them as separate reads. */
  async writeChunks(chunks: readonly string[], gapMs = 5): Promise<void> {
    for (const chunk of chunks) {
      await this.write(chunk);
      await new Promise((r) => setTimeout(r, gapMs));
    }
  }

  /**
   * Resolves once this process (the plugin runs in it) has the plugin's end
   * open, set up and read: serialport sets the line and flushes its input
   * right after open(2), so bytes written before that would be lost, as on a
   * real port. The sign is the port's descriptor in the event loop's epoll
   * set: serialport polls it only once its open has completed (flush
   * included) and the plugin reads from it.
   */
  async waitUntilPluginOpened(): Promise<void> {
    const target = realpathSync(this.pluginEnd);
    await waitUntil(() => {
      const fds = openFileTargets().filter(([, t]) => t === target).map(([fd]) => fd);
      return fds.length > 0 && fds.some((fd) => polledDescriptors().has(fd));
    }, `the plugin to open and read ${this.pluginEnd}`);
  }

  /** Kills socat: both ends disappear. */
  async stop(): Promise<void> {
    await this.pbx?.close().catch(() => undefined);
    this.pbx = undefined;
    const socat = this.socat;
    this.socat = undefined;
    if (!socat || socat.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      socat.once('exit', () => resolve());
      socat.kill('SIGTERM');
    });
    await waitUntil(() => !existsSync(this.pluginEnd), 'socat to remove its pty links');
  }
}

/** This process's descriptors and what each is open on: [fd, target]. */
function openFileTargets(): [string, string][] {
  const targets: [string, string][] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      targets.push([fd, readlinkSync(`/proc/self/fd/${fd}`)]);
    } catch {
      // closed meanwhile
    }
  }
  return targets;
}

/** Descriptors registered with an epoll instance of this process (libuv's loop): the `tfd:` lines of its fdinfo. */
function polledDescriptors(): Set<string> {
  const polled = new Set<string>();
  for (const [fd, target] of openFileTargets()) {
    if (target !== 'anon_inode:[eventpoll]') continue;
    try {
      for (const match of readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').matchAll(/^tfd:\s+(\d+)\s/gm)) polled.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return polled;
}
