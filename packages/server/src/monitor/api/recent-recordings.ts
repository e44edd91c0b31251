import type { RecordingFilter, RecordingWithAgent, Storage } from '@callwire/core';
import { displayName } from './agent-names.js';
import { countParam, MonitorQueryError, textParam, timeParam } from './json-reply.js';

/** One recording as the recordings panel lists it; times are ISO 8601 (UTC), blackouts ms from the start. */
export interface RecordingEntry {
  readonly ident: number;
  readonly deviceId: string;
  readonly deviceAlias: string | null;
  readonly ani: string | null;
  readonly dnis: string | null;
  readonly callId: string | null;
  readonly direction: string | null;
  readonly agentId: number | null;
  readonly agentName: string | null;
  readonly gate: string | null;
  readonly group: string | null;
  readonly users: Readonly<Record<string, string>>;
  readonly coreIdent: number | null;
  readonly channel: number | null;
  readonly fileName: string | null;
  readonly state: string;
  readonly start: string;
  readonly stop: string | null;
  readonly durationSeconds: number | null;
  readonly blackouts: readonly { readonly fromMs: number; readonly toMs: number | null }[];
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/**
 * `/monitor/api/recordings`: the newest recordings, narrowed by `device`,
 * `ani`, `dnis`, `callid` (exact), `agent` (part of a user's name or
 * username, or a user id), `from` and `to` (recording time), `state`
 * (open, complete, interrupted), at most `limit`.
 */
export async function recentRecordings(storage: Pick<Storage, 'recordings' | 'users'>, url: URL): Promise<RecordingEntry[]> {
  const filter: RecordingFilter = {
    deviceId: textParam(url, 'device'),
    ani: textParam(url, 'ani'),
    dnis: textParam(url, 'dnis'),
    callId: textParam(url, 'callid'),
    from: timeParam(url, 'from'),
    to: timeParam(url, 'to'),
    state: stateParam(url),
    limit: countParam(url, 'limit', DEFAULT_LIMIT, MAX_LIMIT),
  };
  const agent = textParam(url, 'agent');
  if (agent !== undefined) filter.agentIds = await agentIdsMatching(storage, agent);
  const defined = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as RecordingFilter;
  return (await storage.recordings.listWithAgents(defined)).map(toEntry);
}

const STATES = ['open', 'complete', 'interrupted'] as const;

function stateParam(url: URL): RecordingFilter['state'] {
  const state = textParam(url, 'state');
  if (state === undefined) return undefined;
  if (!(STATES as readonly string[]).includes(state)) throw new MonitorQueryError(`state: '${state}' is not one of ${STATES.join(', ')}`);
  return state as RecordingFilter['state'];
}

/** The users whose id is `text`, or whose name or username contains it (any case). */
async function agentIdsMatching(storage: Pick<Storage, 'users'>, text: string): Promise<number[]> {
  const wanted = text.toLowerCase();
  const users = await storage.users.list({ includeDeleted: true });
  return users
    .filter((user) => String(user.user_id) === text || `${displayName(user)} ${user.username ?? ''}`.toLowerCase().includes(wanted))
    .map((user) => user.user_id);
}

function toEntry(row: RecordingWithAgent): RecordingEntry {
  const users: Record<string, string> = {};
  for (let i = 1; i <= 15; i++) {
    const value = row[`user${i}` as keyof RecordingWithAgent];
    if (typeof value === 'string' && value !== '') users[`user${i}`] = value;
  }
  const agentName = row.agent_first_name === null ? null : `${row.agent_first_name} ${row.agent_last_name ?? ''}`.trim();
  return {
    ident: row.ident, deviceId: row.device_id, deviceAlias: row.device_alias, ani: row.ani, dnis: row.dnis,
    callId: row.callid, direction: row.calldirection, agentId: row.agent_id, agentName,
    gate: row.gate, group: row.sgroup, users, coreIdent: row.core_ident, channel: row.channel, fileName: row.filename,
    state: row.state, start: new Date(row.start_time).toISOString(), stop: row.stop_time === null ? null : new Date(row.stop_time).toISOString(),
    durationSeconds: row.duration,
    blackouts: row.blackouts.map((b) => ({ fromMs: Math.max(0, b.start - row.start_time), toMs: b.stop === null ? null : Math.max(0, b.stop - row.start_time) })),
  };
}
