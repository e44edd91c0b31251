import type { Logger } from 'pino';
import type { ActiveRecording, CallInstance } from '../calls/call-instance.js';
import { CallError } from '../calls/call-error.js';
import { recordingEventData } from '../calls/call-event-data.js';
import { retentionOf } from '../calls/retention.js';
import type { Clock } from '../clock.js';
import type { EventType } from '../events/callcopy-event.js';
import type { EventBus } from '../events/event-bus.js';
import type { ApiTimeFormat } from '../protocol/api-time.js';
import type { RecordingDecision } from '../scheduler/index.js';
import type { NewRecording, Storage } from '../storage/index.js';
import type { CoreRegistry } from './core-registry.js';
import type { RecordingOutbox } from './recording-outbox.js';
import type { RecorderCore, RecordingOrder, RecordingSink, RecordingStarted, RecordingStopped } from './recorder-core.js';

export interface RecordingControllerDeps {
  readonly cores: CoreRegistry;
  readonly storage: Pick<Storage, 'recordings'>;
  /** Where the row writes that must not be lost go (retried until stored). */
  readonly outbox: RecordingOutbox;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly time: ApiTimeFormat;
  readonly log: Logger;
}

/**
 * Starts, stops, pauses and resumes recordings on the cores, and keeps the
 * Recording table and the RECORD events in step: a row is written as soon as
 * a core records and completed when it stops (so a crash never loses it),
 * RECORDINGSTOPPED is followed by RECORDINGUPDATE once the row is saved.
 * MAXRECORDTIME is enforced here; a core's own stops (silence) arrive as a
 * RecordingSink report and finish the same way.
 */
export class RecordingController implements RecordingSink {
  private readonly running = new Map<string, { call: CallInstance; recording: ActiveRecording }>();
  private nextKey = 1;
  /** RECORDINGUPDATE of recordings whose completion is queued in the outbox: sent once it is stored. */
  private readonly savedLater = new Map<string, () => void>();

  constructor(private readonly deps: RecordingControllerDeps) {
    deps.outbox.onStored = (entry) => {
      // a start-time row stored by a retry: later updates (CALLUPDATE, blackouts) go to it
      const running = this.running.get(entry.key);
      if (running) running.recording.ident ??= entry.ident;
      this.savedLater.get(entry.key)?.();
      this.savedLater.delete(entry.key);
    };
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
    const key = `r${this.nextKey++}`;
    const startedAt = this.deps.clock.now();
    const starting = startOn(core, {
      key,
      deviceId: call.deviceId,
      callInstance: call.instance,
      fields: call.fields,
      startedAt,
      maxRecordSilence: decision.maxRecordSilence,
      startPaused: call.blackoutSince !== undefined,
    });
    let started: RecordingStarted;
    try {
      started = await this.deps.cores.within(starting);
    } catch (err) {
      this.releaseLateStart(core, key, starting, call.deviceId);
      throw new CallError('RECORDER_NOT_RUNNING', `recorder core ${core.coreIdent} could not start recording device ${call.deviceId}: ${messageOf(err)}; the call stays in progress`);
    }
    // A blackout in force when recording starts covers it from its first packet.
    const blackedOut = call.blackoutSince !== undefined;
    const recording: ActiveRecording = {
      key, ident: undefined, coreIdent: core.coreIdent, channel: started.channel, fileName: started.fileName,
      mediaTarget: started.mediaTarget, startedAt, priority: decision.priority, partial, retention: retentionOf(decision), paused: blackedOut,
      blackouts: blackedOut ? [{ start: startedAt, stop: null }] : [],
    };
    call.recordings.push(recording);
    this.running.set(key, { call, recording });
    recording.ident = await this.deps.outbox.insert(key, this.row(call, recording));
    if (decision.maxRecordTime) {
      recording.timer = setTimeout(() => void this.stop(call, recording, 'MAXRECORDTIME reached'), decision.maxRecordTime * 1000);
      recording.timer.unref();
    }
    this.publish('RECORDINGSTARTED', call, recording);
    return recording;
  }

  /** Stops one recording on its core and completes its row. */
  async stop(call: CallInstance, recording: ActiveRecording, reason: string): Promise<void> {
    if (!this.detach(call, recording)) return;
    const at = this.deps.clock.now();
    const core = this.deps.cores.get(recording.coreIdent);
    let stopped: RecordingStopped;
    try {
      if (!core) throw new Error(`core ${recording.coreIdent} is gone`);
      stopped = await this.deps.cores.within(core.stopRecording(recording.key, at));
    } catch (err) {
      this.deps.log.error({ err, device: call.deviceId, core: recording.coreIdent }, `core did not confirm the stop of ${recording.fileName}; saving what is known`);
      stopped = { fileName: recording.fileName, durationMs: at - recording.startedAt };
    }
    await this.finish(call, recording, stopped, at, reason);
  }

  /**
   * A blackout begins at `at`: the core pauses (writing silence from now on)
   * and, when `at` reaches back, overwrites what it wrote since with silence.
   * RECORDINGPAUSED follows; the span is stored with the recording.
   */
  async blackoutStart(call: CallInstance, recording: ActiveRecording, at: number): Promise<void> {
    if (!this.running.has(recording.key)) return;
    const core = this.coreOf(recording);
    const now = this.deps.clock.now();
    const from = Math.min(Math.max(at, recording.startedAt), now);
    recording.blackouts.push({ start: from, stop: null });
    if (!recording.paused) {
      recording.paused = true;
      await this.deps.cores.within(core.pauseRecording(recording.key, now));
      this.publish('RECORDINGPAUSED', call, recording);
    }
    if (from < now) {
      if (!core.silence) throw new Error(`core ${core.coreIdent} cannot silence audio it already wrote; TIMEOFFSET must not be negative for it`);
      await this.deps.cores.within(core.silence(recording.key, from, now));
    }
    await this.saveBlackouts(recording);
  }

  /** The open blackout ends at `at` (never before it began): the core resumes; RECORDINGRESUMED follows. */
  async blackoutStop(call: CallInstance, recording: ActiveRecording, at: number): Promise<void> {
    if (!this.running.has(recording.key)) return;
    const open = recording.blackouts.findLast((span) => span.stop === null);
    if (open) open.stop = Math.max(at, open.start);
    if (recording.paused) {
      recording.paused = false;
      await this.deps.cores.within(this.coreOf(recording).resumeRecording(recording.key, this.deps.clock.now()));
      this.publish('RECORDINGRESUMED', call, recording);
    }
    await this.saveBlackouts(recording);
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

  /** Recordings running now, with their calls. */
  active(): IterableIterator<{ call: CallInstance; recording: ActiveRecording }> {
    return this.running.values();
  }

  private coreOf(recording: ActiveRecording): RecorderCore {
    const core = this.deps.cores.get(recording.coreIdent);
    if (!core) throw new Error(`recorder core ${recording.coreIdent} is gone`);
    return core;
  }

  private async saveBlackouts(recording: ActiveRecording): Promise<void> {
    if (recording.ident !== undefined) await this.deps.storage.recordings.update(recording.ident, { blackouts: recording.blackouts });
  }

  private freeCore(call: CallInstance): RecorderCore | undefined {
    return call.coreIdents
      .map((ident) => this.deps.cores.get(ident))
      .find((core): core is RecorderCore => core !== undefined && core.hasFreeChannel(call.deviceId));
  }

  /** Stops the lowest-priority (then oldest) recording below `priority` on a core serving the call. */
  private async preempt(call: CallInstance, priority: number): Promise<boolean> {
    let victim: { call: CallInstance; recording: ActiveRecording } | undefined;
    for (const entry of this.running.values()) {
      if (entry.recording.priority >= priority || !call.coreIdents.includes(entry.recording.coreIdent)) continue;
      const better = !victim || entry.recording.priority < victim.recording.priority ||
        (entry.recording.priority === victim.recording.priority && entry.recording.startedAt < victim.recording.startedAt);
      if (better) victim = entry;
    }
    if (!victim) return false;
    this.deps.log.info({ device: victim.call.deviceId, for: call.deviceId }, 'pre-empting a lower-priority recording');
    await this.stop(victim.call, victim.recording, `pre-empted by a priority ${priority} call on ${call.deviceId}`);
    return true;
  }

  private detach(call: CallInstance, recording: ActiveRecording): boolean {
    if (!this.running.delete(recording.key)) return false;
    clearTimeout(recording.timer);
    const at = call.recordings.indexOf(recording);
    if (at !== -1) call.recordings.splice(at, 1);
    return true;
  }

  private async finish(call: CallInstance, recording: ActiveRecording, stopped: RecordingStopped, at: number, reason: string): Promise<void> {
    this.deps.log.debug({ device: call.deviceId, file: stopped.fileName, reason }, 'recording stopped');
    this.publish('RECORDINGSTOPPED', call, recording);
    // A blackout still open when the recording ends is closed at its end.
    for (const span of recording.blackouts) if (span.stop === null) span.stop = at;
    const completion = {
      stop_time: at, duration: Math.round(stopped.durationMs / 1000), filename: stopped.fileName,
      audio_size: stopped.audioSize ?? null, blackouts: recording.blackouts,
    };
    const saved = () => this.publish('RECORDINGUPDATE', call, { ...recording, fileName: stopped.fileName });
    const stored = await this.deps.outbox.complete(recording.key, recording.ident, this.row(call, recording), completion);
    if (stored) saved();
    else this.savedLater.set(recording.key, saved);
  }

  /**
   * A start the core took after its time limit: the CALLSTART was already
   * answered with an error, so the recording is stopped at once and its
   * channel freed — a failed start never leaves a channel recording.
   */
  private releaseLateStart(core: RecorderCore, key: string, starting: Promise<RecordingStarted>, deviceId: string): void {
    starting.then(
      async (late) => {
        try {
          await core.stopRecording(key, this.deps.clock.now());
          this.deps.log.warn({ device: deviceId, core: core.coreIdent, file: late.fileName }, `core ${core.coreIdent} took a recording start after its time limit; it was stopped and its channel freed`);
        } catch (err) {
          this.deps.log.error({ err, device: deviceId, core: core.coreIdent }, `could not stop a recording core ${core.coreIdent} started too late`);
        }
      },
      () => undefined, // the start failed late: nothing was left running
    );
  }

  private row(call: CallInstance, recording: ActiveRecording): NewRecording {
    const f = call.fields;
    const row: NewRecording = {
      device_id: call.deviceId, device_alias: f.deviceAlias || null, ani: f.ani || null, dnis: f.dnis || null,
      gate: f.gate || null, sgroup: f.group || null, callid: f.callId || null, calldirection: f.direction || null,
      agent_id: call.agentId ?? null, channel: recording.channel, core_ident: recording.coreIdent,
      filename: recording.fileName, call_instance: call.instance, crm_user: f.crmUser || null, sys_user: f.sysUser || null,
      station_name: f.station || null, start_time: recording.startedAt, priority: recording.priority,
      keepdays: recording.retention.keepDays ?? null, archive_action_id: recording.retention.archiveAction ?? null,
      recording_type: recording.partial ? 'partial' : 'audio', blackouts: recording.blackouts,
    };
    f.users.forEach((value, i) => ((row as Record<string, unknown>)[`user${i + 1}`] = value || null));
    return row;
  }

  private publish(type: EventType, call: CallInstance, recording: ActiveRecording): void {
    if (this.deps.bus.subscriberCount === 0) return; // nobody listens: do not build the event
    this.deps.bus.publish({ type, module: 'Api', deviceId: call.deviceId, at: this.deps.clock.now(), data: recordingEventData(call, recording, this.deps.time) });
  }
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
