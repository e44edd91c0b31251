/**
 * The NATS names a cluster uses, in one place: every node and every core
 * process of a deployment agree on them. `prefix` (default `callwire`) lets
 * several deployments share one NATS.
 */
export interface ClusterSubjects {
  /** API requests an API node forwards to the engine node (request/reply, one responder). */
  readonly api: string;
  /** The engine's calls in progress, for EVENTS SNAPSHOT on another node (request/reply). */
  readonly snapshot: string;
  /** Call signals a core process's plugins send the engine (request/reply). */
  readonly signals: string;
  /** A core's announcement: COREIDENT, channels, devices; sent at start, on change and as a heartbeat. */
  readonly coreAnnounce: string;
  /** The engine node asks every core to announce itself now (a new engine node, or NATS back). */
  readonly coreHello: string;
  /** A recording a core ended by itself (silence, time limit, media loss), for the engine. */
  readonly recordingEnded: string;
  /** The recorder-core contract of one core (request/reply): `<prefix>.core.<ident>.<method>`. */
  core(coreIdent: number, method: string): string;
  /** Events as the engine node published them, in order (a JetStream stream). */
  readonly events: string;
  /** The JetStream stream holding `events`. */
  readonly eventStream: string;
  /** The KV bucket of leases. */
  readonly leaseBucket: string;
}

export function clusterSubjects(prefix = 'callwire'): ClusterSubjects {
  return {
    api: `${prefix}.api`,
    signals: `${prefix}.signals`,
    snapshot: `${prefix}.snapshot`,
    coreAnnounce: `${prefix}.cores.announce`,
    coreHello: `${prefix}.cores.hello`,
    recordingEnded: `${prefix}.cores.ended`,
    core: (coreIdent, method) => `${prefix}.core.${coreIdent}.${method}`,
    events: `${prefix}.events`,
    eventStream: `${prefix.toUpperCase()}_EVENTS`,
    leaseBucket: `${prefix}_leases`,
  };
}
