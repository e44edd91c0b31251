import type { Container } from 'inversify';
import {
  AdministrationPolicy,
  AgentWindows,
  ApiAuthenticator,
  CoreRegistry,
  EventBus,
  PasswordHasher,
  TOKENS,
  type ApiDispatcher,
  type Clock,
  type CallSnapshotSource,
  type Storage,
} from '@callwire/core';
import type { Logger } from 'pino';
import { AddressAllowList } from '../api-server/address-allow-list.js';
import { attachAudioStream, type AudioStreamEndpoint } from '../audio/attach-audio-stream.js';
import type { CallwireConfig } from '../config/index.js';
import { attachEventStream, type EventStreamEndpoint } from '../events/attach-event-stream.js';
import { attachMonitor } from '../monitor/attach-monitor.js';
import { agentWindowRoute } from '../web/agent-window-route.js';
import { authenticateRequest, isAuthFailure } from '../web/basic-auth.js';
import { attachListings } from '../web/listing-routes.js';
import { WebServer } from '../web/web-server.js';
import { webApiRoute } from '../web/webapi-route.js';

/**
 * The web port's doors, built from the container: the guard when
 * `auth.required`, the WebAPI (its export functions answering with files), `/agentwindow`, the audit and
 * call-detail listings (`/api/audit`, `/api/call-details`), the WebSockets
 * `/events` and `/audio` (a live recording's audio), and the live monitor. Not yet listening.
 */
export function buildWebDoors(
  config: CallwireConfig,
  container: Container,
  dispatcher: ApiDispatcher,
  log: Logger,
): { web: WebServer; events: EventStreamEndpoint; audio: AudioStreamEndpoint } {
  const { server } = config;
  const web = new WebServer({ host: server.host, port: server.web.port, tls: server.tls }, log.child({ component: 'web' }));
  const authenticator = config.auth.required
    ? new ApiAuthenticator(container.get<Storage>(TOKENS.Storage), container.get<Clock>(TOKENS.Clock), { hasher: container.get(PasswordHasher) })
    : undefined;
  if (authenticator) {
    web.requireAuthentication(async (request) => {
      const outcome = await authenticateRequest(request, authenticator);
      return isAuthFailure(outcome) ? outcome : undefined;
    });
  }
  let httpSessions = 0;
  const webApi = webApiRoute(dispatcher, () => ++httpSessions, { log: log.child({ component: 'export' }), authenticator });
  web.route('/webAPI.aspx', webApi);
  web.route('/webAPI.php', webApi);
  web.route('/agentwindow', agentWindowRoute(container.get(AgentWindows)));
  attachListings(web, container.get<Storage>(TOKENS.Storage));
  const events = attachEventStream({
    web,
    bus: container.get(EventBus),
    snapshot: container.get<CallSnapshotSource>(TOKENS.CallSnapshotSource),
    log: log.child({ component: 'events' }),
    origins: server.web.origins ?? [],
  });
  const audio = attachAudioStream({
    web,
    cores: container.get(CoreRegistry),
    log: log.child({ component: 'audio' }),
    origins: server.web.origins ?? [],
  });
  attachMonitor(web);
  return { web, events, audio };
}

/** This machine: who may administer over TCP when `server.api.adminAllow` is absent. */
export const DEFAULT_ADMIN_ALLOW: readonly string[] = ['127.0.0.1', '::1'];

/**
 * Who may call the functions that change users, roles and permissions
 * (AdministrationPolicy): with `auth.required`, TCP clients from
 * `server.api.adminAllow` and WebAPI users whose role has the function's
 * permission. Done here with the authenticator, as the WebAPI side depends on
 * it; the dispatcher refuses administration until it is done.
 */
export function configureAdministration(config: CallwireConfig, container: Container): void {
  const allowList = new AddressAllowList(config.server.api.adminAllow ?? DEFAULT_ADMIN_ALLOW);
  container.get(AdministrationPolicy).configure({ authRequired: config.auth.required, addressAllowed: (address) => allowList.allows(address) });
}
