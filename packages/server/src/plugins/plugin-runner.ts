import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CancellableTimers, type ApiCommand, type EventBus } from '@callwire/core';
import {
  type BaseContext, type CallSignals, type Clock, type Logger, type PluginCommand, type PluginContext, type PluginInstance,
  type PluginKind, type RecorderCore, type RecordingSink, type TimerHandle, type Timers,
} from '@callwire/plugin-api';
import type { PreparedPlugin } from '../host/prepare-plugins.js';
import { withTimeout } from '../host/with-timeout.js';
import { eventSource } from './event-source.js';
import type { FaultOwner, PluginFaults } from './plugin-faults.js';

import { FAILURE_FORGIVEN_AFTER_MS, restartDelayMs, type RestartPolicy } from './restart-policy.js';

const TIMEOUT_MS = 10_000;

/** What a runner binds its plugin to, and unbinds it from. */
export interface PluginPorts {
  readonly log: Logger;
  readonly clock: Clock;
  /** The host's timers, each plugin's own run on. */
  readonly timers: Timers;
  readonly faults: PluginFaults;
  readonly paths: { readonly dataDir: string; readonly recordingsPath: string };
  readonly calls: CallSignals;
  readonly bus: EventBus;
  readonly recordings: RecordingSink;
  /** Registers a core; what it returns takes it out again and ends the recordings running on it. */
  addCore(core: RecorderCore): () => Promise<void>;
  addCommand(command: ApiCommand): () => void;
}

export type RunnerState = 'created' | 'running' | 'restarting' | 'disabled' | 'stopped';

/** One running attempt of a plugin: its instance and everything bound for it. */
interface Attempt {
  readonly owner: FaultOwner;
  /** The plugin's own timers (ctx.timers): each callback runs as its code; all are cancelled when it stops. */
  readonly timers: CancellableTimers;
  events: { close(): void };
  readonly abort: AbortController;
  instance?: PluginInstance;
  unbind: (() => void | Promise<void>)[];
  startedAt?: number;
}

/**
 * One configured plugin through its life: created, started, and — when its
 * code fails, wherever (create, start, a timer, a socket callback, a
 * rejection it left unhandled) — stopped with everything of it unbound
 * (core, commands, timers, event subscriptions), then started again after a
 * growing wait — `maxRestarts` times in a row at most.
 */
export class PluginRunner {
  private attempt: Attempt | undefined;
  private failures = 0;
  private restartTimer: TimerHandle | undefined;
  private status: RunnerState = 'stopped';
  private lastProblem = '';
  private readonly log: Logger;

  constructor(
    readonly plugin: PreparedPlugin,
    private readonly policy: RestartPolicy,
    private readonly ports: PluginPorts,
  ) {
    this.log = ports.log.child({ plugin: plugin.id });
  }

  get id(): string {
    return this.plugin.id;
  }

  get kind(): PluginKind {
    return this.plugin.definition.kind;
  }

  get state(): RunnerState {
    return this.status;
  }

  /** Why it is not running, for /healthz; undefined while it runs. */
  problem(): string | undefined {
    if (this.status === 'running' || this.status === 'created' || this.status === 'stopped') return undefined;
    return this.lastProblem;
  }

  /** Creates the plugin (its core is registered at once: recorders serve before inputs start). False when it failed. */
  async create(): Promise<boolean> {
    const attempt = this.newAttempt();
    this.attempt = attempt;
    try {
      const instance = await withTimeout(this.ports.faults.run(attempt.owner, () => this.plugin.definition.create(this.contextFor(attempt))), TIMEOUT_MS, `plugin ${this.id} create()`);
      attempt.instance = instance;
      if (instance.core) attempt.unbind.push(this.ports.addCore(guardCore(instance.core, (work) => this.ports.faults.run(attempt.owner, work))));
      this.status = 'created';
      return true;
    } catch (err) {
      await this.fail(attempt, err, 'create()');
      return false;
    }
  }

  /** Starts the created plugin and then binds its commands. False when it failed. */
  async start(): Promise<boolean> {
    const attempt = this.attempt;
    if (!attempt?.instance || this.status !== 'created') return false;
    try {
      const { instance } = attempt;
      await withTimeout(this.ports.faults.run(attempt.owner, () => instance.start()), TIMEOUT_MS, `plugin ${this.id} start()`);
      for (const command of instance.commands ?? []) attempt.unbind.push(this.ports.addCommand(this.commandOf(command, attempt)));
      attempt.startedAt = this.ports.clock.now();
      this.status = 'running';
      this.log.info(this.failures > 0 ? `plugin ${this.id} started again` : `plugin ${this.id} started`);
      return true;
    } catch (err) {
      await this.fail(attempt, err, 'start()');
      return false;
    }
  }

  /** Stops the plugin for good (host stop). */
  async stop(): Promise<void> {
    this.ports.timers.clearTimeout(this.restartTimer);
    const attempt = this.attempt;
    this.attempt = undefined;
    this.status = 'stopped';
    if (attempt) await this.release(attempt);
  }

  private newAttempt(): Attempt {
    const abort = new AbortController();
    const attempt: Attempt = {
      owner: { id: this.id, root: this.plugin.root, failed: (err, where) => void this.fail(attempt, err, where) },
      timers: new CancellableTimers(this.ports.timers, (work) => this.ports.faults.run(attempt.owner, work)),
      events: { close: () => undefined },
      abort,
      unbind: [],
    };
    return attempt;
  }

  /** Counts a failure of `attempt` (once), unbinds it, and plans the restart or gives up. */
  private async fail(attempt: Attempt, err: unknown, where: string): Promise<void> {
    if (this.attempt !== attempt) return; // already failed or stopped
    this.attempt = undefined;
    const ranFor = attempt.startedAt === undefined ? 0 : this.ports.clock.now() - attempt.startedAt;
    if (ranFor >= FAILURE_FORGIVEN_AFTER_MS) this.failures = 0;
    this.failures++;
    const message = err instanceof Error ? err.message : String(err);
    const giveUp = this.failures > this.policy.maxRestarts;
    const delay = restartDelayMs(this.policy, this.failures);
    this.lastProblem = giveUp
      ? `disabled after ${this.failures} failure(s) in a row; the last: ${message} (in ${where})`
      : `failed in ${where}: ${message}; restarting in ${delay / 1000} s (restart ${this.failures} of ${this.policy.maxRestarts} in a row before it is disabled)`;
    this.status = giveUp ? 'disabled' : 'restarting';
    this.log.error({ err, plugin: this.id }, `plugin ${this.id} ${this.lastProblem}`);
    await this.release(attempt);
    if (giveUp) return;
    this.restartTimer = this.ports.timers.setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.status !== 'restarting') return;
    if (await this.create()) await this.start();
  }

  /** Unbinds everything of an attempt and asks its instance to stop. */
  private async release(attempt: Attempt): Promise<void> {
    attempt.abort.abort();
    for (const unbind of attempt.unbind.splice(0).reverse()) await unbind();
    attempt.timers.cancelAll();
    attempt.events.close();
    const instance = attempt.instance;
    if (instance) {
      try {
        await withTimeout(this.ports.faults.run(attempt.owner, () => instance.stop()), TIMEOUT_MS, `plugin ${this.id} stop()`);
      } catch (err) {
        this.log.error({ err, plugin: this.id }, `plugin ${this.id} did not stop cleanly: ${(err as Error).message}`);
      }
    }
    attempt.timers.cancelAll(); // what stop() itself set
    this.ports.faults.forget(attempt.owner);
  }

  /** What the plugin's kind gets: an input the call path and the event stream, a recorder its sink; nobody the engine. */
  private contextFor(attempt: Attempt): PluginContext {
    const dataDir = join(this.ports.paths.dataDir, 'plugins', this.id.replace(/[^\w.-]/g, '_'));
    const base: BaseContext = {
      id: this.id,
      options: this.plugin.options as Readonly<unknown>,
      log: this.log,
      clock: this.ports.clock,
      timers: attempt.timers,
      get dataDir() {
        mkdirSync(dataDir, { recursive: true });
        return dataDir;
      },
      stopping: attempt.abort.signal,
    };
    if (this.plugin.definition.kind === 'recorder') {
      const calls = this.plugin.definition.callSource ? { calls: this.ports.calls } : {};
      return { ...base, recordingsPath: this.ports.paths.recordingsPath, recordings: this.ports.recordings, ...calls };
    }
    const events = eventSource(this.ports.bus, (err) => void this.fail(attempt, err, 'an event listener'), (work) => this.ports.faults.run(attempt.owner, work));
    attempt.events = events;
    return { ...base, calls: this.ports.calls, events };
  }

  /** An extension's command as the dispatcher takes it, run as the plugin's code. */
  private commandOf(command: PluginCommand, attempt: Attempt): ApiCommand {
    return {
      type: command.type.toUpperCase(),
      ...(command.fields ? { fields: command.fields } : {}),
      handle: (request, context) => this.ports.faults.run(attempt.owner, () => command.handle(request, { session: context.session, log: context.log })),
    };
  }
}

/** The core as the engine calls it: every method runs as the plugin's code, so what it starts is attributed to it. */
function guardCore(core: RecorderCore, run: <T>(work: () => T) => T): RecorderCore {
  return new Proxy(core, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => run(() => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}
