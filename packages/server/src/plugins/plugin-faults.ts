import { AsyncLocalStorage } from 'node:async_hooks';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@callwire/plugin-api';

/** A plugin as fault attribution knows it: its id, the folder its code lives in, and what to do when it fails. */
export interface FaultOwner {
  readonly id: string;
  /** The plugin package's folder (absolute); a stack frame below it is the plugin's code. */
  readonly root: string | undefined;
  failed(err: unknown, where: string): void;
}

/**
 * Tells whose code failed, for what escapes every try: an exception thrown
 * in a timer or socket callback, a rejection nobody handles. Plugin code runs
 * inside `run(owner, …)`; Node carries that async context into the timers,
 * sockets and promises it creates, so the process-wide handlers can name the
 * plugin. Where the context is lost (a socket a server accepted), the error's
 * stack is read instead: its first frame inside a plugin's folder names it.
 * See docs/plugin-isolation.md.
 */
export class PluginFaults {
  private readonly context = new AsyncLocalStorage<FaultOwner>();
  private readonly owners = new Set<FaultOwner>();
  private installed: { uncaught: (err: Error) => void; unhandled: (reason: unknown) => void } | undefined;
  private hosts = 0;
  private log: Logger | undefined;

  /** Runs `work` as `owner`'s code: what it starts, and what that throws later, is attributed to it. */
  run<T>(owner: FaultOwner, work: () => T): T {
    this.owners.add(owner);
    return this.context.run(owner, work);
  }

  /** Forgets an owner that will never run again. */
  forget(owner: FaultOwner): void {
    this.owners.delete(owner);
  }

  /** The plugin whose code raised `err`: by async context first, else by the error's stack. */
  ownerOf(err: unknown): FaultOwner | undefined {
    const current = this.context.getStore();
    if (current && this.owners.has(current)) return current;
    const stack = err instanceof Error ? (err.stack ?? '') : '';
    for (const frame of stack.split('\n').slice(1)) {
      const file = frameFile(frame);
      if (file === undefined) continue;
      const owner = [...this.owners].find((o) => o.root !== undefined && file.startsWith(o.root));
      if (owner) return owner;
    }
    return undefined;
  }

  /**
   * Installs the process-wide handlers while at least one host runs. What no
   * plugin owns is Callwire's own failure: with no other handler in the
   * process (an embedding program's, a test runner's), it is logged as fatal
   * and the process exits 1, as Node would have.
   */
  install(log: Logger): void {
    this.hosts++;
    this.log = log;
    if (this.installed) return;
    const handle = (err: unknown, where: string, event: 'uncaughtException' | 'unhandledRejection') => {
      const owner = this.ownerOf(err);
      if (owner) return owner.failed(err, where);
      if (process.listenerCount(event) > 1) return; // someone else handles what is not a plugin's
      this.log?.fatal({ err }, `Callwire failed (${where} outside any plugin): ${err instanceof Error ? err.message : String(err)}; exiting`);
      process.exit(1);
    };
    this.installed = {
      uncaught: (err) => handle(err, 'an uncaught exception', 'uncaughtException'),
      unhandled: (reason) => handle(reason, 'an unhandled promise rejection', 'unhandledRejection'),
    };
    process.on('uncaughtException', this.installed.uncaught);
    process.on('unhandledRejection', this.installed.unhandled);
  }

  /** Removes the handlers when the last host stops. */
  uninstall(): void {
    if (!this.installed || --this.hosts > 0) return;
    process.off('uncaughtException', this.installed.uncaught);
    process.off('unhandledRejection', this.installed.unhandled);
    this.installed = undefined;
  }
}

/** The process's one fault attribution, shared by every host in it. */
export const pluginFaults = new PluginFaults();

/** The file path of a V8 stack frame (`at f (file:///x/y.js:1:2)`, `at /x/y.js:1:2`), if it names one. */
function frameFile(frame: string): string | undefined {
  const match = /\(?((?:file:\/\/)?\/[^():]+)(?::\d+){0,2}\)?\s*$/.exec(frame.trim());
  if (!match) return undefined;
  return match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1];
}
