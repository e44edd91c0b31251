import type { Clock, Storage } from '@callwire/core';

/** Calls and recordings started in each minute of the last hour, oldest first, every minute present (zeros too). */
export interface ActivityCounts {
  /** The first minute's start (ISO 8601, UTC). */
  readonly from: string;
  readonly minutes: readonly { readonly minute: string; readonly calls: number; readonly recordings: number }[];
}

const MINUTE = 60_000;
const MINUTES = 60;

/**
 * `/monitor/api/activity`: counted from the Recording table, so the charts
 * survive a reload and a restart. The current minute is the last one.
 */
export async function activityCounts(storage: Pick<Storage, 'recordings'>, clock: Clock): Promise<ActivityCounts> {
  const end = (Math.floor(clock.now() / MINUTE) + 1) * MINUTE;
  const from = end - MINUTES * MINUTE;
  const counted = new Map((await storage.recordings.countsPerMinute(from, end)).map((row) => [row.minute, row]));
  const minutes = Array.from({ length: MINUTES }, (_, i) => {
    const at = from + i * MINUTE;
    const row = counted.get(at);
    return { minute: new Date(at).toISOString(), calls: row?.calls ?? 0, recordings: row?.recordings ?? 0 };
  });
  return { from: new Date(from).toISOString(), minutes };
}
