import type { CallData, CallFields } from '@callwire/plugin-api';
import { fitCallData } from '@callwire/plugin-kit';
import type { TapiCall } from './tapi-call.js';

/** The direction LINECALLINFO's origin implies: OUTBOUND is ours; INBOUND, INTERNAL and EXTERNAL came to us. */
function directionOfOrigin(origin: string | undefined): 'I' | 'O' | undefined {
  if (origin === 'OUTBOUND') return 'O';
  if (origin === 'INBOUND' || origin === 'INTERNAL' || origin === 'EXTERNAL') return 'I';
  return undefined;
}

/**
 * The call data of a TAPI call, in the API's terms: ANI is the caller id,
 * DNIS the called id (for an outbound call that has none, the connected id),
 * CALLID the TAPI CallID. A PBX may send numbers longer than the manual
 * allows; they are cut to fit (fitCallData, reported in `clipped`), because
 * the alternative — the host refusing the call, so nothing is recorded — loses more.
 */
export function callDataOf(call: TapiCall): { data: CallData; clipped: string[] } {
  const { info } = call;
  const direction = call.direction ?? directionOfOrigin(info.origin) ?? '?';
  const dnis = info.calledId ?? (direction === 'O' ? info.connectedId : undefined);
  return fitCallData({ ani: info.callerId, dnis, callId: info.callId, direction });
}

/** The numbers that differ from what was last sent (what a CALLUPDATE should carry), or undefined. */
export function changedNumbers(now: CallData, sent: CallData): CallData | undefined {
  const changed: CallData = {};
  let any = false;
  for (const key of ['ani', 'dnis', 'callId'] as const) {
    if (now[key] !== undefined && now[key] !== sent[key]) {
      changed[key] = now[key];
      any = true;
    }
  }
  return any ? changed : undefined;
}

/** What a transfer carries from the call it continues (as CallService.transfer does for a live call). */
export function carriedData(fields: CallFields): CallData {
  return {
    group: fields.group, gate: fields.gate, ani: fields.ani, dnis: fields.dnis,
    callId: fields.callId, direction: fields.direction, users: fields.users,
  };
}
