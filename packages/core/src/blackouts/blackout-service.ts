import type { CallError as CallErrorType } from '../calls/call-error.js';
import { CallError, DEVICE_INVALID_FOR_BLACKOUT } from '../calls/call-error.js';
import type { CallIdentity } from '../calls/call-fields.js';
import { checkCallInput } from '../calls/check-call-data.js';
import type { CallInstance } from '../calls/call-instance.js';
import type { DeviceRegistry } from '../calls/device-registry.js';
import type { DeviceResolver } from '../calls/device-resolver.js';
import type { Logger } from 'pino';
import type { Clock, Timers } from '../clock.js';
import type { CoreRegistry, FanoutOutcome } from '../cores/core-registry.js';
import type { RecordingController } from '../cores/recording-controller.js';
import type { Storage } from '../storage/index.js';
import type { ChatService } from '../chat/chat-service.js';
import { agentByDeviceAlias } from '../directory/agent-by-device-alias.js';
import type { AgentBlackouts } from './agent-blackouts.js';

export interface BlackoutServiceDeps {
  readonly registry: DeviceRegistry;
  readonly resolver: DeviceResolver;
  readonly recordings: RecordingController;
  readonly agents: AgentBlackouts;
  readonly storage: Pick<Storage, 'users' | 'phones'>;
  readonly clock: Clock;
  /** The engine's timers: a positive TIMEOFFSET waits on them. */
  readonly timers: Timers;
  /** The agent's screen captures, which an agent blackout covers too. */
  readonly chat: ChatService;
  readonly cores: CoreRegistry;
  readonly log: Logger;
}

/**
 * BLACKOUTSTART/STOP (one call instance) and AGENTBLACKOUTSTART/STOP (every
 * call of the agent, and calls the agent starts while blacked out). A
 * blackout begins or ends when the message is received plus TIMEOFFSET
 * seconds: a negative start offset silences audio already written, a stop
 * that would land before its start is clamped to it, a positive offset is
 * carried out when its time comes. This keeps who is blacked out and when;
 * the RecordingController pauses and resumes the recordings.
 */
export class BlackoutService {
  constructor(private readonly deps: BlackoutServiceDeps) {}

  /** BLACKOUTSTART on the call instance (or the device's last call). */
  async start(identity: CallIdentity, offsetSeconds: number): Promise<FanoutOutcome> {
    checkBlackout(identity, offsetSeconds);
    const call = await this.liveCall(identity);
    if (call.blackoutSince !== undefined) throw invalidState(`a blackout is already open on device ${call.deviceId}`);
    const at = this.at(offsetSeconds);
    call.blackoutSince = at;
    return this.when(at, [call], () => this.deps.recordings.pause([call], this.reachBack(at, offsetSeconds)));
  }

  /** BLACKOUTSTOP on the call instance (or the device's last call). */
  async stop(identity: CallIdentity, offsetSeconds: number): Promise<FanoutOutcome> {
    checkBlackout(identity, offsetSeconds);
    const call = await this.liveCall(identity);
    if (call.blackoutSince === undefined) throw invalidState(`no blackout is open on device ${call.deviceId}`);
    const at = Math.max(this.at(offsetSeconds), call.blackoutSince);
    call.blackoutSince = undefined;
    return this.when(at, [call], () => this.deps.recordings.resume([call], at));
  }

  /** AGENTBLACKOUTSTART: every call of the agent now, and every call the agent starts until the stop. */
  async agentStart(identity: CallIdentity, offsetSeconds: number): Promise<FanoutOutcome> {
    checkBlackout(identity, offsetSeconds);
    const agentId = await this.agentOf(identity);
    if (this.deps.agents.of(agentId) !== undefined) throw invalidState(`agent ${agentId} is already blacked out`);
    const at = this.at(offsetSeconds);
    this.deps.agents.begin(agentId, at);
    const calls = this.callsOf(agentId).filter((call) => call.blackoutSince === undefined);
    for (const call of calls) call.blackoutSince = at;
    return this.when(at, calls, async () => {
      await this.deps.chat.agentBlackout(agentId, true, Math.max(at, this.deps.clock.now()));
      return this.forAgent(calls, () => this.deps.recordings.pause(calls, this.reachBack(at, offsetSeconds)));
    });
  }

  /** AGENTBLACKOUTSTOP: ends the agent's blackout on every call it covers. */
  async agentStop(identity: CallIdentity, offsetSeconds: number): Promise<FanoutOutcome> {
    checkBlackout(identity, offsetSeconds);
    const agentId = await this.agentOf(identity);
    const began = this.deps.agents.end(agentId);
    if (began === undefined) throw invalidState(`agent ${agentId} is not blacked out`);
    const at = Math.max(this.at(offsetSeconds), began);
    const calls = this.callsOf(agentId).filter((call) => call.blackoutSince !== undefined);
    for (const call of calls) call.blackoutSince = undefined;
    return this.when(at, calls, async () => {
      await this.deps.chat.agentBlackout(agentId, false, at);
      return this.forAgent(calls, () => this.deps.recordings.resume(calls, at));
    });
  }

  private at(offsetSeconds: number): number {
    return this.deps.clock.now() + offsetSeconds * 1000;
  }

  /**
   * Where a blackout start takes effect on the recording: only a negative
   * TIMEOFFSET reaches back into audio already written; with none, the
   * milliseconds spent handling the message are not silenced after the fact.
   */
  private reachBack(at: number, offsetSeconds: number): number {
    return offsetSeconds < 0 ? at : Math.max(at, this.deps.clock.now());
  }

  /**
   * Runs `work` now, or at `at` when that is in the future — then the
   * answer names the cores of the calls, which will be told when it comes.
   */
  private async when(at: number, calls: readonly CallInstance[], work: () => Promise<FanoutOutcome>): Promise<FanoutOutcome> {
    const delay = at - this.deps.clock.now();
    if (delay <= 0) return work();
    // a positive TIMEOFFSET: carried out later, so a failure then can only be logged
    const due = () => void work().catch((err: unknown) => this.deps.log.error({ err }, 'a blackout change due after its TIMEOFFSET failed'));
    this.deps.timers.setTimeout(due, delay).unref?.();
    return { answered: [...new Set(calls.flatMap((call) => call.coreIdents))].sort((a, b) => a - b), failed: [] };
  }

  /**
   * An agent blackout holds for calls not yet made, so with no call in
   * progress it is every core's to apply when one starts.
   */
  private forAgent(calls: readonly CallInstance[], change: () => Promise<FanoutOutcome>): Promise<FanoutOutcome> {
    if (calls.length > 0) return change();
    return Promise.resolve({ answered: this.deps.cores.idents(), failed: [] });
  }

  /**
   * The call a BLACKOUT names. A device nobody knows is API_DEVICE_INVALID, as
   * the manual lists for these functions; a known device with no call is
   * API_DEVICE_NOT_IN_CALL — nothing was blacked out, so it is not API_OK.
   */
  private async liveCall(identity: CallIdentity): Promise<CallInstance> {
    const deviceId = await this.deps.resolver.resolve(identity);
    const call = this.deps.registry.find(deviceId)?.activeCall(identity.callInstance);
    if (call) return call;
    if (!(await this.deps.resolver.isKnown(deviceId))) {
      throw new CallError('DEVICE_INVALID', `${DEVICE_INVALID_FOR_BLACKOUT}: no call since start, agent's phone or station has DEVICEID ${deviceId}`);
    }
    throw new CallError('NOT_IN_CALL', `device ${deviceId} is not in a call`);
  }

  /** The agent a request names: the owner of DEVICEID's phone, the agent DEVICEALIAS names, else the user with that SYS_USER/CRM_USER. */
  private async agentOf(identity: CallIdentity): Promise<number> {
    const { users, phones } = this.deps.storage;
    const found = identity.deviceId
      ? await phones.ownerOf(identity.deviceId)
      : identity.deviceAlias
        ? (await agentByDeviceAlias(this.deps.storage, identity.deviceAlias))?.user_id
        : (await users.findBy(identity.sysUser ? 'sys_user' : 'crm_user', identity.sysUser ?? identity.crmUser ?? ''))?.user_id;
    if (found === undefined) throw new CallError('AGENT_NOT_FOUND', `no agent matches ${describe(identity)}`);
    return found;
  }

  private callsOf(agentId: number): CallInstance[] {
    return [...this.deps.registry.all()].flatMap((device) => [...device.calls.values()]).filter((call) => call.agentId === agentId);
  }
}

/** The manual's blackout table (DEVICEALIAS varchar(100), TIMEOFFSET …), before anything changes. */
function checkBlackout(identity: CallIdentity, offsetSeconds: number): void {
  checkCallInput({ identity, parameters: { TIMEOFFSET: offsetSeconds } }, 'BLACKOUTSTART');
}

function invalidState(message: string): CallErrorType {
  return new CallError('BLACKOUT_INVALID_STATE', message);
}

function describe(identity: CallIdentity): string {
  const [name, value] = Object.entries({ DEVICEID: identity.deviceId, DEVICEALIAS: identity.deviceAlias, SYS_USER: identity.sysUser, CRM_USER: identity.crmUser })
    .find(([, v]) => v !== undefined) ?? ['', ''];
  return name ? `${name} ${value}` : 'the request (send one of DEVICEID, DEVICEALIAS, CRM_USER, SYS_USER)';
}
