import type { CallSignals, Clock, InputContext } from '@callwire/plugin-api';
import type { LineDirectory } from '../lines/line-directory.js';
import type { CallInfoMessage, CallStateMessage } from '../protocol/bridge-messages.js';
import { CallActions } from './call-actions.js';
import { directionHint, stepsFor, type StartPolicy, type Step } from './call-state-machine.js';
import { CallTable } from './call-table.js';
import { Conferences } from './conferences.js';
import { callKey, TapiCall, type CallInfo } from './tapi-call.js';

export interface CallFollowerDeps {
  readonly calls: CallSignals;
  readonly lines: LineDirectory;
  readonly policy: StartPolicy;
  readonly transferWindowMs: number;
  readonly clock: Clock;
  readonly log: InputContext['log'];
}

/** The largest DEVICEID the API accepts (char(64)). */
const MAX_DEVICE_ID = 64;

/**
 * Follows every call handle of every line: reads LINE_CALLSTATE through the
 * state machine and LINE_CALLINFO into the call's data, and has the steps
 * carried out. Messages must be given one at a time, in the bridge's order.
 */
export class CallFollower {
  private readonly table: CallTable;
  private readonly actions: CallActions;
  private readonly conferences: Conferences;
  private readonly unmappedLines = new Set<string>();

  constructor(private readonly deps: CallFollowerDeps) {
    this.table = new CallTable(deps.transferWindowMs);
    this.actions = new CallActions({ calls: deps.calls, table: this.table, clock: deps.clock, log: deps.log });
    this.conferences = new Conferences(this.table, this.actions, deps.clock);
  }

  async callState(message: CallStateMessage): Promise<void> {
    const conference = this.table.conference(message.line, message.call);
    if (conference) return this.conferences.state(conference, message.state, message.mode);
    const call = this.callFor(message.line, message.call);
    if (!call) return;
    call.direction ??= directionHint(message.state);
    if (message.state === 'IDLE') call.idleSeen = true;
    const steps = stepsFor(call, message.state, message.mode, this.deps.policy);
    this.deps.log.debug(
      `line ${message.line} call ${message.call}: ${message.state}${message.mode ? `(${message.mode})` : ''} → ${steps.map(describe).join(', ')}`,
    );
    for (const step of steps) {
      if (step.kind === 'reset') {
        this.table.remove(call, this.deps.clock.now());
        return this.callState(message);
      }
      await this.apply(call, step, message);
    }
  }

  async callInfo(message: CallInfoMessage): Promise<void> {
    if (this.table.conference(message.line, message.call)) return;
    const { type: _type, line, call: handle, ...sent } = message;
    let call = this.callFor(line, handle);
    if (!call) return;
    if (call.phase === 'ended' && sent.callId !== undefined && call.info.callId !== undefined && sent.callId !== call.info.callId) {
      // A new call on a reused handle, announced before its first state.
      this.table.remove(call, this.deps.clock.now());
      call = this.callFor(line, handle)!;
    }
    for (const [key, value] of Object.entries(sent) as [keyof CallInfo, string | undefined][]) {
      if (value !== undefined) call.info[key] = value;
    }
    if (call.phase !== 'live') return;
    if (call.info.reason === 'TRANSFER' && (await this.actions.replaceByTransfer(call))) return;
    await this.actions.updateNumbers(call);
  }

  /**
   * The bridge listed every call it knows (HELLO after a reconnection): a
   * call Callwire follows that is not listed ended while the bridge was out
   * of reach.
   */
  async resync(listed: readonly { line: string; call: string }[]): Promise<void> {
    const keep = new Set(listed.map((entry) => callKey(entry.line, entry.call)));
    const now = this.deps.clock.now();
    for (const call of this.table.current()) {
      if (keep.has(call.key)) continue;
      await this.actions.stop(call, 'ended while the bridge was out of reach');
      this.table.remove(call, now);
    }
    for (const conference of this.table.allConferences()) {
      if (keep.has(callKey(conference.line, conference.handle))) continue;
      conference.ended = true;
      if (conference.carrier && !keep.has(conference.carrier.key)) await this.actions.stop(conference.carrier, 'ended while the bridge was out of reach');
      this.table.removeConference(conference);
    }
  }

  private async apply(call: TapiCall, step: Step, message: CallStateMessage): Promise<void> {
    switch (step.kind) {
      case 'start':
        return this.actions.start(call);
      case 'hold':
        return this.actions.hold(call);
      case 'retrieve':
        return this.actions.retrieve(call);
      case 'stop':
        return this.actions.stop(call, step.why);
      case 'end':
        call.phase = 'ended';
        return;
      case 'conference':
        return this.conferences.join(call, message.confCall);
      case 'forget':
        return this.table.remove(call, this.deps.clock.now());
      case 'note':
      case 'reset':
        return;
    }
  }

  /** The call for a handle, new (pending) when first seen; undefined when its line is not followed. */
  private callFor(line: string, handle: string): TapiCall | undefined {
    const known = this.table.get(line, handle);
    if (known) return known;
    const deviceId = this.deps.lines.deviceOf(line);
    if (deviceId === undefined || deviceId.length > MAX_DEVICE_ID) {
      if (!this.unmappedLines.has(line)) {
        this.unmappedLines.add(line);
        const why = deviceId === undefined ? 'it has no DEVICEID (add it to `lines`)' : `its DEVICEID '${deviceId}' is longer than ${MAX_DEVICE_ID} characters`;
        this.deps.log.warn(`calls on TAPI line ${line} are not followed: ${why}`);
      }
      return undefined;
    }
    this.unmappedLines.delete(line);
    return this.table.add(new TapiCall(line, handle, deviceId));
  }
}

function describe(step: Step): string {
  return 'why' in step ? `${step.kind} (${step.why})` : step.kind;
}
