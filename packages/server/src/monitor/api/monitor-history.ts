import type { CallDetail, Storage } from '@callwire/core';
import { countParam } from './json-reply.js';
import { recentRecordings, type RecordingEntry } from './recent-recordings.js';

/** What a reloaded page needs to know of the past: SMDR records, calls lost at a restart, plugins that failed. */
export interface MonitorHistory {
  readonly callDetails: readonly CallDetailEntry[];
  /** Recordings a restart cut off (left open by the previous run, closed as 'interrupted'). */
  readonly lostAtRestart: readonly RecordingEntry[];
  readonly failedPlugins: readonly { readonly id: string; readonly reason: string }[];
}

export interface CallDetailEntry {
  readonly id: number;
  readonly receivedAt: string;
  readonly deviceId: string | null;
  readonly callId: string | null;
  readonly start: string | null;
  readonly durationSeconds: number | null;
  readonly ani: string | null;
  readonly dnis: string | null;
  readonly direction: string | null;
  readonly recordingIdent: number | null;
  readonly raw: string;
}

const DEFAULT_LIMIT = 50;

/** `/monitor/api/history`: the newest `limit` (50) of each. */
export async function monitorHistory(
  storage: Pick<Storage, 'callDetails' | 'recordings' | 'users'>,
  failedPlugins: () => readonly { readonly id: string; readonly reason: string }[],
  url: URL,
): Promise<MonitorHistory> {
  const limit = countParam(url, 'limit', DEFAULT_LIMIT, 500);
  const [details, lost] = await Promise.all([
    storage.callDetails.list({ limit }),
    recentRecordings(storage, new URL(`/?state=interrupted&limit=${limit}`, url)),
  ]);
  return { callDetails: details.map(toEntry), lostAtRestart: lost, failedPlugins: failedPlugins() };
}

function toEntry(detail: CallDetail): CallDetailEntry {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: detail.id, receivedAt: iso(detail.received_at)!, deviceId: detail.device_id, callId: detail.call_id, start: iso(detail.start_time),
    durationSeconds: detail.duration, ani: detail.ani, dnis: detail.dnis, direction: detail.direction, recordingIdent: detail.recording_ident, raw: detail.raw,
  };
}
