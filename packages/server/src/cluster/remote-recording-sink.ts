import type { RecordingSink, RecordingStopped } from '@callwire/plugin-api';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { rpc, serveRpc } from './rpc.js';
import type { ClusterSubjects } from './subjects.js';

interface RecordingEnded {
  readonly key: string;
  readonly stopped: RecordingStopped;
  readonly reason: string;
}

const RETRY_MS = 500;

/**
 * A core process's RecordingSink: a recording a core ended by itself
 * (silence, time limit, media loss) is told to the engine node, again and
 * again until it answers — across an engine change or a NATS outage — so
 * the engine never keeps a recording open that its core has finished.
 */
export class RemoteRecordingSink implements RecordingSink {
  private readonly pending: RecordingEnded[] = [];
  private sending: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: { subjects: ClusterSubjects; log: Logger; requestTimeoutMs: number },
  ) {}

  recordingEnded(key: string, stopped: RecordingStopped, reason: string): void {
    this.pending.push({ key, stopped, reason });
    this.sending ??= this.send().finally(() => (this.sending = undefined));
  }

  /** Gives what is still pending one last try, then stops trying. */
  async close(): Promise<void> {
    this.closed = true;
    await this.sending;
    if (this.pending.length > 0) this.options.log.warn({ pending: this.pending.map((e) => e.key) }, `${this.pending.length} recording end(s) could not be told to the engine node`);
  }

  private async send(): Promise<void> {
    const { subjects, log, requestTimeoutMs } = this.options;
    let failing = false;
    while (this.pending.length > 0) {
      try {
        await rpc(this.nc, subjects.recordingEnded, this.pending[0], requestTimeoutMs);
        this.pending.shift();
        failing = false;
      } catch (err) {
        if (!failing) log.warn({ err, key: this.pending[0]!.key }, `the engine node did not take a recording's end: ${(err as Error).message}; trying again`);
        failing = true;
        if (this.closed) return;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
}

/** On the engine node: takes the recording ends core processes send. */
export function serveRecordingEnded(nc: NatsConnection, sink: RecordingSink, options: { subjects: ClusterSubjects; log: Logger }): Subscription {
  return serveRpc<RecordingEnded, null>(nc, options.subjects.recordingEnded, ({ key, stopped, reason }) => {
    if (typeof key !== 'string' || typeof stopped?.fileName !== 'string') throw new Error('a recording end names its key and file');
    sink.recordingEnded(key, stopped, String(reason));
    return null;
  }, { queue: 'engine', log: options.log });
}
