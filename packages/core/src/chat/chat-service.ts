import type { Logger } from 'pino';
import { CallError } from '../calls/call-error.js';
import { applyCallData, newCallFields, type CallData } from '../calls/call-fields.js';
import { checkCallInput } from '../calls/check-call-data.js';
import type { Clock } from '../clock.js';
import type { FanoutOutcome } from '../cores/core-registry.js';
import type { RecordingController } from '../cores/recording-controller.js';
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
  readonly storage: Pick<Storage, 'users' | 'phones'>;
  /** The owner of every recording's lifecycle: it captures, pauses, stores and announces the sessions' screens. */
  readonly recordings: RecordingController;
  readonly clock: Clock;
  readonly agentBlackouts: AgentBlackouts;
  readonly log: Logger;
}

/**
 * CHATSTART / CHATUPDATE / CHATSTOP: screen-capture-only sessions, routed to
 * the recorder cores that declare `screenCapture`. Covered by the agent's
 * AGENTBLACKOUT like the agent's calls. This keeps the sessions and finds
 * their agents; the RecordingController records them.
 */
export class ChatService {
  private readonly sessions = new Map<string, ChatSession>();

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
    const startedAt = this.deps.clock.now();
    const blackedOut = this.deps.agentBlackouts.of(user.user_id) !== undefined;
    const session: ChatSession = {
      sessionId, agentId: user.user_id, deviceId: phone ?? `agent-${user.user_id}`, fields, startedAt,
      screen: this.deps.recordings.newScreen(blackedOut, startedAt),
    };
    this.sessions.set(sessionId, session);
    return this.deps.recordings.startScreen(session, recordingColumns(data));
  }

  /** CHATUPDATE: changes the session's data; stored at once. */
  async update(sessionId: string, data: CallData): Promise<FanoutOutcome> {
    checkCallInput({ data, parameters: { SESSIONID: sessionId } }, 'CHATUPDATE');
    const session = this.session(sessionId);
    applyCallData(session.fields, data);
    await this.deps.recordings.updateScreen(session, recordingColumns(data));
    return this.outcome(session);
  }

  /** CHATSTOP: the screen capture ends; the session's row is completed. */
  async stop(sessionId: string): Promise<FanoutOutcome> {
    checkCallInput({ parameters: { SESSIONID: sessionId } }, 'CHATSTOP');
    const session = this.session(sessionId);
    this.sessions.delete(sessionId);
    await this.deps.recordings.stopScreen(session);
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
      if (session.agentId === agentId) await this.deps.recordings.screenBlackout(session, on, at);
    }
  }

  private outcome(session: ChatSession): FanoutOutcome {
    const core = session.screen.coreIdent;
    return core === undefined ? { answered: [], failed: [] } : { answered: [core], failed: [] };
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
}
