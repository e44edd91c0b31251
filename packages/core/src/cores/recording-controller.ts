import type { Logger } from 'pino';
import type { ActiveRecording, CallInstance } from '../calls/call-instance.js';
import { CallError } from '../calls/call-error.js';
import { recordingEventData, stopDuration } from '../calls/call-event-data.js';
import type { CallData } from '../calls/call-fields.js';
import { applyRetention, retentionOf } from '../calls/retention.js';
import { recordingColumns, storedRecordingEventData } from '../calls/stored-recording.js';
import type { ChatSession, ScreenRecording } from '../chat/chat-session.js';
import type { Clock, TimerHandle, Timers } from '../clock.js';
import type { EventType } from '../events/callcopy-event.js';
import type { EventBus } from '../events/event-bus.js';
import type { ApiTimeFormat } from '../protocol/api-time.js';
import type { RecordingDecision } from '../scheduler/index.js';
import type { RecordingUpdate } from '../storage/index.js';
import type { CoreRegistry, FanoutOutcome } from './core-registry.js';
import type { RecorderCore, RecordingOrder, RecordingSink, RecordingStarted, RecordingStopped } from './recorder-core.js';
import { releaseLateStart } from './late-start.js';
import { preemptionVictim } from './preemption.js';
import { recordingRow } from './recording-row.js';
import type { RecordingStore } from './recording-store.js';
import { RunningRecordings } from './running-recordings.js';
import { ScreenRecordings } from './screen-recordings.js';

export interface RecordingControllerDeps {
  readonly cores: CoreRegistry;
  /** The one writer of the Recording table. */
  readonly store: RecordingStore;
  readonly bus: EventBus;
  readonly clock: Clock;
  /** The engine's timers (MAXRECORDTIME). */
  readonly timers: Timers;
  readonly time: ApiTimeFormat;
  readonly log: Logger;
  /**
   * Before each recording's key (`<prefix>r1`…), so that keys stay unique
   * where a core outlives the engine that ordered its recordings (a cluster's
   * engine node changing); default none.
   */
  readonly keyPrefix?: string;
}

/** A change to one recording of a call (a blackout's pause or resume). */
type RecordingChange = (call: CallInstance, recording: ActiveRecording) => Promise<void>;

/**
 * The one owner of the recordings' lifecycle: the only code that changes a
 * call's `recordings`, commands the cores about recordings and has their rows
 * written (through the RecordingStore). It starts, stops (CALLSTOP,
 * RECORDSTOP, MAXRECORDTIME, pre-emption, a core's own stop such as
 * silence), pauses and resumes (blackouts) the recordings of calls, and the
 * screen recordings of chat sessions. A row is written as soon as a core
 * records and completed when it stops (so a crash never loses it);
 * RECORDINGSTOPPED is followed by RECORDINGUPDATE once the row is saved.
 * CallService, BlackoutService and ChatService ask it.
 */
export class RecordingController implements RecordingSink {
  private readonly running = new RunningRecordings();
  /** MAXRECORDTIME timers of running recordings, by key. */
  private readonly limits = new Map<string, TimerHandle>();
  private readonly screens: ScreenRecordings;
  private nextKey = 1;

  constructor(private readonly deps: RecordingControllerDeps) {
    this.screens = new ScreenRecordings(deps);
  }

  /**
   * Records `call` on the first core that took its start and has a free
   * channel; when none has, takes the channel of a lower-priority recording.
   * @throws CallError NO_FREE_CHANNELS; RECORDER_NOT_RUNNING when the core refuses (rejects or throws, with
   *   anything) or does not answer in time — the call stays in progress either way
   */
  async start(call: CallInstance, decision: RecordingDecision, partial: boolean): Promise<ActiveRecording> {
    const core = this.freeCore(call) ?? ((await this.preempt(call, decision.priority)) ? this.freeCore(call) : undefined);
    if (!core) throw new CallError('NO_FREE_CHANNELS', `no free recording channel for device ${call.deviceId}`);
    const key = `${this.deps.keyPrefix ?? ''}r${this.nextKey++}`;
    const startedAt = this.deps.clock.now();
    const starting = startOn(core, {
      key,
      deviceId: call.deviceId,
      callInstance: call.instance,
      fields: call.fields,
      startedAt,
      maxRecordSilence: decision.maxRecordSilence,
      startPaused: call.blackoutSince !== undefined || call.holdPaused,
    });
    let started: RecordingStarted;
    try {
      started = await this.deps.cores.within(starting);
    } catch (err) {
      releaseLateStart(core, key, starting, call.deviceId, this.deps);
      throw new CallError('RECORDER_NOT_RUNNING', `recorder core ${core.coreIdent} could not start recording device ${call.deviceId}: ${messageOf(err)}; the call stays in progress`);
    }
    // A blackout in force when recording starts covers it from its first packet.
    const blackedOut = call.blackoutSince !== undefined;
    const recording: ActiveRecording = {
      key, ident: undefined, coreIdent: core.coreIdent, channel: started.channel, fileName: started.fileName, mediaType: core.mediaType ?? 'audio/wav',
      mediaTarget: started.mediaTarget, startedAt, priority: decision.priority, partial, retention: retentionOf(decision), paused: blackedOut, held: call.holdPaused,
      blackouts: blackedOut ? [{ start: startedAt, stop: null }] : [],
    };
    this.running.add(call, recording);
    const identified = (ident: number | undefined) => (recording.ident ??= ident);
    identified(await this.deps.store.insert(key, recordingRow(call, recording), identified));
    if (decision.maxRecordTime && this.running.isRunning(recording)) this.limit(call, recording, decision.maxRecordTime * 1000);
    this.deps.log.info(recordingLine(call, recording, { file: recording.fileName }), `recording started on device ${call.deviceId}`);
    this.publish('RECORDINGSTARTED', call, recording);
    return recording;
  }

  /** Stops one recording on its core and completes its row. */
  async stop(call: CallInstance, recording: ActiveRecording, reason: string): Promise<void> {
    await this.stopOn(this.deps.cores.get(recording.coreIdent), call, recording, reason);
  }

  /**
   * A core leaves the registry (its plugin failed, or stopped): the audio
   * recordings running on it end now — stopped on it if it still answers —
   * and their rows are completed with what is known.
   */
  async coreLeft(core: RecorderCore, reason: string): Promise<void> {
    if (core.recordsAudio === false) return;
    const on = [...this.running.all()].filter(({ recording }) => recording.coreIdent === core.coreIdent);
    for (const { call, recording } of on) await this.stopOn(core, call, recording, reason);
  }

  private async stopOn(core: RecorderCore | undefined, call: CallInstance, recording: ActiveRecording, reason: string): Promise<void> {
    if (!this.detach(call, recording)) return;
    const at = this.deps.clock.now();
    let stopped: RecordingStopped;
    let interrupted = false;
    try {
      if (!core) throw new Error(`core ${recording.coreIdent} is gone`);
      stopped = await this.deps.cores.within(core.stopRecording(recording.key, at));
    } catch (err) {
      this.deps.log.error({ err, device: call.deviceId, core: recording.coreIdent }, `core did not confirm the stop of ${recording.fileName}; saving what is known, as interrupted`);
      stopped = { fileName: recording.fileName, durationMs: at - recording.startedAt };
      interrupted = true;
    }
    await this.finish(call, recording, stopped, at, reason, interrupted);
  }

  /** Stops every recording of a call (at CALLSTOP). */
  async stopAll(call: CallInstance, reason: string): Promise<void> {
    for (const recording of [...call.recordings]) await this.stop(call, recording, reason);
  }

  /** A core ended a recording by itself. */
  recordingEnded(key: string, stopped: RecordingStopped, reason: string): void {
    const entry = this.running.get(key);
    if (!entry || !this.detach(entry.call, entry.recording)) return;
    void this.finish(entry.call, entry.recording, stopped, this.deps.clock.now(), reason);
  }

  /** CALLUPDATE (or CALLSTOP, RECORDSTOP with data) of a call in progress: its recordings take what it sent (KEEPDAYS, ARCHIVEACTION), their rows too. */
  async update(call: CallInstance, data: CallData): Promise<void> {
    const columns = recordingColumns(data);
    const changed = Object.keys(columns).length > 0;
    for (const recording of call.recordings) {
      applyRetention(recording.retention, data);
      if (changed) await this.deps.store.update(recording.key, recording.ident, columns);
    }
  }

  /**
   * Changes a stored recording (CALLUPDATE with RECORDID or
   * UPDATE_IF_NOT_RECORDING, a call detail record); RECORDINGUPDATE follows.
   * @returns false when no recording has that IDENT
   */
  async updateStored(ident: number, columns: RecordingUpdate): Promise<boolean> {
    const row = await this.deps.store.updateStored(ident, columns);
    if (!row) return false;
    this.deps.bus.publish({ type: 'RECORDINGUPDATE', module: 'Api', deviceId: row.device_id, at: this.deps.clock.now(), data: storedRecordingEventData(row) });
    return true;
  }

  /**
   * A blackout begins at `from` on these calls: each recording pauses (the
   * core writes silence from now on and, when `from` reaches back,
   * overwrites what it wrote since); RECORDINGPAUSED follows and the span is
   * stored. Which cores took it (a call not recording: the cores it has).
   */
  pause(calls: readonly CallInstance[], from: number): Promise<FanoutOutcome> {
    return this.everyRecording(calls, (call, recording) => this.blackoutStart(call, recording, from));
  }

  /** The open blackout of these calls ends at `at` (never before it began): each recording resumes; RECORDINGRESUMED follows. */
  resume(calls: readonly CallInstance[], at: number): Promise<FanoutOutcome> {
    return this.everyRecording(calls, (call, recording) => this.blackoutStop(call, recording, at));
  }

  /**
   * The call's hold begins (`on`) or ends: each recording pauses or resumes
   * on its core, with RECORDINGPAUSED / RECORDINGRESUMED — unless a blackout
   * already keeps it paused, which goes on regardless of the hold.
   */
  hold(call: CallInstance, on: boolean): Promise<FanoutOutcome> {
    return this.everyRecording([call], (c, recording) => this.holdChange(c, recording, on));
  }

  /** A chat session's screen recording, before it starts; `paused` when the agent is blacked out now. */
  newScreen(paused: boolean, at: number): ScreenRecording {
    return this.screens.create(paused, at);
  }

  /** CHATSTART: captures the session's screen on a screen core and writes its row. Which core took it. */
  startScreen(session: ChatSession, columns: RecordingUpdate): Promise<FanoutOutcome> {
    return this.screens.start(session, columns);
  }

  /** CHATUPDATE: the session's row takes `columns`. */
  updateScreen(session: ChatSession, columns: RecordingUpdate): Promise<void> {
    return this.screens.update(session, columns);
  }

  /** CHATSTOP: the capture stops and its row is completed. */
  stopScreen(session: ChatSession): Promise<void> {
    return this.screens.stop(session);
  }

  /** The agent's blackout begins (`on`) or ends at `at` on a session's capture. */
  screenBlackout(session: ChatSession, on: boolean, at: number): Promise<void> {
    return this.screens.blackout(session, on, at);
  }

  /** MAXRECORDTIME: the recording stops by itself after `ms` while the call goes on. */
  private limit(call: CallInstance, recording: ActiveRecording, ms: number): void {
    const timer = this.deps.timers.setTimeout(() => void this.stop(call, recording, 'MAXRECORDTIME reached'), ms);
    timer.unref?.();
    this.limits.set(recording.key, timer);
  }

  private async everyRecording(calls: readonly CallInstance[], change: RecordingChange): Promise<FanoutOutcome> {
    const answered = new Set<number>();
    const failed = new Set<number>();
    for (const call of calls) {
      if (call.recordings.length === 0) call.coreIdents.forEach((core) => answered.add(core));
      for (const recording of [...call.recordings]) {
        await change(call, recording).then(() => answered.add(recording.coreIdent), () => failed.add(recording.coreIdent));
      }
    }
    return { answered: [...answered].sort((a, b) => a - b), failed: [...failed].filter((c) => !answered.has(c)).sort((a, b) => a - b) };
  }

  private async blackoutStart(call: CallInstance, recording: ActiveRecording, at: number): Promise<void> {
    if (!this.running.isRunning(recording)) return;
    const core = this.coreOf(recording);
    const now = this.deps.clock.now();
    const from = Math.min(Math.max(at, recording.startedAt), now);
    recording.blackouts.push({ start: from, stop: null });
    if (!recording.paused) {
      recording.paused = true;
      if (!recording.held) await this.pauseOn(core, call, recording, now);
    }
    if (from < now) {
      if (!core.silence) throw new Error(`core ${core.coreIdent} cannot silence audio it already wrote; TIMEOFFSET must not be negative for it`);
      await this.deps.cores.within(core.silence(recording.key, from, now));
    }
    await this.saveBlackouts(recording);
  }

  private async blackoutStop(call: CallInstance, recording: ActiveRecording, at: number): Promise<void> {
    if (!this.running.isRunning(recording)) return;
    const open = recording.blackouts.findLast((span) => span.stop === null);
    if (open) open.stop = Math.max(at, open.start);
    if (recording.paused) {
      recording.paused = false;
      if (!recording.held) await this.resumeOn(this.coreOf(recording), call, recording);
    }
    await this.saveBlackouts(recording);
  }

  private async holdChange(call: CallInstance, recording: ActiveRecording, on: boolean): Promise<void> {
    if (!this.running.isRunning(recording) || recording.held === on) return;
    recording.held = on;
    if (recording.paused) return; // a blackout keeps it paused either way
    const core = this.coreOf(recording);
    if (on) await this.pauseOn(core, call, recording, this.deps.clock.now());
    else await this.resumeOn(core, call, recording);
  }

  private async pauseOn(core: RecorderCore, call: CallInstance, recording: ActiveRecording, at: number): Promise<void> {
    await this.deps.cores.within(core.pauseRecording(recording.key, at));
    this.publish('RECORDINGPAUSED', call, recording);
  }

  private async resumeOn(core: RecorderCore, call: CallInstance, recording: ActiveRecording): Promise<void> {
    await this.deps.cores.within(core.resumeRecording(recording.key, this.deps.clock.now()));
    this.publish('RECORDINGRESUMED', call, recording);
  }

  private coreOf(recording: ActiveRecording): RecorderCore {
    const core = this.deps.cores.get(recording.coreIdent);
    if (!core) throw new Error(`recorder core ${recording.coreIdent} is gone`);
    return core;
  }

  private saveBlackouts(recording: ActiveRecording): Promise<void> {
    return this.deps.store.update(recording.key, recording.ident, { blackouts: recording.blackouts });
  }

  private freeCore(call: CallInstance): RecorderCore | undefined {
    return call.coreIdents
      .map((ident) => this.deps.cores.get(ident))
      .find((core): core is RecorderCore => core !== undefined && core.hasFreeChannel(call.deviceId));
  }

  /** Stops the lowest-priority (then oldest) recording below `priority` on a core serving the call. */
  private async preempt(call: CallInstance, priority: number): Promise<boolean> {
    const victim = preemptionVictim(this.running.all(), call, priority);
    if (!victim) return false;
    this.deps.log.info({ device: victim.call.deviceId, for: call.deviceId }, 'pre-empting a lower-priority recording');
    await this.stop(victim.call, victim.recording, `pre-empted by a priority ${priority} call on ${call.deviceId}`);
    return true;
  }

  private detach(call: CallInstance, recording: ActiveRecording): boolean {
    if (!this.running.remove(call, recording)) return false;
    this.deps.timers.clearTimeout(this.limits.get(recording.key));
    this.limits.delete(recording.key);
    return true;
  }

  private async finish(call: CallInstance, recording: ActiveRecording, stopped: RecordingStopped, at: number, reason: string, interrupted = false): Promise<void> {
    const seconds = Math.round(stopped.durationMs / 1000);
    this.deps.log.info(recordingLine(call, recording, { file: stopped.fileName, durationSeconds: seconds, reason }), `recording stopped on device ${call.deviceId} after ${seconds} s`);
    this.publish('RECORDINGSTOPPED', call, recording, { at, durationMs: stopped.durationMs });
    // A blackout still open when the recording ends is closed at its end.
    for (const span of recording.blackouts) if (span.stop === null) span.stop = at;
    const completion = {
      stop_time: at, duration: seconds, filename: stopped.fileName,
      audio_size: stopped.audioSize ?? null, blackouts: recording.blackouts, ...(interrupted ? { interrupted } : {}),
    };
    const saved = () => this.publish('RECORDINGUPDATE', call, { ...recording, fileName: stopped.fileName });
    await this.deps.store.complete(recording.key, recording.ident, recordingRow(call, recording), completion, saved);
  }

  /** Publishes even with nobody listening: the replay buffer holds it for a subscriber that reconnects. `stop`: a RECORDINGSTOPPED's. */
  private publish(type: EventType, call: CallInstance, recording: ActiveRecording, stop?: { at: number; durationMs: number }): void {
    const data = recordingEventData(call, recording, this.deps.time);
    if (stop) data.DURATION = stopDuration(recording.startedAt, stop.at, stop.durationMs);
    this.deps.bus.publish({
      type, module: 'Api', deviceId: call.deviceId, at: this.deps.clock.now(), data,
      times: { STARTTIME: recording.startedAt, STOPTIME: stop?.at },
    });
  }
}

/** What a recording's info lines name (an operator's search keys): device, RECORDID (absent while its row is queued), COREIDENT, channel. */
function recordingLine(call: CallInstance, recording: ActiveRecording, more: Record<string, unknown>): Record<string, unknown> {
  return { device: call.deviceId, recordId: recording.ident, coreIdent: recording.coreIdent, channel: recording.channel, ...more };
}

/** The core's start as a promise, also when the core throws instead of rejecting (called now: the core takes its channel at once). */
function startOn(core: RecorderCore, order: RecordingOrder): Promise<RecordingStarted> {
  try {
    return core.startRecording(order);
  } catch (err) {
    return Promise.reject(err);
  }
}

/** What a core said when it refused, whatever it threw. */
function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err ?? 'it gave no reason');
}
