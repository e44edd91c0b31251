import { performance } from 'node:perf_hooks';
import {
  systemTimers,
  type CallSignal,
  type ChannelStatus,
  type Clock,
  type LiveAudioSource,
  type PluginContext,
  type RecorderCore,
  type DeviceAssignment,
  type RecordingOrder,
  type RecordingSink,
  type RecordingStarted,
  type RecordingStopped,
  type Timers,
} from '@callwire/plugin-api';
import {
  addPacketCounters,
  ChannelPool,
  channelsOf,
  garbageCount,
  newPacketCounters,
  recordingPath,
  RunningRecordings,
  silenceWavFile,
  WavWriter,
  type PacketCounters,
  DeviceSet,
} from '@callwire/plugin-kit';
import { planChannels } from './channel-layout.js';
import { bindProblem } from './bind-problem.js';
import { OpenRecordings } from './open-recordings.js';
import type { RtpRecorderOptions } from './options.js';
import { Recording, SAMPLE_RATE } from './recording.js';
import { RtpChannel } from './rtp-channel.js';


/** What a core is built from: the plugin's options and the host's services. */
export interface RtpRecorderDeps {
  readonly options: Readonly<RtpRecorderOptions>;
  readonly log: PluginContext['log'];
  readonly clock: Clock;
  /** The plugin's timers (ctx.timers); default Node's own, for a core built outside a host. */
  readonly timers?: Timers;
  readonly recordingsPath: string;
  /** Where recordings the core ends by itself are reported. */
  readonly sink: RecordingSink;
  /**
   * A directory of the core's own (the plugin's data directory): the
   * recordings it has open are noted there, so that after a crash the next
   * start repairs their headers. Absent: no notes, no repair.
   */
  readonly stateDir?: string;
}

/** The core's health as the host reads it (RecorderCore.health). */
export interface RtpRecorderHealth {
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** A running recording as activeRecordings() lists it. */
export interface ActiveRtpRecording {
  /** The engine's key (RecordingOrder.key). */
  readonly key: string;
  readonly deviceId: string;
  readonly channel: number;
  readonly mediaTarget: { readonly host: string; readonly port: number };
  readonly fileName: string;
  /** ms since epoch: frame 0 of the file. */
  readonly startedAt: number;
  readonly paused: boolean;
}

/**
 * The rtp-recorder's core: channels that receive RTP (PCMU/PCMA) from a PBX,
 * SBC or media fork, and write each recording to a WAV file whose length is
 * the recording's wall-clock duration. The scheduler starts, stops, pauses
 * and resumes recordings through the RecorderCore SPI; the core ends a
 * recording by itself on MAXRECORDSILENCE, its own time limit, or a write
 * failure, and reports it to the engine through the RecordingSink.
 */
export class RtpRecorderCore implements RecorderCore {
  readonly coreIdent: number;
  /** Every file is a 16-bit PCM WAV, which EXPORT converts. */
  readonly mediaType = 'audio/wav';
  private readonly pool: ChannelPool<RtpChannel>;
  private readonly timers: Timers;
  private readonly devices: DeviceSet | undefined;
  private readonly running: RunningRecordings<Recording>;
  /** The channel of each running recording. */
  private readonly channelOf = new Map<string, RtpChannel>();
  /** Counters of finished recordings and of datagrams that found no recording. */
  private readonly totals = newPacketCounters();
  private started = false;
  private stopped = false;
  private readonly openRecordings: OpenRecordings;
  private openNoteFailed = false;

  constructor(private readonly deps: RtpRecorderDeps) {
    const { options } = deps;
    this.coreIdent = options.coreIdent;
    this.devices = options.devices ? new DeviceSet(options.devices) : undefined;
    this.timers = deps.timers ?? systemTimers;
    const context = { clock: deps.clock, timers: this.timers, idleCounters: this.totals, log: deps.log };
    this.pool = new ChannelPool(planChannels(options).map((plan) => new RtpChannel(plan, context)));
    this.openRecordings = new OpenRecordings(deps.stateDir, deps.log);
    this.running = new RunningRecordings<Recording>({
      coreIdent: this.coreIdent,
      timers: this.timers,
      log: deps.log,
      sink: deps.sink,
      now: () => deps.clock.now(),
      stopping: (key) => this.channelOf.get(key)?.finish(),
      finished: (key, recording, stopped) => this.finished(key, recording, stopped),
    });
  }

  /**
   * Repairs the headers of the recordings a previous run left open (it was
   * killed mid-call), and binds every channel's port. A channel whose port
   * cannot be bound (taken by another program, not allowed) is logged with
   * its port and the error and left out — CHANNELS shows it in Error, and
   * health() lists it; the others record. The core starts even when no
   * channel could be bound, and says so in health().
   */
  async start(): Promise<void> {
    const { host } = this.deps.options;
    const [results] = await Promise.all([
      Promise.allSettled(this.pool.channels.map((channel) => channel.open(host))),
      this.openRecordings.repair(),
    ]);
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      const channel = this.pool.channels[i]!;
      const err = result.reason as NodeJS.ErrnoException;
      const problem = bindProblem(channel.id, host, channel.port, err);
      channel.disable(problem);
      this.deps.log.error({ err, coreIdent: this.coreIdent, channel: channel.id, port: channel.port, code: err.code }, problem);
    });
    this.started = true;
    const serving = this.pool.channels.filter((c) => c.unavailable === undefined);
    const ports = serving.map((c) => c.port);
    const left = this.pool.channels.length - serving.length;
    this.deps.log[left > 0 ? 'warn' : 'info'](
      { coreIdent: this.coreIdent, channels: ports.length, unavailable: left, host, ports: ports.length ? `${Math.min(...ports)}-${Math.max(...ports)}` : 'none' },
      `recorder core ${this.coreIdent} listening for RTP on ${ports.length} channel(s)${left > 0 ? `; ${left} channel(s) could not be opened and are left out` : ''}`,
    );
    if (serving.length === 0) this.deps.log.error({ coreIdent: this.coreIdent }, `recorder core ${this.coreIdent} cannot record: it has no channel it could open`);
  }

  /**
   * Whether the core can record, and what is wrong with it (the host names
   * the core in front of each problem): a channel whose port could not be
   * bound is a problem, though the core records on the others; ok is false
   * when no channel can record (none could be bound, or the core is not
   * running).
   */
  health(): RtpRecorderHealth {
    const problems = this.pool.channels.flatMap((c) => (c.unavailable === undefined ? [] : [c.unavailable]));
    if (!this.started || this.stopped) return { ok: false, problems: [this.stopped ? 'stopped' : 'not started', ...problems] };
    const serving = this.pool.channels.length - problems.length;
    if (serving === 0) problems.push(this.pool.channels.length === 0 ? 'no channels are configured' : 'no channel could be opened; nothing can be recorded');
    return { ok: serving > 0, problems };
  }

  /** Closes every running recording's file (reported as ended) and every socket. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running.endAll('the recorder core stopped');
    await Promise.all([...this.pool.channels.map((channel) => channel.close()), this.openRecordings.close()]);
  }

  serves(deviceId: string): boolean {
    return this.devices === undefined || this.devices.has(deviceId) || this.pool.hasStatic(deviceId);
  }

  deviceAssignment(): DeviceAssignment {
    return { devices: this.deps.options.devices, staticDevices: this.pool.staticDevices() };
  }

  hasFreeChannel(deviceId: string): boolean {
    return !this.stopped && this.pool.available(deviceId) !== undefined;
  }

  channels(): readonly ChannelStatus[] {
    return this.pool.statuses();
  }

  /** Keeps the alias CHANNELS shows, and the CALLID live audio names, in step with CALLUPDATE. */
  async notify(signal: CallSignal): Promise<void> {
    if (signal.kind !== 'callupdate') return;
    for (const [key, recording] of this.running.entries()) {
      if (recording.deviceId !== signal.deviceId) continue;
      this.channelOf.get(key)!.deviceAlias = signal.fields.deviceAlias;
      if (recording.callInstance === signal.callInstance) recording.callId = signal.fields.callId;
    }
  }

  /**
   * The device's running recording (the newest, if it has several) as live
   * audio: what each tick appends to the file, after pause and blackout
   * silencing; stopped when the recording ends. Undefined when none runs.
   */
  readonly liveAudio: LiveAudioSource = (deviceId, listener) => {
    const newest = [...this.running.values()].reverse().find((recording) => recording.deviceId === deviceId);
    return newest?.listen(listener);
  };

  async startRecording(order: RecordingOrder): Promise<RecordingStarted> {
    if (order.media === 'screen') throw new Error(`recorder core ${this.coreIdent} records audio, not screens`);
    // Taken before the first await, so two starts at once never share a channel.
    const channel = this.stopped ? undefined : this.pool.take(order.deviceId, order.fields.deviceAlias);
    if (!channel) throw new Error(`recorder core ${this.coreIdent} has no free channel for device ${order.deviceId}`);
    const { options } = this.deps;
    let writer: WavWriter;
    const format = { channels: channelsOf(options.mix), sampleRate: SAMPLE_RATE };
    try {
      writer = await WavWriter.create(recordingPath(this.deps.recordingsPath, order.deviceId, order.startedAt), format, {
        headerUpdateMs: options.headerUpdateMs,
      });
    } catch (err) {
      channel.fail();
      this.deps.log.error({ err, channel: channel.id, device: order.deviceId }, `channel ${channel.id}: cannot create the recording file`);
      throw new Error(`recorder core ${this.coreIdent} cannot create the recording file: ${(err as Error).message}`);
    }
    await this.openRecordings.add(writer.path, format).catch((err: Error) => this.openNoteFailure(err, writer.path));
    const recording = new Recording({
      order,
      writer,
      mix: options.mix,
      jitterMs: options.jitterMs,
      silenceThreshold: options.silenceThreshold,
      maxRecordSilence: order.maxRecordSilence ?? options.maxRecordSilence,
      maxRecordTime: options.maxRecordTime,
      ssrcTakeoverMs: options.ssrcTakeoverMs,
      startMono: performance.now() - (this.deps.clock.now() - order.startedAt),
      log: this.deps.log,
    });
    channel.record(recording);
    this.channelOf.set(order.key, channel);
    this.running.add(order.key, recording);
    this.deps.log.debug({ recording: order.key, device: order.deviceId, channel: channel.id, port: channel.port, file: writer.path }, 'recording started');
    return { channel: channel.id, fileName: writer.path, mediaTarget: this.mediaTarget(channel.id) };
  }

  stopRecording(key: string, at: number): Promise<RecordingStopped> {
    return this.running.finish(key, at);
  }

  async pauseRecording(key: string, at: number): Promise<void> {
    const recording = this.running.require(key);
    await recording.pause(recording.frameOf(at));
  }

  async resumeRecording(key: string, at: number): Promise<void> {
    const recording = this.running.require(key);
    recording.resume(recording.frameOf(at));
  }

  /**
   * Overwrites [from, to) of a recording with silence (times in ms since the
   * epoch, like every SPI time): a blackout whose TIMEOFFSET reaches back.
   * What is written is overwritten in the file, the rest is written as
   * zeros when its time comes. Works on running recordings and on ones that
   * finished recently.
   * @throws Error for an unknown key
   */
  async silence(key: string, from: number, to: number): Promise<void> {
    const recording = this.running.get(key);
    if (recording) return recording.silence(recording.frameOf(from), recording.frameOf(to));
    const done = await this.running.finishedRecently(key);
    if (!done) throw new Error(`recorder core ${this.coreIdent} has no recording ${key}`);
    await silenceWavFile(done.stopped.fileName, from - done.startedAt, to - done.startedAt);
  }

  /** Where RTP for `channelId` must be sent. */
  mediaTarget(channelId: number): { host: string; port: number } {
    const channel = this.pool.get(channelId);
    if (!channel) throw new Error(`recorder core ${this.coreIdent} has no channel ${channelId}`);
    return { host: this.deps.options.mediaHost ?? this.deps.options.host, port: channel.port };
  }

  /** The recordings running now, for monitors and tests. */
  activeRecordings(): ActiveRtpRecording[] {
    return [...this.running.entries()].map(([key, recording]) => ({
      key,
      deviceId: recording.deviceId,
      channel: this.channelOf.get(key)!.id,
      mediaTarget: this.mediaTarget(this.channelOf.get(key)!.id),
      fileName: recording.fileName,
      startedAt: recording.startedAt,
      paused: recording.isPaused,
    }));
  }

  /** Counters of every datagram this core received, finished and running recordings together. */
  stats(): PacketCounters {
    const sum = addPacketCounters(newPacketCounters(), this.totals);
    for (const recording of this.running.values()) addPacketCounters(sum, recording.counters);
    return sum;
  }

  /** A recording's file is closed (`stopped`) or could not be: its channel, its note of an open file, its counters. */
  private async finished(key: string, recording: Recording, stopped: RecordingStopped | undefined): Promise<void> {
    const channel = this.channelOf.get(key)!;
    this.channelOf.delete(key);
    addPacketCounters(this.totals, recording.counters);
    if (!stopped) return channel.fail();
    this.pool.free(channel);
    // A file that could not be completed keeps its note: the next start repairs it.
    await this.openRecordings.remove(stopped.fileName).catch((err: Error) => this.openNoteFailure(err, stopped.fileName));
    this.report(recording, stopped);
  }

  /** The note of an open recording could not be written or removed: logged once, recording goes on. */
  private openNoteFailure(err: Error, file: string): void {
    if (this.openNoteFailed) return;
    this.openNoteFailed = true;
    this.deps.log.warn({ err, file }, `cannot keep the note of open recordings (${err.message}); after a crash their headers will not be repaired`);
  }

  private report(recording: Recording, stopped: RecordingStopped): void {
    const c = recording.counters;
    const troubled = c.lost + c.late + garbageCount(c) + c.ssrcRejected + c.resyncs > 0;
    this.deps.log[troubled ? 'info' : 'debug'](
      { recording: recording.key, device: recording.deviceId, file: stopped.fileName, durationMs: stopped.durationMs, packets: { ...c } },
      troubled ? 'recording stopped; some packets were lost, late or unusable' : 'recording stopped',
    );
  }
}
