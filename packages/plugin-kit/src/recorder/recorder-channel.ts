import type { ChannelState, ChannelStatus, Clock, Timers } from '@callwire/plugin-api';

/** A channel in Error goes back to Idle after this long, so a passing fault (a full disk) does not eat channels for good. */
const ERROR_HOLD_MS = 5000;

/** One channel of a core as configured: its CHANNEL id and, for a static channel, its device. */
export interface ChannelPlan {
  readonly id: number;
  /** Set for a static channel: the device it always records (a tapped extension); unset for a dynamic one. */
  readonly device?: string;
}

/** What a channel reads the time from and sets its timer with (the plugin's `ctx.clock` and `ctx.timers`). */
export interface ChannelDeps {
  readonly clock: Clock;
  readonly timers: Timers;
}

/**
 * One recording channel of a core, as CHANNELS shows it: Idle →
 * PreparingToRecord (the file is being created) → Recording →
 * FinishRecording (the file is being closed) → Idle, or Error. It holds what
 * it records (`recording`, whatever the core's recording is) while
 * Recording. A static channel keeps its device when idle; a dynamic one
 * forgets it.
 */
export class RecorderChannel<Recording = unknown, Plan extends ChannelPlan = ChannelPlan> {
  /** What the channel records now (set by record(), cleared by finish() and fail()). */
  recording: Recording | undefined;
  /** Why the channel cannot be used at all (its port could not be bound); it then never records. */
  unavailable: string | undefined;
  private current: ChannelState = 'Idle';
  private changedAt: number;
  private device: string;
  private alias = '';
  private errorTimer: ReturnType<Timers['setTimeout']> | undefined;

  constructor(
    readonly plan: Plan,
    private readonly deps: ChannelDeps,
  ) {
    this.changedAt = deps.clock.now();
    this.device = plan.device ?? '';
  }

  get id(): number {
    return this.plan.id;
  }

  get state(): ChannelState {
    return this.current;
  }

  /** ms since epoch of the last state change. */
  get lastStateChange(): number {
    return this.changedAt;
  }

  get isFree(): boolean {
    return this.current === 'Idle' && this.unavailable === undefined;
  }

  /** Taken for a recording of `deviceId` (ChannelPool.take does this); its file is being created. */
  prepare(deviceId: string, alias: string): void {
    this.device = deviceId;
    this.alias = alias;
    this.setState('PreparingToRecord');
  }

  /** The file is open: the channel records `recording`. */
  record(recording: Recording): void {
    this.recording = recording;
    this.setState('Recording');
  }

  /** The recording is being closed; what arrives now is no longer its. */
  finish(): void {
    this.recording = undefined;
    this.setState('FinishRecording');
  }

  /** Free again. A dynamic channel forgets its device; a static one keeps it. */
  release(): void {
    this.device = this.plan.device ?? '';
    this.alias = '';
    this.setState('Idle');
  }

  /** The channel cannot be used (its port could not be bound): CHANNELS shows it in Error, and it is never taken. */
  disable(problem: string): void {
    this.unavailable = problem;
    this.setState('Error');
  }

  /** Something broke (file, socket): Error for a while, then Idle. */
  fail(): void {
    this.recording = undefined;
    this.setState('Error');
    this.deps.timers.clearTimeout(this.errorTimer);
    this.errorTimer = this.deps.timers.setTimeout(() => this.current === 'Error' && this.unavailable === undefined && this.release(), ERROR_HOLD_MS);
    this.errorTimer.unref?.();
  }

  /** Cancels the pending return from Error (the core is stopping). */
  close(): void {
    this.deps.timers.clearTimeout(this.errorTimer);
  }

  /** The alias CHANNELS shows, kept in step with CALLUPDATE. */
  set deviceAlias(alias: string) {
    this.alias = alias;
  }

  status(): ChannelStatus {
    return {
      id: this.id,
      state: this.current,
      recordingDevice: this.device,
      recordingDeviceAlias: this.alias,
      playbackExtension: '',
      lastStateChange: this.changedAt,
    };
  }

  private setState(state: ChannelState): void {
    this.current = state;
    this.changedAt = this.deps.clock.now();
  }
}
