import type { CallcopyEvent, EventType } from '@callwire/core';

/**
 * An event as the core would publish it. `seq` goes into GLOBALCALLID so a
 * test can tell events apart and check their order; `padding` fills USER9 to
 * make the document larger (slow-subscriber tests).
 */
export function callcopyEvent(type: EventType, deviceId: string, seq: number, padding = 0): CallcopyEvent {
  const data: Record<string, string> = { DEVICEID: deviceId, GLOBALCALLID: String(seq), AGENTID: '16', KEEPDAYS: '30', COREIDENT: '1' };
  if (padding > 0) data['USER9'] = 'x'.repeat(padding);
  if (type === 'CALLSTART') Object.assign(data, { CALLDIRECTION: 'I', ARCHIVEACTION: '-1', STARTTIME: '1/31/2011 2:39:49 PM' });
  return { type, module: 'Api', deviceId, data, at: Date.now() };
}

/** An EVENTS request. */
export function eventsRequest(params: string, requestId = 1): string {
  return `<REQUEST><REQUESTID>${requestId}</REQUESTID><TYPE>EVENTS</TYPE>${params}</REQUEST>\r\n`;
}
