import { CallError, type CallData, type CallOutcome, type CallSignals, type Clock, type InputContext } from '@callwire/plugin-api';
import { callDataOf, carriedData, changedNumbers } from './call-data.js';
import type { CallTable } from './call-table.js';
import type { TapiCall } from './tapi-call.js';
import { findTransferSource } from './transfer-source.js';

export interface CallActionsDeps {
  readonly calls: CallSignals;
  readonly table: CallTable;
  readonly clock: Clock;
  readonly log: InputContext['log'];
}

/**
 * Carries the state machine's steps out on the CallService, the one path
 * for call signals, and keeps each TapiCall's phase in step with what the
 * CallService accepted. A refusal never stops the plugin: the most common
 * one, NOT_IN_CALL, means someone ended the call through the API first.
 */
export class CallActions {
  private startOrder = 0;

  constructor(private readonly deps: CallActionsDeps) {}

  /** CALLSTART for the call, or the continuation of a transferred call when LINE_CALLINFO says TRANSFER. */
  async start(call: TapiCall): Promise<void> {
    const source = this.transferSource(call);
    if (source) return this.continueTransfer(source, call);
    const data = this.dataOf(call);
    const outcome = await this.run(call, 'start', () => this.deps.calls.start(call.identity, data));
    if (outcome) this.becameLive(call, outcome, data);
  }

  /** CALLSTOP; the call ends (`ended`) or is folded into a conference another call carries (`merged`). */
  async stop(call: TapiCall, why: string, then: 'ended' | 'merged' = 'ended'): Promise<void> {
    if (call.phase !== 'live') return;
    call.phase = then;
    call.endedAt = this.deps.clock.now();
    this.deps.log.debug(`stop ${call.deviceId} call ${call.handle}: ${why}`);
    await this.run(call, 'stop', () => this.deps.calls.stop(call.identity));
  }

  async hold(call: TapiCall): Promise<void> {
    if (call.phase !== 'live' || call.held) return;
    if (await this.run(call, 'hold', () => this.deps.calls.hold(call.identity))) call.held = true;
  }

  async retrieve(call: TapiCall): Promise<void> {
    if (call.phase !== 'live' || !call.held) return;
    if (await this.run(call, 'retrieve', () => this.deps.calls.retrieve(call.identity))) call.held = false;
  }

  /** CALLUPDATE with the numbers LINE_CALLINFO changed since they were last sent. */
  async updateNumbers(call: TapiCall): Promise<void> {
    if (call.phase !== 'live') return;
    const changed = changedNumbers(this.dataOf(call), call.sent);
    if (!changed) return;
    if (await this.run(call, 'update', () => this.deps.calls.update(call.identity, changed))) call.sent = { ...call.sent, ...changed };
  }

  /**
   * A live call whose LINE_CALLINFO now says TRANSFER (a consultation that
   * became the transferred call): it ends, and the transferred call continues
   * on its CALLINSTANCE. False when no transferred call matches.
   */
  async replaceByTransfer(call: TapiCall): Promise<boolean> {
    const source = this.transferSource(call);
    if (!source) return false;
    await this.stop(call, `replaced by the call transferred from ${source.deviceId}`);
    await this.continueTransfer(source, call);
    return true;
  }

  /** Looks for the transferred call once, when the call first says TRANSFER. */
  private transferSource(call: TapiCall): TapiCall | undefined {
    if (call.transferChecked || call.info.reason !== 'TRANSFER') return undefined;
    call.transferChecked = true;
    return findTransferSource(call, this.deps.table.known(this.deps.clock.now()));
  }

  /**
   * The transferred call goes on at the target with its data (ANI, DNIS,
   * CALLID, USER fields…): through CallService.transfer while it is still
   * live at the source, else — the source went IDLE first, as a blind
   * transfer's source does — as a new call carrying what it had.
   */
  private async continueTransfer(source: TapiCall, target: TapiCall): Promise<void> {
    const own = this.dataOf(target);
    let outcome: CallOutcome | undefined;
    if (source.phase === 'live') {
      outcome = await this.run(target, 'transfer', () => this.deps.calls.transfer(source.identity, target.identity));
      // Either way the source is over: transferred, or already ended through the API.
      source.phase = 'ended';
      source.endedAt = this.deps.clock.now();
    }
    if (!outcome && source.instance) {
      const carried = carriedData(source.instance.fields);
      outcome = await this.run(target, 'start', () => this.deps.calls.start(target.identity, carried));
    }
    if (!outcome) return;
    this.deps.log.debug(`${target.deviceId} call ${target.handle} continues ${source.deviceId} call ${source.handle} (transfer)`);
    // What this line itself said stays the baseline, so only later changes of its numbers update the carried data.
    this.becameLive(target, outcome, own);
  }

  private becameLive(call: TapiCall, instance: CallOutcome, sent: CallData): void {
    call.phase = 'live';
    call.instance = instance;
    call.sent = sent;
    call.held = false;
    call.endedAt = undefined;
    call.startOrder = ++this.startOrder;
  }

  private dataOf(call: TapiCall): CallData {
    const { data, clipped } = callDataOf(call);
    if (clipped.length > 0) this.deps.log.warn(`${call.deviceId} call ${call.handle}: cut to the API's column sizes: ${clipped.join(', ')}`);
    return data;
  }

  /** Runs one CallService signal; a refusal is logged and answered with undefined. */
  private async run<T>(call: TapiCall, what: string, signal: () => Promise<T>): Promise<T | undefined> {
    try {
      return await signal();
    } catch (err) {
      if (err instanceof CallError && err.reason === 'NOT_IN_CALL') {
        this.deps.log.info(`${what} for ${call.deviceId} call ${call.handle}: the call was already ended (through the API?)`);
        if (call.phase === 'live' && what !== 'transfer') call.phase = 'ended';
        return undefined;
      }
      const level = err instanceof CallError ? 'warn' : 'error';
      this.deps.log[level]({ err }, `${what} for ${call.deviceId} call ${call.handle} failed: ${(err as Error).message}`);
      return undefined;
    }
  }
}
