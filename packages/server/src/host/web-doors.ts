import type { Container } from 'inversify';
import {
  AgentWindows,
  ApiAuthenticator,
  EventBus,
  ExportAccess,
  RecordingExporter,
  systemClock,
  TOKENS,
  type ApiDispatcher,
  type CallSnapshotSource,
  type Storage,
} from '@callwire/core';
import type { Logger } from 'pino';
import type { CallwireConfig } from '../config/index.js';
import { attachEventStream, type EventStreamEndpoint } from '../events/attach-event-stream.js';
import { attachMonitor } from '../monitor/attach-monitor.js';
import { agentWindowRoute } from '../web/agent-window-route.js';
import { authenticateRequest, isAuthFailure } from '../web/basic-auth.js';
import { exportRoute } from '../web/export-route.js';
import { WebServer } from '../web/web-server.js';
import { webApiRoute } from '../web/webapi-route.js';

/**
 * The web port's doors, built from the container: the guard when
 * `auth.required`, the WebAPI (with exports), `/agentwindow`, the WebSocket
 * `/events` and the live monitor. Not yet listening.
 */
export function buildWebDoors(
  config: CallwireConfig,
  container: Container,
  dispatcher: ApiDispatcher,
  log: Logger,
): { web: WebServer; events: EventStreamEndpoint } {
  const { server } = config;
  const web = new WebServer({ host: server.host, port: server.web.port, tls: server.tls }, log.child({ component: 'web' }));
  const authenticator = config.auth.required ? new ApiAuthenticator(container.get<Storage>(TOKENS.Storage), systemClock) : undefined;
  if (authenticator) {
    web.requireAuthentication(async (request) => {
      const outcome = await authenticateRequest(request, authenticator);
      return isAuthFailure(outcome) ? outcome : undefined;
    });
  }
  let httpSessions = 0;
  const exports = exportRoute({ exporter: container.get(RecordingExporter), access: container.get(ExportAccess), log: log.child({ component: 'export' }) });
  const webApi = webApiRoute(dispatcher, () => ++httpSessions, { exports, authenticator });
  web.route('/webAPI.aspx', webApi);
  web.route('/webAPI.php', webApi);
  web.route('/agentwindow', agentWindowRoute(container.get(AgentWindows)));
  const events = attachEventStream({
    web,
    bus: container.get(EventBus),
    snapshot: container.get<CallSnapshotSource>(TOKENS.CallSnapshotSource),
    log: log.child({ component: 'events' }),
  });
  attachMonitor(web);
  return { web, events };
}
