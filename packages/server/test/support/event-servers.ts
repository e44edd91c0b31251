import 'reflect-metadata';
import { Container, ContainerModule } from 'inversify';
import {
  ApiCommand, ApiDispatcher, commandsModule, EventBus, EventsCommand, systemClock, TOKENS,
  type CallcopyEvent, type CallSnapshotSource, type EventBusOptions,
} from '@callwire/core';
import { pino } from 'pino';
import { ApiServer, type ApiServerOptions } from '../../src/api-server/api-server.js';
import { attachEventStream, type EventStreamEndpoint, type EventStreamEndpointOptions } from '../../src/events/attach-event-stream.js';
import { WebServer } from '../../src/web/web-server.js';

/** The calls in progress, as the test sets them. */
export class FixedSnapshotSource implements CallSnapshotSource {
  events: CallcopyEvent[] = [];
  snapshot(): CallcopyEvent[] {
    return [...this.events];
  }
}

/** One JSON log line the servers wrote. */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

/** The real event transports around one real EventBus, on 127.0.0.1 with port 0. */
export interface EventServers {
  readonly bus: EventBus;
  readonly calls: FixedSnapshotSource;
  readonly dispatcher: ApiDispatcher;
  readonly api: ApiServer;
  readonly apiPort: number;
  readonly web: WebServer;
  readonly webPort: number;
  readonly endpoint: EventStreamEndpoint;
  /** Lines logged at info and above, in order. */
  readonly logs: LogLine[];
  close(): Promise<void>;
}

/**
 * Builds the container the way the host does (real command registry with
 * EVENTS, a real EventBus, the fixed call snapshot), then starts the XML API
 * server and the web server with the WebSocket `/events` attached.
 */
export async function startEventServers(
  options: {
    api?: Partial<ApiServerOptions>;
    ws?: Partial<Omit<EventStreamEndpointOptions, 'web' | 'bus' | 'snapshot' | 'log'>>;
    /** Functions added the way plugins add them, given the bus. */
    extraCommands?: (bus: EventBus) => ApiCommand[];
    /** The bus's replay buffer and heartbeat (config `events`); default the config's defaults. */
    bus?: EventBusOptions;
  } = {},
): Promise<EventServers> {
  const logs: LogLine[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const bus = new EventBus(options.bus);
  const calls = new FixedSnapshotSource();
  const container = new Container();
  container.load(
    new ContainerModule(({ bind }) => {
      bind(TOKENS.Logger).toConstantValue(log);
      bind(TOKENS.Clock).toConstantValue(systemClock);
      bind(TOKENS.EventBus).toConstantValue(bus);
      bind(TOKENS.CallSnapshotSource).toConstantValue(calls);
      bind<ApiCommand>(ApiCommand).to(EventsCommand).inSingletonScope();
      for (const command of options.extraCommands?.(bus) ?? []) bind<ApiCommand>(ApiCommand).toConstantValue(command);
    }),
    commandsModule,
  );
  const dispatcher = container.get(ApiDispatcher);
  const api = new ApiServer(
    { host: '127.0.0.1', port: 0, maxClients: 100, maxMessageBytes: 65536, idleTimeoutSeconds: 600, ...options.api },
    dispatcher,
    log,
    bus,
  );
  const apiPort = (await api.listen()).port;
  const web = new WebServer({ host: '127.0.0.1', port: 0 }, log);
  const endpoint = attachEventStream({ web, bus, snapshot: calls, log, ...options.ws });
  const webPort = (await web.listen()).web.port;
  return {
    bus, calls, dispatcher, api, apiPort, web, webPort, endpoint, logs,
    async close() {
      await endpoint.close();
      await web.close();
      await api.close();
    },
  };
}

/** Polls `condition` until it holds (rejects after `timeoutMs`, naming `what`). */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
