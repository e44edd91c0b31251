import { buildDocument } from '../protocol/build-result.js';

/**
 * The control messages of the event contract v2, sent only to subscriptions
 * that asked for v2 or for a replay (the README, "Events: the contract"):
 * - HEARTBEAT: every `events.heartbeatSeconds`; `seq` is the latest published;
 * - SNAPSHOTEND: after the snapshot events; `seq` is the point they describe
 *   (the latest published when it was taken), from which to resume;
 * - REPLAYGONE: the SINCE asked for is older than the replay buffer holds;
 *   `seq` is the oldest still held (when none is, the next to be published).
 */
export type ControlType = 'HEARTBEAT' | 'SNAPSHOTEND' | 'REPLAYGONE';

export interface ControlMessage {
  readonly control: ControlType;
  readonly seq: number;
  /** ISO 8601 with offset, as events' TIME. */
  readonly time: string;
}

/** The XML form: a CALLWIREEVENT document, CRLF-terminated like CALLCOPYEVENT. */
export function controlXml(message: ControlMessage): string {
  return `${buildDocument('CALLWIREEVENT', { CONTROL: message.control, SEQ: message.seq, TIME: message.time })}\r\n`;
}

/** The JSON form, v1 (`{ CONTROL, SEQ, TIME }`, like v1 events' keys) or v2 (`{ v: 2, control, seq, time }`). */
export function controlJson(message: ControlMessage, version: 1 | 2): string {
  const { control, seq, time } = message;
  return JSON.stringify(version === 2 ? { v: 2, control, seq, time } : { CONTROL: control, SEQ: seq, TIME: time });
}
