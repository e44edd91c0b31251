/**
 * The terminology table of the manual's FETCHTERMINOLOGY example: the labels a
 * fresh system uses for its fields. Sites rename them (config `terminology`).
 */
export const DEFAULT_TERMINOLOGY: Readonly<Record<string, string>> = {
  agent: 'Agent',
  ani: 'CallerID ANI',
  callcopygroup: 'CallCopy group',
  devicealias: 'Agent Number',
  deviceid: 'Voice Port',
  dnis: 'Number Called DNIS',
  gate: 'ACD Gate',
  group: 'Group',
  user1: 'Account Number',
  user2: 'CSN',
};
