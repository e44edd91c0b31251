import type { RecorderCore } from './recorder-core.js';

/** Which cores took a command. */
export interface FanoutOutcome {
  readonly answered: readonly number[];
  readonly failed: readonly number[];
}

/**
 * The recorder cores of this deployment, by COREIDENT, and the fan-out of a
 * command to the cores serving a device, each within a time limit.
 */
export class CoreRegistry {
  private readonly cores = new Map<number, RecorderCore>();

  constructor(private readonly timeoutMs = 2000) {}

  /** @throws Error when the COREIDENT is taken */
  add(core: RecorderCore): void {
    if (this.cores.has(core.coreIdent)) throw new Error(`two recorder cores claim COREIDENT ${core.coreIdent}`);
    this.cores.set(core.coreIdent, core);
  }

  remove(coreIdent: number): void {
    this.cores.delete(coreIdent);
  }

  get(coreIdent: number): RecorderCore | undefined {
    return this.cores.get(coreIdent);
  }

  all(): RecorderCore[] {
    return [...this.cores.values()].sort((a, b) => a.coreIdent - b.coreIdent);
  }

  /** The cores serving a device, by COREIDENT. */
  coresFor(deviceId: string): RecorderCore[] {
    return this.all().filter((core) => core.serves(deviceId));
  }

  /** Sends `command` to each core; a core that throws or does not answer in time counts as failed. */
  async fanOut(cores: readonly RecorderCore[], command: (core: RecorderCore) => Promise<unknown>): Promise<FanoutOutcome> {
    const results = await Promise.all(cores.map((core) => this.within(command(core)).then(() => true, () => false)));
    return {
      answered: cores.filter((_, i) => results[i]).map((c) => c.coreIdent),
      failed: cores.filter((_, i) => !results[i]).map((c) => c.coreIdent),
    };
  }

  /** `work`, rejected when it takes longer than the core time limit. */
  within<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`recorder core did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}
