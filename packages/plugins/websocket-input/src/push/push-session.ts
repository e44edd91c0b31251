import { resultCodeOf, type ApiResult, type CallSignals, type InputContext as PluginContext } from '@callwire/plugin-api';
import { SignalQueue } from '@callwire/plugin-kit';
import type { WebSocket } from 'ws';
import { handlePush } from './push-handler.js';
import { readPushMessage } from './push-message.js';

/** The reply to every pushed message. */
export interface PushReply {
  /** The message's `id` as sent (any JSON value), null when it sent none or could not be read. */
  readonly id: unknown;
  readonly resultCode: number;
  readonly resultType: string;
  readonly resultMessage: string;
}

/** Events of one connection that may wait at once; one more is answered API_COMMAND_QUEUE_FULL (47). */
const WAITING_LIMIT = 1000;

/**
 * One adapter's connection. Every text frame is one event and gets one
 * reply, in order (events of one call must be applied in the order sent: a
 * SignalQueue). A message that cannot be read is answered with an error; it
 * never closes the connection. An adapter that sends faster than the calls
 * can be carried out is answered API_COMMAND_QUEUE_FULL for what does not
 * fit in the queue (that reply overtakes the replies still waiting).
 */
export class PushSession {
  private readonly queue: SignalQueue;

  /** Serves pushed events on a connection until it closes. */
  static attach(socket: WebSocket, calls: CallSignals, log: PluginContext['log']): PushSession {
    return new PushSession(socket, calls, log);
  }

  private constructor(
    private readonly socket: WebSocket,
    private readonly calls: CallSignals,
    private readonly log: PluginContext['log'],
  ) {
    this.queue = new SignalQueue({ log, limit: WAITING_LIMIT });
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? undefined : String(data);
      if (!this.queue.push('a pushed event', () => this.answer(text))) this.reply(queueFull(text));
    });
  }

  private async answer(text: string | undefined): Promise<void> {
    const reply = text === undefined
      ? toReply(null, { type: 'API_INVALID_MESSAGE_FORMAT', message: 'binary frames are not read; send each event as a JSON text frame' })
      : await this.handle(text);
    this.reply(reply);
  }

  private reply(reply: PushReply): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(reply));
  }

  private async handle(text: string): Promise<PushReply> {
    const message = readPushMessage(text);
    if (!message.ok) return toReply(message.id, message.result);
    try {
      return toReply(message.id, await handlePush(this.calls, message.event, message.parameters));
    } catch (err) {
      this.log.error({ err }, `${message.event} failed`);
      return toReply(message.id, { type: 'API_ERROR_PROCESSING_MESSAGE', message: `${message.event} failed on the server; the server log has the details` });
    }
  }
}

function toReply(id: unknown, result: ApiResult): PushReply {
  return { id, resultCode: resultCodeOf(result.type), resultType: result.type, resultMessage: result.message ?? result.type };
}

/** The reply to an event that found the queue full (with its id, when it can be read). */
function queueFull(text: string | undefined): PushReply {
  let id: unknown = null;
  try {
    id = (JSON.parse(text ?? 'null') as { id?: unknown } | null)?.id ?? null;
  } catch {
    // not JSON: it has no id to answer with
  }
  return toReply(id, { type: 'API_COMMAND_QUEUE_FULL', message: `${WAITING_LIMIT} events are waiting on this connection; send this one again later` });
}
