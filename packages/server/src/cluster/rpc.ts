import { RequestError, TimeoutError, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';

/** A reply on the cluster's request/reply subjects. */
export type RpcReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly detail?: unknown };

/** Why a request got no answer: nobody serves the subject, or nobody answered in time (the work may have been done). */
export class RpcUnanswered extends Error {
  constructor(
    readonly why: 'no-responders' | 'timeout' | 'disconnected',
    message: string,
  ) {
    super(message);
    this.name = 'RpcUnanswered';
  }
}

/** A request refused by the side that serves it, with what it said. */
export class RpcRefused extends Error {
  constructor(
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'RpcRefused';
  }
}

const encoder = new TextEncoder();

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/**
 * Sends `payload` (JSON) to whoever serves `subject` and resolves with its value.
 * @throws RpcUnanswered when nobody serves it or answers within `timeoutMs`; RpcRefused when it answered ok:false
 */
export async function rpc<T>(nc: NatsConnection, subject: string, payload: unknown, timeoutMs: number): Promise<T> {
  let msg: Msg;
  try {
    msg = await nc.request(subject, encodeJson(payload), { timeout: timeoutMs });
  } catch (err) {
    throw unanswered(err, subject, timeoutMs);
  }
  const reply = msg.json<RpcReply<T>>();
  if (!reply.ok) throw new RpcRefused(reply.error, reply.detail);
  return reply.value;
}

function unanswered(err: unknown, subject: string, timeoutMs: number): Error {
  if (err instanceof RequestError && err.isNoResponders()) return new RpcUnanswered('no-responders', `nobody serves ${subject}`);
  if (err instanceof TimeoutError || (err instanceof RequestError && err.cause instanceof TimeoutError)) {
    return new RpcUnanswered('timeout', `no answer on ${subject} within ${timeoutMs} ms`);
  }
  return new RpcUnanswered('disconnected', `${subject}: ${(err as Error).message}`);
}

/**
 * Serves `subject`: each request's JSON goes to `handle`; its value is the
 * reply, a throw is `{ ok: false, error }` (with `detail` when the error has
 * one). A payload that is not JSON is refused the same way; nothing a
 * requester sends ends the subscription.
 */
export function serveRpc<P, T>(
  nc: NatsConnection,
  subject: string,
  handle: (payload: P) => T | Promise<T>,
  options: { readonly queue?: string; readonly log: Logger; readonly detail?: (err: unknown) => unknown },
): Subscription {
  return nc.subscribe(subject, {
    queue: options.queue,
    callback: (err, msg) => {
      if (err) {
        options.log.warn({ err }, `serving ${subject} stopped: ${err.message}`);
        return;
      }
      void answer(msg, handle, options.detail);
    },
  });
}

async function answer<P, T>(msg: Msg, handle: (payload: P) => T | Promise<T>, detail?: (err: unknown) => unknown): Promise<void> {
  let reply: RpcReply<T>;
  try {
    reply = { ok: true, value: await handle(msg.json<P>()) };
  } catch (err) {
    const message = err instanceof SyntaxError ? `the request is not JSON: ${err.message}` : (err as Error).message ?? String(err);
    reply = { ok: false, error: message, detail: detail?.(err) };
  }
  if (msg.reply) msg.respond(encodeJson(reply));
}
