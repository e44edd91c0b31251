import type { TestHost } from './test-host.js';

/**
 * The events published so far as `EVENTTYPE DEVICEID CALLINSTANCE`
 * (`CALLSTART 201 c1`; `CALLSTART 201` for the default instance), of the
 * given devices only when any are named: what a test compares with the
 * sequence it expects.
 */
export function eventNames(host: Pick<TestHost, 'events'>, ...deviceIds: string[]): string[] {
  return host.events
    .filter((e) => deviceIds.length === 0 || deviceIds.includes(e.deviceId))
    .map((e) => `${e.type} ${e.deviceId} ${e.data['CALLINSTANCE'] ?? ''}`.trim());
}
