import { callKey, type Conference, TapiCall } from './tapi-call.js';

/** Ended calls kept for transfer correlation, at most. */
const MAX_RECENT = 1000;

/**
 * The calls of every line: by handle while the handle exists, conferences by
 * their handle, and the calls that ended within the transfer window (a
 * blind transfer's target may answer after the source went IDLE).
 */
export class CallTable {
  private readonly calls = new Map<string, TapiCall>();
  private readonly conferences = new Map<string, Conference>();
  private recent: TapiCall[] = [];

  constructor(private readonly windowMs: number) {}

  get(line: string, handle: string): TapiCall | undefined {
    return this.calls.get(callKey(line, handle));
  }

  add(call: TapiCall): TapiCall {
    this.calls.set(call.key, call);
    return call;
  }

  /** The handle is gone; a call that was a Callwire call stays known for the transfer window. */
  remove(call: TapiCall, now: number): void {
    if (this.calls.get(call.key) === call) this.calls.delete(call.key);
    if (call.instance === undefined) return;
    call.endedAt ??= now;
    this.recent = [...this.recent.filter((c) => now - (c.endedAt ?? now) <= this.windowMs), call].slice(-MAX_RECENT);
  }

  /** Calls with a handle, then recently ended ones. */
  known(now: number): TapiCall[] {
    const current = [...this.calls.values()];
    const recent = this.recent.filter((c) => now - (c.endedAt ?? now) <= this.windowMs && !current.includes(c));
    return [...current, ...recent];
  }

  /** Every call that has a handle. */
  current(): TapiCall[] {
    return [...this.calls.values()];
  }

  conference(line: string, handle: string): Conference | undefined {
    return this.conferences.get(callKey(line, handle));
  }

  addConference(line: string, handle: string): Conference {
    const conference: Conference = { line, handle, carrier: undefined, seen: false, ended: false };
    this.conferences.set(callKey(line, handle), conference);
    return conference;
  }

  removeConference(conference: Conference): void {
    this.conferences.delete(callKey(conference.line, conference.handle));
  }

  allConferences(): Conference[] {
    return [...this.conferences.values()];
  }
}
