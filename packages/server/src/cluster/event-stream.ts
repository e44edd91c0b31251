import type { CallcopyEvent } from '@callwire/core';
import { DiscardPolicy, JetStreamApiError, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig, type StreamInfo } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ClusterSubjects } from './subjects.js';

/**
 * One message of the events stream: an event as the engine node's bus
 * published it, with the seq it gave it (the SEQ every node's clients see).
 * Its msgID is `String(seq)`, so a publish retried within the duplicate
 * window is stored once.
 */
export interface StreamedEvent {
  readonly seq: number;
  readonly event: CallcopyEvent;
}

/** An hour of events, at most 100000: enough for a node that restarts or takes over to read where the last engine stopped. */
export const EVENT_STREAM_MAX_AGE_MS = 60 * 60 * 1000;
export const EVENT_STREAM_MAX_MSGS = 100_000;
/** How long JetStream remembers a msgID: longer than any retry of the same event goes on. */
export const EVENT_STREAM_DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/** The events stream's configuration (file storage: a NATS restart loses nothing it acknowledged). */
export function eventStreamConfig(subjects: ClusterSubjects): Partial<StreamConfig> & { readonly name: string } {
  return {
    name: subjects.eventStream,
    subjects: [subjects.events],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(EVENT_STREAM_MAX_AGE_MS),
    max_msgs: EVENT_STREAM_MAX_MSGS,
    duplicate_window: nanos(EVENT_STREAM_DUPLICATE_WINDOW_MS),
  };
}

/** JetStream's error code for a stream that exists with another configuration. */
const STREAM_NAME_IN_USE = 10058;

/**
 * Makes sure the events stream exists with `eventStreamConfig` (the engine
 * node and every follower call it; whoever comes first creates it, and one
 * with an older configuration is updated) and returns its info.
 */
export async function ensureEventStream(jsm: JetStreamManager, subjects: ClusterSubjects): Promise<StreamInfo> {
  const config = eventStreamConfig(subjects);
  try {
    return await jsm.streams.add(config);
  } catch (err) {
    if (!(err instanceof JetStreamApiError) || err.code !== STREAM_NAME_IN_USE) throw err;
    const { name, ...update } = config;
    return jsm.streams.update(name, update);
  }
}

const encoder = new TextEncoder();

export function encodeStreamedEvent(seq: number, event: CallcopyEvent): Uint8Array {
  return encoder.encode(JSON.stringify({ seq, event } satisfies StreamedEvent));
}

/**
 * The event a stream message holds.
 * @throws Error when it is not JSON or not a `{ seq, event }`
 */
export function decodeStreamedEvent(message: { json<T>(): T }): StreamedEvent {
  const value = message.json<Partial<StreamedEvent>>();
  if (typeof value?.seq !== 'number' || !Number.isSafeInteger(value.seq) || typeof value.event !== 'object' || value.event === null) {
    throw new Error('not a { seq, event } message');
  }
  return value as StreamedEvent;
}
