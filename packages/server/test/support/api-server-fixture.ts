import 'reflect-metadata';
import { Container, ContainerModule } from 'inversify';
import { ApiCommand, ApiDispatcher, commandsModule, systemClock, TOKENS } from '@callwire/core';
import { pino } from 'pino';
import { ApiServer, type ApiServerOptions } from '../../src/api-server/api-server.js';

/** A real ApiServer on 127.0.0.1, port 0, with the real command registry. */
export async function startApiServer(
  options: Partial<ApiServerOptions> = {},
  extraCommands: ApiCommand[] = [],
): Promise<{ server: ApiServer; port: number }> {
  const container = new Container();
  container.load(
    new ContainerModule(({ bind }) => {
      bind(TOKENS.Logger).toConstantValue(pino({ level: 'silent' }));
      bind(TOKENS.Clock).toConstantValue(systemClock);
      for (const command of extraCommands) bind<ApiCommand>(ApiCommand).toConstantValue(command);
    }),
    commandsModule,
  );
  const server = new ApiServer(
    { host: '127.0.0.1', port: 0, maxClients: 1000, maxMessageBytes: 65536, idleTimeoutSeconds: 600, ...options },
    container.get(ApiDispatcher),
    pino({ level: 'silent' }),
  );
  const address = await server.listen();
  return { server, port: address.port };
}
