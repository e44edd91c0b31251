import { performance } from 'node:perf_hooks';
import type {
  CallSignal,
  ChannelStatus,
  Clock,
  LiveAudioSource,
  PluginContext,
  RecorderCore,
  DeviceAssignment,
  RecordingOrder,
  RecordingSink,
  RecordingStarted,
  RecordingStopped,
  Timers,
} from '@callwire/plugin-api';
import { addPacketCounters, ChannelPool, newPacketCounters, RunningRecordings, type PacketCounters, recordingPath, silenceWavFile, WavWriter, channelsOf, type RecorderChannel } from '@callwire/plugin-kit';
import { PartyRecording } from './media/party-recording.js';
import type { SiprecOptions } from './options.js';
import type { RecordedCall } from './session/recorded-call.js';
import type { RecordedCalls } from './session/recorded-calls.js';
import type { SessionSummary } from './session/session-summary.js';

export interface SiprecCoreDeps {
  readonly options: Readonly<SiprecOptions>;
  readonly log: PluginContext['log'];
  readonly clock: Clock;
  readonly timers: Timers;
  readonly recordingsPath: string;
  readonly sink: RecordingSink;
  readonly calls: RecordedCalls;
  /** Agents' phones the sessions found to be our devices (besides devices.match). */
  readonly agentPhones: ReadonlySet<string>;
  /** The SIPREC sessions now, for monitors and tests. */
  readonly sessions: () => readonly SessionSummary[];
  /** The SIP port bound for a transport, once listening. */
  readonly sipPort: (transport: 'udp' | 'tcp') => number | undefined;
}

/** What the core keeps of a recording it runs. */
interface Held {
  readonly call: RecordedCall;
  readonly channel: RecorderChannel<PartyRecording>;
}

/**
 * The recorder core side of the SIPREC server: the scheduler starts,
 * stops, pauses and resumes recordings of calls on our devices through the
 * RecorderCore SPI, as for any core; the audio of each comes from the
 * SIPREC sessions of its call (see SiprecSessions), whichever came first.
 * A recording ordered before its session arrives writes silence until the
 * session's audio comes.
 */
export class SiprecCore implements RecorderCore {
  readonly coreIdent: number;
  readonly mediaType = 'audio/wav';
  private readonly pool: ChannelPool<RecorderChannel<PartyRecording>>;
  private readonly running: RunningRecordings<PartyRecording>;
  private readonly held = new Map<string, Held>();
  private readonly deviceMatch: RegExp;
  private stopped = false;

  constructor(private readonly deps: SiprecCoreDeps) {
    this.coreIdent = deps.options.coreIdent;
    this.deviceMatch = new RegExp(deps.options.devices.match);
    this.pool = ChannelPool.of<PartyRecording>(deps.options.channels, { clock: deps.clock, timers: deps.timers });
    this.running = new RunningRecordings<PartyRecording>({
      coreIdent: this.coreIdent,
      timers: deps.timers,
      log: deps.log,
      sink: deps.sink,
      now: () => deps.clock.now(),
      finished: (key, recording, stopped) => this.release(key, recording, stopped),
    });
  }

  serves(deviceId: string): boolean {
    return this.deviceMatch.test(deviceId) || this.deps.agentPhones.has(deviceId);
  }

  deviceAssignment(): DeviceAssignment {
    return { match: this.deviceMatch.source, devices: [...this.deps.agentPhones] };
  }

  hasFreeChannel(deviceId: string): boolean {
    return !this.stopped && this.pool.available(deviceId) !== undefined;
  }

  channels(): readonly ChannelStatus[] {
    return this.pool.statuses();
  }

  health(): { ok: boolean; problems: string[] } {
    return this.stopped ? { ok: false, problems: ['stopped'] } : { ok: true, problems: [] };
  }

  async notify(signal: CallSignal): Promise<void> {
    const { calls } = this.deps;
    if (signal.kind === 'callstart') calls.engineCallStarted(signal.deviceId, signal.callInstance);
    else if (signal.kind === 'callstop') calls.engineCallStopped(signal.deviceId, signal.callInstance);
    else for (const { channel, call } of this.held.values()) if (call.identity.deviceId === signal.deviceId) channel.deviceAlias = signal.fields.deviceAlias;
  }

  async startRecording(order: RecordingOrder): Promise<RecordingStarted> {
    if (order.media === 'screen') throw new Error(`recorder core ${this.coreIdent} records audio, not screens`);
    const channel = this.stopped ? undefined : this.pool.take(order.deviceId, order.fields.deviceAlias);
    if (!channel) throw new Error(`recorder core ${this.coreIdent} has no free channel for device ${order.deviceId}`);
    const { options, calls } = this.deps;
    const identity = { deviceId: order.deviceId, callInstance: order.callInstance };
    const call = calls.get(identity) ?? calls.create(identity, 'adopted');
    const format = { channels: channelsOf(options.mix), sampleRate: call.sampleRate };
    let writer: WavWriter;
    try {
      writer = await WavWriter.create(recordingPath(this.deps.recordingsPath, order.deviceId, order.startedAt), format, { headerUpdateMs: options.headerUpdateMs });
    } catch (err) {
      channel.fail();
      calls.release(call);
      this.deps.log.error({ err, channel: channel.id, device: order.deviceId }, `channel ${channel.id}: cannot create the recording file`);
      throw new Error(`recorder core ${this.coreIdent} cannot create the recording file: ${(err as Error).message}`);
    }
    const recording = new PartyRecording({
      order,
      writer,
      mix: options.mix,
      sampleRate: call.sampleRate,
      jitterMs: options.rtp.jitterMs,
      silenceThreshold: options.silenceThreshold,
      maxRecordSilence: order.maxRecordSilence,
      maxRecordTime: options.maxRecordTime,
      startMono: performance.now() - (this.deps.clock.now() - order.startedAt),
      log: this.deps.log,
    });
    channel.record(recording);
    call.recordings.add(recording);
    this.held.set(order.key, { call, channel });
    this.running.add(order.key, recording);
    this.deps.log.debug({ recording: order.key, device: order.deviceId, channel: channel.id, file: writer.path, sessions: call.dialogs.size }, 'recording started');
    return { channel: channel.id, fileName: writer.path };
  }

  stopRecording(key: string, at: number): Promise<RecordingStopped> {
    return this.running.finish(key, at);
  }

  async pauseRecording(key: string, at: number): Promise<void> {
    const recording = this.running.require(key);
    await recording.timeline.pause(recording.frameOf(at));
  }

  async resumeRecording(key: string, at: number): Promise<void> {
    const recording = this.running.require(key);
    recording.timeline.resume(recording.frameOf(at));
  }

  async silence(key: string, from: number, to: number): Promise<void> {
    const recording = this.running.get(key);
    if (recording) return recording.timeline.silence(recording.frameOf(from), recording.frameOf(to));
    const done = await this.running.finishedRecently(key);
    if (!done) throw new Error(`recorder core ${this.coreIdent} has no recording ${key}`);
    await silenceWavFile(done.stopped.fileName, from - done.startedAt, to - done.startedAt);
  }

  /**
   * The device's running recording (the newest, when a RECORDSTART runs
   * beside the call's own) as live audio, the parties named from the
   * session's metadata; undefined when none runs.
   */
  readonly liveAudio: LiveAudioSource = (deviceId, listener) => {
    const entry = [...this.held.entries()].reverse().find(([, held]) => held.call.identity.deviceId === deviceId);
    const recording = entry && this.running.get(entry[0]);
    if (!entry || !recording) return undefined;
    const { call } = entry[1];
    return recording.timeline.taps.add(listener, {
      deviceId,
      recording: entry[0],
      callId: call.parties?.data.callId ?? '',
      participants: call.liveParticipants(),
      sampleRate: recording.sampleRate,
      channels: this.deps.options.mix === 'stereo' ? ['farEnd', 'device'] : ['mix'],
    });
  };

  /** Packet counters of the recordings running now, summed. */
  stats(): PacketCounters {
    const sum = newPacketCounters();
    for (const recording of this.running.values()) addPacketCounters(sum, recording.counters);
    return sum;
  }

  /** The SIPREC sessions now: their dialects, devices and the RTP port of each stream. */
  sessions(): readonly SessionSummary[] {
    return this.deps.sessions();
  }

  /** The SIP port bound for `transport` (the options may ask for port 0: any free one). */
  sipPort(transport: 'udp' | 'tcp'): number | undefined {
    return this.deps.sipPort(transport);
  }

  /** Ends every running recording (reported to the engine as ended by the core). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running.endAll('the recorder core stopped');
    this.pool.close();
  }

  private release(key: string, recording: PartyRecording, stopped: RecordingStopped | undefined): void {
    const held = this.held.get(key);
    this.held.delete(key);
    if (!held) return;
    if (stopped) this.pool.free(held.channel);
    else held.channel.fail();
    held.call.recordings.delete(recording);
    this.deps.calls.release(held.call);
    const dtmf = held.call.dtmf.filter((d) => d.at >= recording.startedAt).map((d) => d.digit).join('');
    if (dtmf) this.deps.log.info({ recording: key, device: recording.deviceId, dtmf }, 'DTMF heard during the recording (kept out of the audio)');
  }
}
