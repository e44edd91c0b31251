import { recordingColumns } from '../calls/stored-recording.js';
import type { NewRecording, RecordingUpdate } from '../storage/index.js';
import type { ChatSession } from './chat-session.js';

/** EVENTDATA of a chat session's recording events. */
export function chatEventData(session: ChatSession): Record<string, string> {
  const { fields: f, screen } = session;
  const data: Record<string, string> = {
    DEVICEID: session.deviceId, FILENAME: screen.fileName, CHANNEL: '', ERRORREASON: 'NONE', GLOBALCALLID: session.sessionId,
    DEVICEALIAS: f.deviceAlias, GATE: f.gate, ANI: f.ani, DNIS: f.dnis, AGENTID: String(session.agentId), GROUP: f.group,
    CALLINSTANCE: session.sessionId, KEEPDAYS: '-1', ARCHIVEACTION: '-1', RECORDID: screen.ident === undefined ? '' : String(screen.ident),
    COREIDENT: screen.coreIdent === undefined ? '' : String(screen.coreIdent),
  };
  f.users.forEach((value, i) => (data[`USER${i + 1}`] = value));
  return data;
}

/** A chat session's Recording row: type `chat`, screen only, `columns` (what CHATSTART sent) and the agent's names. */
export function chatRow(session: ChatSession, columns: RecordingUpdate = {}): NewRecording {
  const { fields: f, screen } = session;
  return {
    device_id: session.deviceId, agent_id: session.agentId, globalid: session.sessionId, recording_type: 'chat', screen_capture: 1,
    core_ident: screen.coreIdent ?? null, filename: screen.fileName || null, media_type: screen.mediaType, start_time: session.startedAt, blackouts: screen.blackouts,
    ...columns,
    ...recordingColumns({ sysUser: f.sysUser, crmUser: f.crmUser, deviceAlias: f.deviceAlias }),
  };
}
