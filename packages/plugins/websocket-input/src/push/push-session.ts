import { resultCodeOf, type ApiResult, type CallSignals, type InputContext as PluginContext } from '@callwire/plugin-api';
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

/**
 * One adapter's connection. Every text frame is one event and gets one
 * reply, in order (events of one call must be applied in the order sent).
 * A message that cannot be read is answered with an error; it never closes
 * the connection.
 */
export class PushSession {
  private work: Promise<void> = Promise.resolve();

  /** Serves pushed events on a connection until it closes. */
  static attach(socket: WebSocket, calls: CallSignals, log: PluginContext['log']): PushSession {
    return new PushSession(socket, calls, log);
  }

  private constructor(
    private readonly socket: WebSocket,
    private readonly calls: CallSignals,
    private readonly log: PluginContext['log'],
  ) {
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? undefined : String(data);
      this.work = this.work.then(() => this.answer(text)).catch((err: unknown) => this.log.error({ err }, 'could not answer a pushed event'));
    });
  }

  private async answer(text: string | undefined): Promise<void> {
    const reply = text === undefined
      ? toReply(null, { type: 'API_INVALID_MESSAGE_FORMAT', message: 'binary frames are not read; send each event as a JSON text frame' })
      : await this.handle(text);
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(reply));
  }

  private async handle(text: string): Promise<PushReply> {
    const message = readPushMessage(text);
    if (!message.ok) return toReply(message.id, message.result);
    try {
      return toReply(message.id, await handlePush(this.calls, message.event, message.request));
    } catch (err) {
      this.log.error({ err }, `${message.event} failed`);
      return toReply(message.id, { type: 'API_ERROR_PROCESSING_MESSAGE', message: `${message.event} failed on the server; the server log has the details` });
    }
  }
}

function toReply(id: unknown, result: ApiResult): PushReply {
  return { id, resultCode: resultCodeOf(result.type), resultType: result.type, resultMessage: result.message ?? result.type };
}
