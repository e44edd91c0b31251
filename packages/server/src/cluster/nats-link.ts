import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { CallwireConfig } from '../config/index.js';

export type ClusterConfig = NonNullable<CallwireConfig['cluster']>;

/**
 * This process's connection to the cluster's NATS. It reconnects for ever
 * (a NATS restart is an outage to ride out, not a reason to stop) and logs
 * each disconnect and reconnect once.
 * @throws Error naming the servers when none can be reached at start
 */
export async function connectNats(cluster: ClusterConfig, log: Logger): Promise<NatsConnection> {
  const { servers, user, pass, token } = cluster.nats;
  let connection: NatsConnection;
  try {
    connection = await connect({
      servers, user, pass, token,
      name: `callwire-${cluster.node}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      pingInterval: 2000,
      maxPingOut: 3,
    });
  } catch (err) {
    throw new Error(`cluster.nats: cannot connect to ${servers.join(', ')}: ${(err as Error).message}`);
  }
  void watchStatus(connection, log);
  log.info({ nats: connection.getServer(), node: cluster.node }, `joined the cluster as ${cluster.node} on NATS ${connection.getServer()}`);
  return connection;
}

async function watchStatus(connection: NatsConnection, log: Logger): Promise<void> {
  for await (const status of connection.status()) {
    if (status.type === 'disconnect') log.warn({ nats: status.server }, `lost NATS ${status.server}; reconnecting`);
    else if (status.type === 'reconnect') log.info({ nats: status.server }, `reconnected to NATS ${status.server}`);
  }
}
