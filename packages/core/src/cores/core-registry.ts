import { systemTimers, type TimerHandle, type Timers } from '../clock.js';
import type { RecorderCore } from './recorder-core.js';

/** Which cores took a command. */
export interface FanoutOutcome {
  readonly answered: readonly number[];
  readonly failed: readonly number[];
}

const byIdent = (a: RecorderCore, b: RecorderCore) => a.coreIdent - b.coreIdent;

/**
 * The recorder cores of this deployment, by COREIDENT, and the fan-out of a
 * command to the cores serving a device, each within a time limit. A
 * COREIDENT names one recording server: its audio core, and a screen-only
 * core (`recordsAudio: false`) may stand beside it under the same COREIDENT,
 * as one inContact WFO core records calls and screens alike.
 */
export class CoreRegistry {
  /** Cores that record calls (and perhaps screens too). */
  private readonly cores = new Map<number, RecorderCore>();
  /** Screen-only cores. */
  private readonly screens = new Map<number, RecorderCore>();

  /** @param timers the engine's, which the core time limit runs on */
  constructor(
    private readonly timers: Timers = systemTimers,
    private readonly timeoutMs = 2000,
  ) {}

  /** @throws Error when the COREIDENT is taken by a core recording the same media */
  add(core: RecorderCore): void {
    const ident = core.coreIdent;
    if (core.recordsAudio === false) {
      if (this.screens.has(ident) || this.cores.get(ident)?.screenCapture) throw new Error(`two recorder cores record screens as COREIDENT ${ident}`);
      this.screens.set(ident, core);
      return;
    }
    if (this.cores.has(ident)) throw new Error(`two recorder cores claim COREIDENT ${ident}`);
    if (core.screenCapture && this.screens.has(ident)) throw new Error(`two recorder cores record screens as COREIDENT ${ident}`);
    this.cores.set(ident, core);
  }

  /** Takes out this core (its partner under the same COREIDENT stays). */
  remove(core: RecorderCore): void {
    for (const map of [this.cores, this.screens]) if (map.get(core.coreIdent) === core) map.delete(core.coreIdent);
  }

  /** The core that records calls as this COREIDENT. */
  get(coreIdent: number): RecorderCore | undefined {
    return this.cores.get(coreIdent);
  }

  /** The core that records screens as this COREIDENT. */
  screenCore(coreIdent: number): RecorderCore | undefined {
    const core = this.cores.get(coreIdent);
    return this.screens.get(coreIdent) ?? (core?.screenCapture ? core : undefined);
  }

  /** Every core, by COREIDENT (a call core before the screen-only core sharing its COREIDENT). */
  all(): RecorderCore[] {
    return [...this.cores.values(), ...this.screens.values()].sort(byIdent);
  }

  /** Every COREIDENT of this deployment, once each, ascending. */
  idents(): number[] {
    return [...new Set(this.all().map((core) => core.coreIdent))];
  }

  /** The cores that record screens (chat sessions go to them), one per COREIDENT. */
  screenCores(): RecorderCore[] {
    return this.idents().map((ident) => this.screenCore(ident)).filter((core): core is RecorderCore => core !== undefined);
  }

  /** The call cores serving a device, by COREIDENT. */
  coresFor(deviceId: string): RecorderCore[] {
    return [...this.cores.values()].sort(byIdent).filter((core) => core.serves(deviceId));
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
    let timer: TimerHandle | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = this.timers.setTimeout(() => reject(new Error(`recorder core did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => this.timers.clearTimeout(timer));
  }
}
