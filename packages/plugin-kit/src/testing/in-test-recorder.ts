import type { CallSignal, ChannelStatus, RecorderCore, RecordingOrder, RecordingStarted, RecordingStopped } from '@callwire/plugin-api';

/**
 * A recorder core that lives inside the test: it keeps channels and the
 * commands it received, but writes no audio (the real core is the
 * rtp-recorder plugin). `mode` makes it misbehave on purpose.
 */
export class InTestRecorder implements RecorderCore {
  readonly signals: CallSignal[] = [];
  readonly started: RecordingOrder[] = [];
  readonly stopped: string[] = [];
  /** pause / resume / silence commands, in order, with their times. */
  readonly blackoutCommands: { command: 'pause' | 'resume' | 'silence'; key: string; at: number; to?: number }[] = [];
  /** 'ok'; 'silent' never answers; 'failing' rejects every command. */
  mode: 'ok' | 'silent' | 'failing' = 'ok';
  /** While true, startRecording answers only at {@link releaseStarts} (a core slower than the time limit). */
  holdStarts = false;
  /** Commands a `silent` core took and never answered. */
  unanswered = 0;
  private readonly held: (() => void)[] = [];
  private readonly busy = new Map<string, { channel: number; order: RecordingOrder }>();

  constructor(
    readonly coreIdent: number,
    private readonly channelCount = 4,
    private readonly devices?: readonly string[],
  ) {}

  serves(deviceId: string): boolean {
    return this.devices === undefined || this.devices.includes(deviceId);
  }

  hasFreeChannel(): boolean {
    return this.busy.size < this.channelCount;
  }

  channels(): readonly ChannelStatus[] {
    return Array.from({ length: this.channelCount }, (_, i) => {
      const entry = [...this.busy.values()].find((b) => b.channel === i + 1);
      return {
        id: i + 1, state: entry ? 'Recording' : 'Idle', recordingDevice: entry?.order.deviceId ?? '',
        recordingDeviceAlias: '', playbackExtension: '', lastStateChange: 0,
      };
    });
  }

  notify(signal: CallSignal): Promise<void> {
    return this.answer(() => void this.signals.push(signal));
  }

  /** Starts held now (waiting for {@link releaseStarts}). */
  get heldStarts(): number {
    return this.held.length;
  }

  /** Lets the held starts go through now. */
  releaseStarts(): void {
    this.holdStarts = false;
    this.held.splice(0).forEach((go) => go());
  }

  startRecording(order: RecordingOrder): Promise<RecordingStarted> {
    if (this.holdStarts) return new Promise<void>((go) => this.held.push(go)).then(() => this.startNow(order));
    return this.startNow(order);
  }

  private startNow(order: RecordingOrder): Promise<RecordingStarted> {
    return this.answer(() => {
      const used = new Set([...this.busy.values()].map((b) => b.channel));
      const channel = Array.from({ length: this.channelCount }, (_, i) => i + 1).find((c) => !used.has(c));
      if (channel === undefined) throw new Error('no free channel');
      this.busy.set(order.key, { channel, order });
      this.started.push(order);
      return { channel, fileName: `/rec/${order.deviceId}/${order.key}.wav` };
    });
  }

  stopRecording(key: string, at: number): Promise<RecordingStopped> {
    return this.answer(() => {
      const entry = this.busy.get(key);
      if (!entry) throw new Error(`unknown recording ${key}`);
      this.busy.delete(key);
      this.stopped.push(key);
      return { fileName: `/rec/${entry.order.deviceId}/${key}.wav`, durationMs: at - entry.order.startedAt, audioSize: 44 };
    });
  }

  pauseRecording(key: string, at: number): Promise<void> {
    return this.answer(() => void this.blackoutCommands.push({ command: 'pause', key, at }));
  }

  resumeRecording(key: string, at: number): Promise<void> {
    return this.answer(() => void this.blackoutCommands.push({ command: 'resume', key, at }));
  }

  silence(key: string, fromMs: number, toMs: number): Promise<void> {
    return this.answer(() => void this.blackoutCommands.push({ command: 'silence', key, at: fromMs, to: toMs }));
  }

  private answer<T>(work: () => T): Promise<T> {
    if (this.mode === 'silent') {
      this.unanswered++;
      return new Promise<T>(() => undefined);
    }
    if (this.mode === 'failing') return Promise.reject(new Error(`core ${this.coreIdent} is failing on purpose`));
    try {
      return Promise.resolve(work());
    } catch (err) {
      return Promise.reject(err);
    }
  }
}
