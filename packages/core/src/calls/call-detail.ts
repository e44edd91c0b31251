// Call detail records are part of the plugin contract (@callwire/plugin-api).
export type { CallDetailOutcome, CallDetailRecord } from '@callwire/plugin-api';

/** How far apart a PBX clock and ours may be when matching a record to a recording. */
export const CALL_DETAIL_TOLERANCE_MS = 5000;
