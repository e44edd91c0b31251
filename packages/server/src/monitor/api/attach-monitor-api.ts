import type { Clock, CoreRegistry, Storage } from '@callwire/core';
import type { HealthReport } from '../../host/host-health.js';
import type { WebServer } from '../../web/web-server.js';
import { activityCounts } from './activity-counts.js';
import { agentNames } from './agent-names.js';
import { healthDetail } from './health-detail.js';
import { jsonRoute } from './json-reply.js';
import { monitorHistory } from './monitor-history.js';
import { recentRecordings } from './recent-recordings.js';

export interface MonitorApiDeps {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly cores: Pick<CoreRegistry, 'all'>;
  readonly health: () => Promise<HealthReport>;
  readonly plugins: () => { running: readonly string[]; failed: readonly { readonly id: string; readonly reason: string }[] };
  readonly recordingsPath: string;
  readonly minFreeMb: number;
}

/**
 * The monitor's JSON, under `/monitor/api/`, with the monitor page's auth
 * (not open: with `auth.required` the WebServer's guard asks for Basic
 * credentials, which the browser already sends for the page).
 */
export function attachMonitorApi(web: WebServer, deps: MonitorApiDeps): void {
  const { storage } = deps;
  web.route('/monitor/api/agents', jsonRoute(() => agentNames(storage)));
  web.route('/monitor/api/recordings', jsonRoute((url) => recentRecordings(storage, url)));
  web.route('/monitor/api/activity', jsonRoute(() => activityCounts(storage, deps.clock)));
  web.route('/monitor/api/health', jsonRoute(() => healthDetail(deps)));
  web.route('/monitor/api/history', jsonRoute((url) => monitorHistory(storage, () => deps.plugins().failed, url)));
}
