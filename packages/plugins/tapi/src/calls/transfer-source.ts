import type { TapiCall } from './tapi-call.js';

/**
 * The call a transferred call continues. TAPI correlates calls across
 * stations by CallID and RelatedCallID (hCall is a per-application handle
 * and says nothing across lines), and marks the arrival with reason
 * TRANSFER. The arriving call names the transferred call's CallID, or the
 * consultation's; a consultation leads to the call it consulted for (the one
 * on its own device that its RelatedCallID names), since that is the call
 * whose data must follow. Only calls that were Callwire calls count; live
 * ones before ended ones, then the most recently ended.
 */
export function findTransferSource(arriving: TapiCall, known: readonly TapiCall[]): TapiCall | undefined {
  if (arriving.info.reason !== 'TRANSFER') return undefined;
  const ids = new Set([arriving.info.callId, arriving.info.relatedCallId].filter((id): id is string => id !== undefined && id !== '0'));
  if (ids.size === 0) return undefined;
  const wasCall = (call: TapiCall) => call !== arriving && call.instance !== undefined && call.deviceId !== arriving.deviceId;
  const primaryOf = (call: TapiCall) => {
    const related = call.info.relatedCallId;
    if (related === undefined || related === call.info.callId) return call;
    return known.find((other) => other !== call && wasCall(other) && other.deviceId === call.deviceId && other.info.callId === related) ?? call;
  };
  const sources = known
    .filter((call) => wasCall(call) && call.info.callId !== undefined && ids.has(call.info.callId))
    .map(primaryOf)
    .sort(liveThenRecent);
  return sources[0];
}

function liveThenRecent(a: TapiCall, b: TapiCall): number {
  const live = Number(b.phase === 'live') - Number(a.phase === 'live');
  return live !== 0 ? live : (b.endedAt ?? 0) - (a.endedAt ?? 0);
}
