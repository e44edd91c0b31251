import type { EventType } from './callcopy-event.js';

const users = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `USER${from + i}`);

/**
 * EVENTDATA fields of each event, in the order the manual's examples print
 * them. A field a producer did not set is sent empty, so a client that parses
 * by position or by name both find what the real product sends. Fields the
 * manual's shorter examples leave out (CALLINSTANCE and FILENAME on
 * RECORDINGSTOPPED, CALLINSTANCE on RECORDINGUPDATE), and Callwire's
 * MEDIATARGET (host:port to send the call's RTP to) on RECORDINGSTARTED, are added at the end,
 * where they disturb no positional parser. So are STOPTIME (the manual's
 * time format) and DURATION (whole seconds) on the stop events, CALLSTOP and
 * RECORDINGSTOPPED (event contract v2).
 */
export const EVENT_LAYOUTS: Readonly<Record<EventType, readonly string[]>> = {
  CALLSTART: [
    'GLOBALCALLID', 'DEVICEID', 'DEVICEALIAS', 'SYS_USER', 'CRM_USER', 'GATE', 'ANI', 'DNIS', 'AGENTID',
    ...users(1, 15), 'GROUP', 'CALLINSTANCE', 'CALLDIRECTION', 'STATION', 'ISTRUNK', 'KEEPDAYS', 'ARCHIVEACTION',
    'STARTTIME', 'COREIDENT',
  ],
  CALLSTOP: [
    'DEVICEALIAS', 'SYS_USER', 'CRM_USER', 'GATE', 'ANI', 'DNIS', 'AGENTID', ...users(1, 10), 'CALLINSTANCE',
    ...users(11, 15), 'GROUP', 'KEEPDAYS', 'ARCHIVEACTION', 'GLOBALCALLID', 'DEVICEID', 'COREIDENT', 'STOPTIME', 'DURATION',
  ],
  RECORDINGSTARTED: [
    'DEVICEID', 'FILENAME', 'CHANNEL', 'ERRORREASON', 'GLOBALCALLID', 'DEVICEALIAS', 'GATE', 'ANI', 'DNIS', 'AGENTID',
    ...users(1, 13), 'CALLINSTANCE', 'USER14', 'USER15', 'GROUP', 'KEEPDAYS', 'ARCHIVEACTION', 'COREIDENT', 'MEDIATARGET',
  ],
  RECORDINGSTOPPED: [
    'GLOBALCALLID', 'DEVICEID', 'DEVICEALIAS', 'GATE', 'ANI', 'DNIS', 'AGENTID', ...users(1, 5), 'KEEPDAYS', 'RECORDID',
    'COREIDENT', 'CALLINSTANCE', 'FILENAME', 'STOPTIME', 'DURATION',
  ],
  RECORDINGUPDATE: ['GLOBALCALLID', 'DEVICEID', 'KEEPDAYS', 'FILENAME', 'RECORDID', 'COREIDENT', 'CALLINSTANCE'],
  RECORDINGPAUSED: [
    'DEVICEID', 'FILENAME', 'CHANNEL', 'ERRORREASON', 'GLOBALCALLID', 'DEVICEALIAS', 'GATE', 'ANI', 'DNIS', 'AGENTID',
    ...users(1, 13), 'CALLINSTANCE', 'USER14', 'USER15', 'GROUP', 'KEEPDAYS', 'ARCHIVEACTION', 'COREIDENT',
  ],
  RECORDINGRESUMED: [
    'DEVICEID', 'FILENAME', 'CHANNEL', 'ERRORREASON', 'GLOBALCALLID', 'DEVICEALIAS', 'GATE', 'ANI', 'DNIS', 'AGENTID',
    ...users(1, 13), 'CALLINSTANCE', 'USER14', 'USER15', 'GROUP', 'KEEPDAYS', 'ARCHIVEACTION', 'COREIDENT',
  ],
};
