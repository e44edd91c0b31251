import { createServer, type Server } from 'node:net';
import type { CallwireConfig } from '../config/index.js';

/** One port the server will listen on, named as the config and the environment name it. */
interface ListeningPort {
  readonly key: string;
  readonly variable: string | undefined;
  readonly port: number;
}

function listeningPorts(server: CallwireConfig['server']): ListeningPort[] {
  const ports: ListeningPort[] = [
    { key: 'server.api.port', variable: 'CALLWIRE_API_PORT', port: server.api.port },
    { key: 'server.web.port', variable: 'CALLWIRE_WEB_PORT', port: server.web.port },
  ];
  if (server.tls) ports.push({ key: 'server.tls.port', variable: undefined, port: server.tls.port });
  return ports.filter((p) => p.port !== 0); // 0: the system picks a free one
}

/**
 * Binds each port the server will listen on (all held at once, so two keys naming one port are found
 * too), then releases them: one line per port that cannot be bound, naming its key and the
 * environment variable that overrides it, e.g. `server.api.port (CALLWIRE_API_PORT) 5620 is in use
 * on 127.0.0.1: stop what holds it or choose another port`.
 */
export async function listeningPortProblems(server: CallwireConfig['server']): Promise<string[]> {
  const held: Server[] = [];
  const problems: string[] = [];
  try {
    for (const entry of listeningPorts(server)) {
      const result = await bind(entry.port, server.host);
      if (result instanceof Error) problems.push(portProblem(entry, server.host, result));
      else held.push(result);
    }
  } finally {
    await Promise.all(held.map((s) => new Promise((resolve) => s.close(resolve))));
  }
  return problems;
}

/**
 * A listen error of the starting server (a port taken between the check and the start) as the check
 * words it, naming the key; undefined for any other error.
 */
export function listenProblem(err: unknown, server: CallwireConfig['server']): string | undefined {
  const { code, port, syscall } = err as NodeJS.ErrnoException & { port?: number };
  if (syscall !== 'listen' || code === undefined) return undefined;
  const entry = listeningPorts(server).find((p) => p.port === port);
  return entry === undefined ? undefined : portProblem(entry, server.host, err as NodeJS.ErrnoException);
}

function bind(port: number, host: string): Promise<Server | Error> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err) => resolve(err));
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}

function portProblem({ key, variable, port }: ListeningPort, host: string, err: NodeJS.ErrnoException): string {
  const name = variable === undefined ? key : `${key} (${variable})`;
  switch (err.code) {
    case 'EADDRINUSE':
      return `${name} ${port} is in use on ${host}: stop what holds it or choose another port`;
    case 'EACCES':
      return `${name} ${port} needs privileges to bind on ${host}: choose a port above 1023`;
    case 'EADDRNOTAVAIL':
      return `server.host '${host}' is not an address of this machine, so ${key} ${port} cannot be bound: use one of its addresses, or 0.0.0.0`;
    default:
      return `${name} ${port} cannot be bound on ${host}: ${err.message}`;
  }
}
