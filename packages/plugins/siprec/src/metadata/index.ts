/** SIPREC metadata in every dialect, read into one RecordingSession (see read-recording-session.ts). */
export { readRecordingSession, type RecordingSessionInput } from './read-recording-session.js';
export type { MediaLine } from './link-streams.js';
export { MetadataError } from './metadata-error.js';
export { decodeAvayaUcid } from './avaya-ucid.js';
export type { SipHeaders as MetadataHeaders } from './sip-headers.js';
export * from './recording-session.js';
