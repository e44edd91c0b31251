import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from '../support/callwire-process.js';

/** How a finished CLI run ended. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment the CLI runs with: this one's, minus the variables that
 * would point it at a developer's own server or config.
 */
function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['CALLWIRE_HOST', 'CALLWIRE_API_PORT', 'CALLWIRE_WEB_PORT', 'CALLWIRE_CONFIG', 'CALLWIRE_PASSWORD']) delete env[name];
  return { ...env, ...extra };
}

/**
 * Runs the built `callwire` binary to completion, asynchronously (the server
 * under test may live in this very process). A run that does not end within
 * `timeoutMs` is killed and fails the test instead of hanging it.
 */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60000): Promise<CliRun> {
  const cli = startCli(args, env);
  return cli.finished(timeoutMs);
}

/** A `callwire` process still running (such as `callwire events`), with what it printed so far. */
export interface RunningCli {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Waits until stdout matches; fails with what was printed when it does not in time. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Waits until stderr matches. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<string>;
  finished(timeoutMs?: number): Promise<CliRun>;
}

export function startCli(args: string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));

  const waitFor = async (read: () => string, what: string, pattern: RegExp, timeoutMs = 15000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = read();
      const match = pattern.exec(text);
      if (match) return match[0];
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`${what} never matched ${pattern}${child.exitCode !== null ? ` (exited ${child.exitCode})` : ''}; stdout: ${stdout}\nstderr: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout: (pattern, timeoutMs) => waitFor(() => stdout, 'stdout', pattern, timeoutMs),
    waitForStderr: (pattern, timeoutMs) => waitFor(() => stderr, 'stderr', pattern, timeoutMs),
    async finished(timeoutMs = 60000) {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const status = await exited;
      clearTimeout(timer);
      if (status === null) throw new Error(`callwire ${args.join(' ')} did not finish within ${timeoutMs} ms; stdout: ${stdout}\nstderr: ${stderr}`);
      return { status, stdout, stderr };
    },
  };
}

/** The environment that points the client commands at a test server. */
export function serverEnv(ports: { apiPort: number; webPort: number }): Record<string, string> {
  return { CALLWIRE_API_PORT: String(ports.apiPort), CALLWIRE_WEB_PORT: String(ports.webPort) };
}
