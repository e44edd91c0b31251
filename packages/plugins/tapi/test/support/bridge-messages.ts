import type { StateChange } from './tapi-sequences.js';

/** A LINE_CALLSTATE as a bridge sends it. */
export function callState(line: string, call: string, change: StateChange | string, extra: Record<string, unknown> = {}): object {
  const { state, mode } = typeof change === 'string' ? { state: change, mode: undefined } : change;
  return { type: 'LINE_CALLSTATE', line, call, state, ...(mode === undefined ? {} : { mode }), ...extra };
}

/** A LINE_CALLINFO as a bridge sends it. */
export function callInfo(line: string, call: string, info: Record<string, unknown>): object {
  return { type: 'LINE_CALLINFO', line, call, ...info };
}
