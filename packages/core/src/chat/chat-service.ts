import type { Logger } from 'pino';
import { CallError } from '../calls/call-error.js';
import { applyCallData, newCallFields, type CallData } from '../calls/call-fields.js';
import { checkCallInput } from '../calls/check-call-data.js';
import type { Clock } from '../clock.js';
import type { CoreRegistry, FanoutOutcome } from '../cores/core-registry.js';
import type { RecorderCore } from '../cores/recorder-core.js';
import type { EventType } from '../events/callcopy-event.js';
import type { EventBus } from '../events/event-bus.js';
import type { Storage, User } from '../storage/index.js';
import type { AgentBlackouts } from '../blackouts/agent-blackouts.js';
import { recordingColumns } from '../calls/stored-recording.js';
import { agentByDeviceAlias } from '../directory/agent-by-device-alias.js';
import type { ChatSession } from './chat-session.js';

/** How CHATSTART names the agent: AGENTID (the user's USERID), or KEYNAME/KEYVALUE. */
export interface ChatAgentKey {
  readonly agentId?: number;
  readonly keyName?: string;
  readonly keyValue?: string;
}

const KEY_COLUMNS: Readonly<Record<string, 'username' | 'sys_user' | 'employee_id' | 'crm_user' | 'device_alias'>> = {
  USERNAME: 'username', SYS_USER: 'sys_user', EMPLOYEEID: 'employee_id', CRM_USER: 'crm_user', DEVICEALIAS: 'device_alias',
};

/** "Performing more than three concurrent screen captures on a single system may result in reduced system performance." */
const ADVISED_SESSIONS_PER_AGENT = 3;

export interface ChatServiceDeps {
  readonly cores: CoreRegistry;
  readonly storage: Pick<Storage, 'users' | 'phones' | 'recordings'>;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly agentBlackouts: AgentBlackouts;
  readonly log: Logger;
}

/**
 * CHATSTART / CHATUPDATE / CHATSTOP: screen-capture-only sessions, routed to
 * the recorder cores that declare `screenCapture`. Covered by the agent's
 * AGENTBLACKOUT like the agent's calls.
 */
export class ChatService {
  private readonly sessions = new Map<string, ChatSession>();
  private nextKey = 1;

  constructor(private readonly deps: ChatServiceDeps) {}

  /** @throws CallError FIELD_INVALID, AGENT_NOT_FOUND, ALREADY_RECORDING */
  async start(sessionId: string, agent: ChatAgentKey, data: CallData): Promise<FanoutOutcome> {
    const { agentId, keyName, keyValue } = agent;
    checkCallInput({ data, parameters: { SESSIONID: sessionId, AGENTID: agentId, KEYNAME: keyName, KEYVALUE: keyValue } }, 'CHATSTART');
    if (this.sessions.has(sessionId)) throw new CallError('ALREADY_RECORDING', `chat session ${sessionId} is already started`);
    const user = await this.findAgent(agent);
    const running = [...this.sessions.values()].filter((s) => s.agentId === user.user_id).length;
    if (running >= ADVISED_SESSIONS_PER_AGENT) {
      this.deps.log.warn({ agent: user.user_id, sessions: running + 1 }, `agent ${user.user_id} now has ${running + 1} concurrent screen captures; the manual warns of reduced performance above ${ADVISED_SESSIONS_PER_AGENT}`);
    }
    const phones = await this.deps.storage.phones.phonesOf(user.user_id);
    // KEYNAME=DEVICEALIAS names the phone too: the session is that phone's, under that alias
    const alias = agent.keyName?.toUpperCase() === 'DEVICEALIAS' ? agent.keyValue : undefined;
    const phone = alias !== undefined && phones.includes(alias) ? alias : phones[0];
    const fields = newCallFields({ sysUser: user.sys_user ?? '', crmUser: user.crm_user ?? '', deviceAlias: alias ?? user.device_alias ?? '' });
    applyCallData(fields, data); // what CHATSTART sent, over what the directory says
    const session: ChatSession = {
      sessionId, agentId: user.user_id, deviceId: phone ?? `agent-${user.user_id}`, fields, startedAt: this.deps.clock.now(),
      ident: undefined, coreIdent: undefined, key: undefined, fileName: '', paused: false,
    };
    this.sessions.set(sessionId, session);
    const outcome = await this.record(session);
    session.ident = await this.deps.storage.recordings.insertOpen({
      device_id: session.deviceId, agent_id: session.agentId, globalid: sessionId, recording_type: 'chat', screen_capture: 1,
      core_ident: session.coreIdent ?? null, filename: session.fileName || null, start_time: session.startedAt,
      blackouts: session.paused ? [{ start: session.startedAt, stop: null }] : [],
      ...recordingColumns({ ...data, sysUser: fields.sysUser, crmUser: fields.crmUser, deviceAlias: fields.deviceAlias }),
    });
    this.publish('RECORDINGSTARTED', session);
    return outcome;
  }

  /** CHATUPDATE: changes the session's data; stored at once. */
  async update(sessionId: string, data: CallData): Promise<FanoutOutcome> {
    checkCallInput({ data, parameters: { SESSIONID: sessionId } }, 'CHATUPDATE');
    const session = this.session(sessionId);
    applyCallData(session.fields, data);
    if (session.ident !== undefined) await this.deps.storage.recordings.update(session.ident, recordingColumns(data));
    return this.outcome(session);
  }

  /** CHATSTOP: the screen capture ends; the session's row is completed. */
  async stop(sessionId: string): Promise<FanoutOutcome> {
    checkCallInput({ parameters: { SESSIONID: sessionId } }, 'CHATSTOP');
    const session = this.session(sessionId);
    this.sessions.delete(sessionId);
    const at = this.deps.clock.now();
    const core = this.core(session);
    if (core && session.key) await this.deps.cores.within(core.stopRecording(session.key, at)).catch((err: unknown) => this.deps.log.error({ err, sessionId }, 'screen core did not confirm the stop'));
    this.publish('RECORDINGSTOPPED', session);
    if (session.ident !== undefined) {
      const row = await this.deps.storage.recordings.findByIdent(session.ident);
      const blackouts = (row?.blackouts ?? []).map((span) => ({ start: span.start, stop: span.stop ?? at }));
      await this.deps.storage.recordings.complete(session.ident, { stop_time: at, blackouts });
      this.publish('RECORDINGUPDATE', session);
    }
    return this.outcome(session);
  }

  /** For a clean stop: every session ends as CHATSTOP would. @returns how many ended */
  async stopAll(): Promise<number> {
    const ids = [...this.sessions.keys()];
    for (const id of ids) {
      await this.stop(id).catch((err: unknown) => this.deps.log.error({ err, sessionId: id }, `chat session ${id} could not be ended cleanly`));
    }
    return ids.length;
  }

  /** The agent's blackout begins or ends: their screen captures pause or resume. */
  async agentBlackout(agentId: number, on: boolean, at: number): Promise<void> {
    for (const session of this.sessions.values()) {
      if (session.agentId !== agentId || session.paused === on) continue;
      session.paused = on;
      const core = this.core(session);
      if (core && session.key) await this.deps.cores.within(on ? core.pauseRecording(session.key, at) : core.resumeRecording(session.key, at));
      if (session.ident !== undefined) {
        const row = await this.deps.storage.recordings.findByIdent(session.ident);
        const spans = row?.blackouts ?? [];
        if (on) spans.push({ start: at, stop: null });
        else for (const span of spans) if (span.stop === null) span.stop = Math.max(at, span.start);
        await this.deps.storage.recordings.update(session.ident, { blackouts: spans });
      }
      this.publish(on ? 'RECORDINGPAUSED' : 'RECORDINGRESUMED', session);
    }
  }

  private async record(session: ChatSession): Promise<FanoutOutcome> {
    const screens = this.deps.cores.screenCores();
    const core = screens.find((c) => c.hasFreeChannel(session.deviceId));
    if (!core) return { answered: [], failed: screens.map((c) => c.coreIdent) };
    const key = `c${this.nextKey++}`;
    session.paused = this.deps.agentBlackouts.of(session.agentId) !== undefined;
    try {
      const started = await this.deps.cores.within(core.startRecording({
        key, deviceId: session.deviceId, callInstance: session.sessionId, fields: session.fields,
        startedAt: session.startedAt, media: 'screen', startPaused: session.paused,
      }));
      Object.assign(session, { key, coreIdent: core.coreIdent, fileName: started.fileName });
      return { answered: [core.coreIdent], failed: [] };
    } catch (err) {
      this.deps.log.error({ err, sessionId: session.sessionId, core: core.coreIdent }, 'screen core did not start the chat session');
      return { answered: [], failed: [core.coreIdent] };
    }
  }

  private outcome(session: ChatSession): FanoutOutcome {
    return session.coreIdent === undefined ? { answered: [], failed: [] } : { answered: [session.coreIdent], failed: [] };
  }

  private core(session: ChatSession): RecorderCore | undefined {
    return session.coreIdent === undefined ? undefined : this.deps.cores.screenCore(session.coreIdent);
  }

  private session(sessionId: string): ChatSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new CallError('SESSION_UNKNOWN', `no chat session ${sessionId} is in progress`);
    return session;
  }

  private async findAgent(key: ChatAgentKey): Promise<User> {
    const { users } = this.deps.storage;
    if (key.agentId !== undefined) {
      const user = await users.findById(key.agentId);
      if (user && !user.deleted) return user;
      throw new CallError('AGENT_NOT_FOUND', `no agent has AGENTID ${key.agentId}`);
    }
    const column = key.keyName ? KEY_COLUMNS[key.keyName.toUpperCase()] : undefined;
    if (!column || !key.keyValue) throw new CallError('AGENT_NOT_FOUND', 'name the agent with AGENTID, or KEYNAME (USERNAME, SYS_USER, EMPLOYEEID, CRM_USER or DEVICEALIAS) and KEYVALUE');
    const user = column === 'device_alias' ? await agentByDeviceAlias(this.deps.storage, key.keyValue) : await users.findBy(column, key.keyValue);
    if (!user) throw new CallError('AGENT_NOT_FOUND', `no agent has ${key.keyName!.toUpperCase()} ${key.keyValue}`);
    return user;
  }

  private publish(type: EventType, session: ChatSession): void {
    const f = session.fields;
    const data: Record<string, string> = {
      DEVICEID: session.deviceId, FILENAME: session.fileName, CHANNEL: '', ERRORREASON: 'NONE', GLOBALCALLID: session.sessionId,
      DEVICEALIAS: f.deviceAlias, GATE: f.gate, ANI: f.ani, DNIS: f.dnis, AGENTID: String(session.agentId), GROUP: f.group,
      CALLINSTANCE: session.sessionId, KEEPDAYS: '-1', ARCHIVEACTION: '-1', RECORDID: session.ident === undefined ? '' : String(session.ident),
      COREIDENT: session.coreIdent === undefined ? '' : String(session.coreIdent),
    };
    f.users.forEach((value, i) => (data[`USER${i + 1}`] = value));
    this.deps.bus.publish({ type, module: 'Api', deviceId: session.deviceId, at: this.deps.clock.now(), data });
  }
}
