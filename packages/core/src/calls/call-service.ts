import type { Logger } from 'pino';
import type { AgentBlackouts } from '../blackouts/agent-blackouts.js';
import type { Clock } from '../clock.js';
import type { CoreRegistry, FanoutOutcome } from '../cores/core-registry.js';
import type { CallSignal } from '../cores/recorder-core.js';
import type { RecordingController } from '../cores/recording-controller.js';
import type { CallcopyEvent, EventType } from '../events/callcopy-event.js';
import type { EventBus } from '../events/event-bus.js';
import type { ApiTimeFormat } from '../protocol/api-time.js';
import type { RecordingDecision, Scheduler } from '../scheduler/index.js';
import type { DiskSpaceGuard } from '../status/disk-space-guard.js';
import { COLUMN_SIZES, StorageError, type RecordingRepository, type Storage } from '../storage/index.js';
import { CALL_DETAIL_TOLERANCE_MS, type CallDetailOutcome, type CallDetailRecord } from './call-detail.js';
import { CallError } from './call-error.js';
import { checkCallInput } from './check-call-data.js';
import { callEventData, recordingEventData, stopDuration } from './call-event-data.js';
import { applyCallData, newCallFields, type CallData, type CallIdentity } from './call-fields.js';
import { applyRetention, retentionOf } from './retention.js';
import { CallInstance, type ActiveRecording } from './call-instance.js';
import type { CallSnapshotSource } from './call-snapshot-source.js';
import type { DeviceRegistry } from './device-registry.js';
import type { DeviceResolver } from './device-resolver.js';
import { recordingColumns } from './stored-recording.js';

export interface CallServiceDeps {
  readonly registry: DeviceRegistry;
  readonly resolver: DeviceResolver;
  readonly cores: CoreRegistry;
  /** The owner of the recordings: it starts, stops and updates them and is the one writer of their rows. */
  readonly recordings: RecordingController;
  readonly scheduler: Scheduler;
  /** The directory, call details, and the Recording table to read (never to write: the RecordingController does). */
  readonly storage: Pick<Storage, 'directory' | 'callDetails'> & {
    readonly recordings: Pick<RecordingRepository, 'lastForDevice' | 'findOverlapping'>;
  };
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly time: ApiTimeFormat;
  readonly log: Logger;
  /** Agents under an AGENTBLACKOUT: their new calls start blacked out. */
  readonly agentBlackouts: AgentBlackouts;
  /** The recordings path's free space; absent = not watched. */
  readonly diskSpace?: DiskSpaceGuard;
}

/** What a call signal did: the call, which cores took it, and the recording it started. */
export interface CallOutcome {
  readonly call: CallInstance;
  readonly cores: FanoutOutcome;
  readonly recording?: ActiveRecording;
}

/** A CALLUPDATE applied to the live call, or (UPDATE_IF_NOT_RECORDING) to the last stored recording. */
export type UpdateOutcome =
  | { readonly kind: 'live'; readonly call: CallInstance; readonly cores: FanoutOutcome }
  | { readonly kind: 'stored'; readonly ident: number };

/**
 * The one path for call signals: the CALLSTART/CALLSTOP/CALLUPDATE/RECORDSTART/
 * RECORDSTOP handlers and every input plugin call these methods. Live state,
 * recording decisions, core commands, stored recordings and events all follow
 * from here. Domain refusals are thrown as CallError; a signal whose values
 * break the manual's field table is refused before it changes anything.
 */
export class CallService implements CallSnapshotSource {
  private stopping = false;

  constructor(private readonly deps: CallServiceDeps) {}

  /**
   * A device started a call (CALLSTART). A blank CALLINSTANCE is the default instance.
   * @throws CallError FIELD_INVALID for a value the manual's table refuses, OUT_OF_DISK_SPACE when the recordings path is below its floor, STOPPING while Callwire stops
   */
  async start(identity: CallIdentity, data: CallData = {}): Promise<CallOutcome> {
    checkCallInput({ identity, data });
    const { registry, storage, clock } = this.deps;
    await this.admitNewRecording();
    const deviceId = await this.deps.resolver.resolve(identity);
    const device = registry.device(deviceId);
    const instance = identity.callInstance ?? '';
    const previous = device.calls.get(instance);
    if (previous) await this.end(previous, 'a new call started on the same instance');

    const fields = newCallFields(data);
    const call = new CallInstance(deviceId, instance, fields, clock.now(), registry.nextSequence());
    // The directory only adds to the call: with the database down, the call is recorded without it.
    await this.withoutDatabase(async () => {
      if (data.stationName === undefined) fields.station = (await storage.directory.stationOf(deviceId))?.station_name ?? '';
      await this.identifyAgent(call);
    }, deviceId);
    call.blackoutSince = this.deps.agentBlackouts.of(call.agentId);
    device.calls.set(instance, call);
    device.lastCall = call;

    call.decision = this.decide(call, data);
    Object.assign(call.retention, retentionOf(call.decision));
    const cores = await this.notify(call, 'callstart');
    call.coreIdents = [...cores.answered];
    this.publish('CALLSTART', call);
    const recording = call.decision.record && cores.answered.length > 0 ? await this.deps.recordings.start(call, call.decision, false) : undefined;
    return { call, cores, recording };
  }

  /** A device's call ended (CALLSTOP): its recordings stop and are saved. */
  async stop(identity: CallIdentity, data: CallData = {}): Promise<CallOutcome> {
    checkCallInput({ identity, data });
    const call = await this.liveCall(identity);
    applyCallData(call.fields, data);
    await this.deps.recordings.update(call, data); // what CALLSTOP sends is kept with the recordings it completes
    const cores = await this.end(call, 'call ended');
    return { call, cores };
  }

  /**
   * Changes the data of the call in progress (CALLUPDATE). With
   * `updateIfNotRecording`, a device that is not recording has its last stored
   * recording updated instead.
   */
  async update(identity: CallIdentity, data: CallData, options: { updateIfNotRecording?: boolean } = {}): Promise<UpdateOutcome> {
    checkCallInput({ identity, data });
    const deviceId = await this.deps.resolver.resolve(identity);
    const call = this.deps.registry.find(deviceId)?.activeCall(identity.callInstance);
    if (call && !(options.updateIfNotRecording && !call.isRecording)) {
      applyCallData(call.fields, data);
      applyRetention(call.retention, data);
      await this.deps.recordings.update(call, data);
      return { kind: 'live', call, cores: await this.notify(call, 'callupdate') };
    }
    if (!options.updateIfNotRecording) throw new CallError('NOT_IN_CALL', `device ${deviceId} is not in a call`);
    if (call) {
      applyCallData(call.fields, data);
      applyRetention(call.retention, data);
    }
    const last = await this.deps.storage.recordings.lastForDevice(deviceId);
    if (!last) throw new CallError('RECORDID_INVALID', `device ${deviceId} has no recording to update`);
    return { kind: 'stored', ident: await this.updateRecording(last.ident, data) };
  }

  /** Changes a stored recording (CALLUPDATE with RECORDID); publishes RECORDINGUPDATE. */
  async updateRecording(recordId: number, data: CallData & { deviceId?: string }): Promise<number> {
    checkCallInput({ data, parameters: { RECORDID: recordId } });
    const columns = { ...recordingColumns(data), ...(data.deviceId ? { device_id: data.deviceId } : {}) };
    if (!(await this.deps.recordings.updateStored(recordId, columns))) throw new CallError('RECORDID_INVALID', `no recording has RECORDID ${recordId}`);
    return recordId;
  }

  /** Starts an extra, partial recording of the device's call (RECORDSTART). */
  async recordStart(identity: CallIdentity, data: CallData = {}): Promise<CallOutcome> {
    checkCallInput({ identity, data });
    await this.admitNewRecording();
    const call = await this.liveCall(identity);
    applyCallData(call.fields, data);
    const decision = this.decide(call, data);
    if (!decision.record) throw new CallError('NO_SCHEDULE', `no schedule records calls like this one on device ${call.deviceId}`);
    if (call.coreIdents.length === 0) return { call, cores: { answered: [], failed: this.coreIdentsFor(call.deviceId) } };
    const recording = await this.deps.recordings.start(call, decision, true);
    return { call, recording, cores: { answered: [recording.coreIdent], failed: [] } };
  }

  /** Stops the latest partial recording of the device's call (RECORDSTOP). */
  async recordStop(identity: CallIdentity, data: CallData = {}): Promise<CallOutcome> {
    checkCallInput({ identity, data });
    const call = await this.liveCall(identity);
    const recording = [...call.recordings].reverse().find((r) => r.partial);
    if (!recording) throw new CallError('NOT_RECORDING', `device ${call.deviceId} has no RECORDSTART recording running`);
    applyCallData(call.fields, data);
    await this.deps.recordings.update(call, data);
    await this.deps.recordings.stop(call, recording, 'RECORDSTOP');
    return { call, recording, cores: { answered: [recording.coreIdent], failed: [] } };
  }

  /**
   * A call detail record from the PBX (SMDR/CDR): kept in call_details
   * whether or not a recording matched, and used to fill in what the
   * recording of that device overlapping the call lacks (ANI, DNIS,
   * direction, CALLID); a RECORDINGUPDATE follows.
   */
  async recordCallDetail(detail: CallDetailRecord): Promise<CallDetailOutcome> {
    const { recordings, callDetails } = this.deps.storage;
    const stop = detail.startTime + detail.durationSeconds * 1000;
    const candidates = await recordings.findOverlapping(detail.deviceId, detail.startTime - CALL_DETAIL_TOLERANCE_MS, stop + CALL_DETAIL_TOLERANCE_MS);
    const match = candidates.sort((a, b) => Math.abs(a.start_time - detail.startTime) - Math.abs(b.start_time - detail.startTime))[0];
    const id = await callDetails.add({
      received_at: this.deps.clock.now(), device_id: detail.deviceId, call_id: detail.callId ?? null, start_time: detail.startTime,
      duration: detail.durationSeconds, ani: detail.ani ?? null, dnis: detail.dnis ?? null, direction: detail.direction || null,
      account_code: detail.accountCode ?? null, raw: detail.raw, recording_ident: match?.ident ?? null,
    });
    if (!match) return { id };
    // A value too long for the Recording column stays in call_details (kept whole) and is not copied.
    const fits = (value: string | undefined, column: keyof typeof COLUMN_SIZES.recordings) =>
      value !== undefined && [...value].length <= COLUMN_SIZES.recordings[column] ? value : undefined;
    const fill: CallData = {
      ani: match.ani ? undefined : fits(detail.ani, 'ani'),
      dnis: match.dnis ? undefined : fits(detail.dnis, 'dnis'),
      direction: match.calldirection ? undefined : detail.direction,
      callId: match.callid ? undefined : fits(detail.callId, 'callid'),
    };
    await this.updateRecording(match.ident, fill);
    return { id, recordingIdent: match.ident };
  }

  /**
   * A transfer: the call leaves one device (its recordings there stop and are
   * saved) and continues on another with the same data (ANI, DNIS, CALLID,
   * USER fields), plus what `data` adds. Returns the call on the new device.
   */
  async transfer(from: CallIdentity, to: CallIdentity, data: CallData = {}): Promise<CallOutcome> {
    checkCallInput({ identity: from });
    checkCallInput({ identity: to, data });
    const call = await this.liveCall(from);
    await this.end(call, 'transferred');
    const f = call.fields;
    const carried: CallData = {
      group: f.group, gate: f.gate, ani: f.ani, dnis: f.dnis, callId: f.callId, direction: f.direction, users: f.users,
    };
    return this.start(to, { ...carried, ...data, users: mergeUsers(f.users, data.users) });
  }

  /** The caller was put on hold (a CTI signal); with `pauseRecording` its recordings pause until retrieve. */
  async hold(identity: CallIdentity, options: { pauseRecording?: boolean } = {}): Promise<CallInstance> {
    checkCallInput({ identity });
    const call = await this.liveCall(identity);
    call.state = 'held';
    if (options.pauseRecording && !call.holdPaused) {
      call.holdPaused = true;
      await this.deps.recordings.hold(call, true);
    }
    return call;
  }

  /** The held call was taken back; what its hold paused resumes. */
  async retrieve(identity: CallIdentity): Promise<CallInstance> {
    checkCallInput({ identity });
    const call = await this.liveCall(identity);
    call.state = 'connected';
    if (call.holdPaused) {
      call.holdPaused = false;
      await this.deps.recordings.hold(call, false);
    }
    return call;
  }

  /** Whether `phoneId` is assigned to an agent (IMPORTAGENTPHONE); false when the directory cannot be read. */
  async isAgentPhone(phoneId: string): Promise<boolean> {
    return (await this.deps.storage.directory.ownerOf(phoneId).catch(() => undefined)) !== undefined;
  }

  /**
   * A recorder core joined (or came back): each call in progress on a device
   * it serves that its schedule records and that records nowhere is told to
   * the core (CALLSTART) and recorded on it, as if the core had been there
   * when the call started. A call the core refuses stays as it was.
   * @returns how many recordings started
   */
  async recordCallsInProgress(coreIdent: number): Promise<number> {
    const core = this.deps.cores.get(coreIdent);
    if (!core || this.stopping) return 0;
    let started = 0;
    for (const device of [...this.deps.registry.all()]) {
      if (!core.serves(device.deviceId)) continue;
      for (const call of [...device.calls.values()]) {
        if (!call.decision?.record || call.isRecording || call.state === 'ended') continue;
        const taken = await this.deps.cores.fanOut([core], (c) => c.notify(this.signal(call, 'callstart')));
        if (taken.answered.length === 0) continue;
        if (!call.coreIdents.includes(coreIdent)) call.coreIdents = [...call.coreIdents, coreIdent];
        try {
          await this.deps.recordings.start(call, call.decision, false);
          started++;
        } catch (err) {
          this.deps.log.warn({ err, device: call.deviceId, core: coreIdent }, `core ${coreIdent} is back but could not record the call on ${call.deviceId}: ${(err as Error).message}`);
        }
      }
    }
    return started;
  }

  /** Calls in progress as CALLSTART, RECORDINGSTARTED (and RECORDINGPAUSED) events, for subscribers asking for a snapshot. */
  snapshot(): CallcopyEvent[] {
    const events: CallcopyEvent[] = [];
    const at = this.deps.clock.now();
    for (const device of this.deps.registry.all()) {
      for (const call of device.calls.values()) {
        events.push({ type: 'CALLSTART', module: 'Api', deviceId: call.deviceId, at, data: callEventData(call, this.deps.time), times: { STARTTIME: call.startTime } });
        for (const recording of call.recordings) {
          const data = recordingEventData(call, recording, this.deps.time);
          const times = { STARTTIME: recording.startedAt };
          events.push({ type: 'RECORDINGSTARTED', module: 'Api', deviceId: call.deviceId, at, data, times });
          // a recording blacked out now must show so to a subscriber who missed the pause
          if (recording.paused || recording.held) events.push({ type: 'RECORDINGPAUSED', module: 'Api', deviceId: call.deviceId, at, data, times });
        }
      }
    }
    return events;
  }

  /**
   * For a clean stop: refuses new calls from now on, then ends every call in
   * progress as CALLSTOP would (events published, recordings stopped on
   * their cores, rows completed). Resolves when all are ended.
   * @returns how many calls were ended
   */
  async endAll(reason: string): Promise<number> {
    this.stopping = true;
    const calls = [...this.deps.registry.all()].flatMap((device) => [...device.calls.values()]);
    const ended = await Promise.allSettled(calls.map((call) => this.end(call, reason)));
    for (const outcome of ended) {
      if (outcome.status === 'rejected') this.deps.log.error({ err: outcome.reason }, `a call could not be ended cleanly: ${(outcome.reason as Error).message}`);
    }
    return calls.length;
  }

  /** A new recording may start: Callwire is not stopping and the recordings disk is above its floor. */
  private async admitNewRecording(): Promise<void> {
    if (this.stopping) throw new CallError('STOPPING', 'Callwire is stopping and takes no new calls');
    const guard = this.deps.diskSpace;
    if (!guard) return;
    const space = await guard.check();
    if (space.low) throw new CallError('OUT_OF_DISK_SPACE', guard.describe(space));
  }

  private async liveCall(identity: CallIdentity): Promise<CallInstance> {
    const deviceId = await this.deps.resolver.resolve(identity);
    const call = this.deps.registry.find(deviceId)?.activeCall(identity.callInstance);
    if (!call) {
      const which = identity.callInstance === undefined ? 'a call' : `call instance '${identity.callInstance}'`;
      throw new CallError('NOT_IN_CALL', `device ${deviceId} is not in ${which}`);
    }
    return call;
  }

  /** Ends a call: CALLSTOP, then its recordings stop and are saved, then the cores hear of it. */
  private async end(call: CallInstance, reason: string): Promise<FanoutOutcome> {
    const device = this.deps.registry.device(call.deviceId);
    call.state = 'ended';
    call.stopTime = this.deps.clock.now();
    device.calls.delete(call.instance);
    device.lastCall = call;
    this.publish('CALLSTOP', call);
    await this.deps.recordings.stopAll(call, reason);
    return this.notify(call, 'callstop');
  }

  /** Runs a directory lookup; a database failure is logged and the call goes on without what it would add. */
  private async withoutDatabase(lookup: () => Promise<void>, deviceId: string): Promise<void> {
    try {
      await lookup();
    } catch (err) {
      if (!(err instanceof StorageError)) throw err;
      this.deps.log.warn({ err, device: deviceId }, `recording device ${deviceId} without its station and agent: ${err.message}`);
    }
  }

  /** AGENTID and the agent's names from the phone's owner, where the signal did not send them. */
  private async identifyAgent(call: CallInstance): Promise<void> {
    const { directory } = this.deps.storage;
    const owner = await directory.ownerOf(call.deviceId);
    if (owner === undefined) return;
    call.agentId = owner;
    const user = await directory.user(owner);
    if (!user) return;
    call.fields.sysUser ||= user.sys_user ?? '';
    call.fields.crmUser ||= user.crm_user ?? '';
    call.fields.deviceAlias ||= user.device_alias ?? '';
  }

  private decide(call: CallInstance, data: CallData): RecordingDecision {
    const f = call.fields;
    const decided = this.deps.scheduler.decide(
      {
        deviceId: call.deviceId, deviceAlias: f.deviceAlias, group: f.group, gate: f.gate, ani: f.ani, dnis: f.dnis,
        direction: f.direction, agentId: call.agentId, sysUser: f.sysUser, crmUser: f.crmUser, users: f.users,
      },
      call.startTime,
    );
    return {
      ...decided,
      priority: data.priority ?? decided.priority,
      maxRecordTime: data.maxRecordTime ?? decided.maxRecordTime,
      maxRecordSilence: data.maxRecordSilence ?? decided.maxRecordSilence,
      keepDays: data.keepDays ?? decided.keepDays,
      archiveAction: data.archiveAction ?? decided.archiveAction,
    };
  }

  private notify(call: CallInstance, kind: CallSignal['kind']): Promise<FanoutOutcome> {
    const signal = this.signal(call, kind);
    return this.deps.cores.fanOut(this.deps.cores.coresFor(call.deviceId), (core) => core.notify(signal));
  }

  private signal(call: CallInstance, kind: CallSignal['kind']): CallSignal {
    return { kind, deviceId: call.deviceId, callInstance: call.instance, fields: call.fields, at: this.deps.clock.now() };
  }

  private coreIdentsFor(deviceId: string): number[] {
    return this.deps.cores.coresFor(deviceId).map((core) => core.coreIdent);
  }

  /** Publishes even with nobody listening: the replay buffer holds it for a subscriber that reconnects. */
  private publish(type: EventType, call: CallInstance): void {
    const data = callEventData(call, this.deps.time);
    if (type === 'CALLSTOP' && call.stopTime !== undefined) data.DURATION = stopDuration(call.startTime, call.stopTime);
    this.deps.bus.publish({
      type, module: 'Api', deviceId: call.deviceId, at: this.deps.clock.now(), data, times: { STARTTIME: call.startTime, STOPTIME: call.stopTime },
    });
  }
}

function mergeUsers(carried: readonly string[], sent: CallData['users']): (string | undefined)[] {
  return carried.map((value, i) => sent?.[i] ?? value);
}
