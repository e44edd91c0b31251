import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { Logger } from '@callwire/plugin-api';
import { badRequestFor } from './bad-request.js';
import { parseSipMessage } from './parse-sip-message.js';
import { stampError, stampMessage } from './received-request.js';
import type { ReplyChannel } from './reply-channel.js';
import { serializeSipMessage } from './serialize-sip-message.js';
import type { SipHeaders } from './sip-headers.js';
import { SipParseError } from './sip-parse-error.js';
import type { SipTransactionLayer } from './sip-transaction-layer.js';
import { parseVia, responseTarget } from './via.js';

/**
 * SIP over UDP (RFC 3261 §18): one datagram, one message. Requests go to
 * the transaction layer with a reply channel that sends to the top Via
 * (received/rport honoured); a datagram the parser rejects is answered 400
 * when its headers allow a response and dropped otherwise.
 */
export class SipUdpTransport {
  private constructor(
    private readonly socket: Socket,
    private readonly layer: SipTransactionLayer,
    private readonly log: Pick<Logger, 'warn'> | undefined,
  ) {
    socket.on('message', (bytes, from) => this.receive(bytes, from));
    socket.on('error', (error) => log?.warn({ err: error }, 'SIP UDP socket error'));
  }

  /** Binds host:port (port 0: any free port). */
  static async bind(host: string, port: number, layer: SipTransactionLayer, log?: Pick<Logger, 'warn'>): Promise<SipUdpTransport> {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new SipUdpTransport(socket, layer, log);
  }

  address(): { address: string; port: number } {
    const { address, port } = this.socket.address();
    return { address, port };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }

  private receive(bytes: Buffer, from: RemoteInfo): void {
    const source = { address: from.address, port: from.port };
    if (bytes.every((b) => b === 0x0d || b === 0x0a || b === 0x00)) return; // keep-alive
    let message;
    try {
      message = stampMessage(parseSipMessage(bytes), source);
    } catch (error) {
      if (error instanceof SipParseError) return this.reject(stampError(error, source), source);
      this.log?.warn({ err: error, from: `${source.address}:${source.port}` }, 'SIP datagram dropped: unexpected error');
      return;
    }
    if (message.kind === 'request') this.layer.receive(message, this.channel(message.headers, source));
  }

  private reject(error: SipParseError, source: { address: string; port: number }): void {
    const response = badRequestFor(error);
    this.log?.warn({ from: `${source.address}:${source.port}`, answered: Boolean(response) }, `SIP datagram rejected: ${error.message}`);
    if (response) this.channel(response.headers, source).send(serializeSipMessage(response));
  }

  private channel(headers: SipHeaders, source: { address: string; port: number }): ReplyChannel {
    const via = parseVia(headers.list('Via')[0] ?? '');
    const target = via ? responseTarget(via) : source;
    return {
      transport: 'UDP',
      reliable: false,
      remote: source,
      send: (bytes) => this.socket.send(bytes, target.port, target.address),
    };
  }
}
