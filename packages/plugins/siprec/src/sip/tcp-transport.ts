import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '@callwire/plugin-api';
import { badRequestFor, bareBadRequest } from './bad-request.js';
import { parseSipMessage } from './parse-sip-message.js';
import type { ReplyChannel } from './reply-channel.js';
import { serializeSipMessage } from './serialize-sip-message.js';
import { SipParseError } from './sip-parse-error.js';
import type { SipTransactionLayer } from './sip-transaction-layer.js';
import { DEFAULT_MAX_MESSAGE_BYTES, StreamFramer } from './stream-framer.js';

/**
 * SIP over TCP (RFC 3261 §18): each connection is framed by Content-Length
 * and its requests answered on the same connection. A message that is
 * framed but cannot be parsed is answered 400 and the connection goes on;
 * bytes that cannot be framed get a 400 and the connection is closed; other
 * connections are not affected.
 */
export class SipTcpTransport {
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly layer: SipTransactionLayer,
    private readonly log: Pick<Logger, 'warn'> | undefined,
    private readonly maxMessageBytes: number,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Listens on host:port (port 0: any free port). */
  static async listen(host: string, port: number, layer: SipTransactionLayer, log?: Pick<Logger, 'warn'>, maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES): Promise<SipTcpTransport> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new SipTcpTransport(server, layer, log, maxMessageBytes);
  }

  address(): { address: string; port: number } {
    const bound = this.server.address();
    if (!bound || typeof bound === 'string') throw new Error('SIP TCP listener is not bound');
    return { address: bound.address, port: bound.port };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const framer = new StreamFramer(this.maxMessageBytes);
    const remote = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    const channel: ReplyChannel = {
      transport: 'TCP',
      reliable: true,
      remote,
      send: (bytes) => {
        if (!socket.destroyed && socket.writable) socket.write(bytes);
      },
    };
    socket.on('data', (chunk) => {
      let frames: Buffer[];
      try {
        frames = framer.push(chunk);
      } catch (error) {
        // The stream cannot be framed any more: nothing after this point can be trusted.
        if (error instanceof SipParseError) return this.reject(socket, channel, error);
        throw error;
      }
      for (const frame of frames) {
        let message;
        try {
          message = parseSipMessage(frame);
        } catch (error) {
          if (!(error instanceof SipParseError)) {
            this.log?.warn({ err: error, from: `${remote.address}:${remote.port}` }, 'SIP TCP connection closed: unexpected error');
            return void socket.destroy();
          }
          // One bad message, framed by its Content-Length: answered 400, the connection goes on.
          this.refuse(channel, error);
          continue;
        }
        this.layer.receive(message, channel);
      }
    });
    socket.on('error', (error) => this.log?.warn({ err: error, from: `${remote.address}:${remote.port}` }, 'SIP TCP connection error'));
    socket.on('close', () => this.sockets.delete(socket));
  }

  private refuse(channel: ReplyChannel, error: SipParseError): void {
    const response = badRequestFor(error);
    this.log?.warn({ from: `${channel.remote.address}:${channel.remote.port}`, answered: Boolean(response) }, `SIP message rejected: ${error.message}`);
    if (response) channel.send(serializeSipMessage(response));
  }

  private reject(socket: Socket, channel: ReplyChannel, error: SipParseError): void {
    this.log?.warn({ from: `${channel.remote.address}:${channel.remote.port}` }, `SIP TCP stream rejected, connection closed: ${error.message}`);
    const response = badRequestFor(error);
    socket.end(response ? serializeSipMessage(response) : bareBadRequest(error));
    socket.removeAllListeners('data');
  }
}
