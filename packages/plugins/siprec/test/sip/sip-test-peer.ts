import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { parseSipMessage, type SipRequest, type SipResponse, StreamFramer } from '../../src/sip/index.js';

/** Hands out what arrives in order; `next()` waits for the next one (no sleeping). */
class Inbox<T> {
  private readonly items: T[] = [];
  private readonly waiters: ((item: T) => void)[] = [];

  put(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  next(): Promise<T> {
    const item = this.items.shift();
    return item !== undefined ? Promise.resolve(item) : new Promise((resolve) => this.waiters.push(resolve));
  }

  get queued(): number {
    return this.items.length;
  }
}

/** A SIP client over UDP on 127.0.0.1 for tests: sends text, receives parsed responses. */
export class UdpPeer {
  private readonly inbox = new Inbox<SipResponse>();
  private readonly requests = new Inbox<SipRequest>();

  private constructor(private readonly socket: UdpSocket) {
    socket.on('message', (bytes) => {
      const message = parseSipMessage(bytes);
      if (message.kind === 'response') this.inbox.put(message);
      else this.requests.put(message);
    });
  }

  /** The next request the server sent this peer (a BYE of its own). */
  nextRequest(): Promise<SipRequest> {
    return this.requests.next();
  }

  static async open(): Promise<UdpPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new UdpPeer(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(text: string | Buffer, port: number): void {
    this.socket.send(typeof text === 'string' ? Buffer.from(text) : text, port, '127.0.0.1');
  }

  next(): Promise<SipResponse> {
    return this.inbox.next();
  }

  get queued(): number {
    return this.inbox.queued;
  }

  close(): void {
    this.socket.close();
  }
}

/** A SIP client over TCP for tests: responses framed by Content-Length; `closed` settles when the server closes. */
export class TcpPeer {
  private readonly inbox = new Inbox<SipResponse | 'closed'>();
  private readonly framer = new StreamFramer();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      for (const frame of this.framer.push(chunk)) {
        const message = parseSipMessage(frame);
        if (message.kind === 'response') this.inbox.put(message);
      }
    });
    socket.on('close', () => this.inbox.put('closed'));
  }

  static async open(port: number): Promise<TcpPeer> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new TcpPeer(socket);
  }

  get port(): number {
    return this.socket.localPort ?? 0;
  }

  send(text: string | Buffer): void {
    this.socket.write(text);
  }

  next(): Promise<SipResponse | 'closed'> {
    return this.inbox.next();
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface RequestFields {
  method: string;
  port: number;
  callId: string;
  branch: string;
  cseq?: number;
  transport?: 'UDP' | 'TCP';
  toTag?: string;
  cseqMethod?: string;
  body?: string;
  extra?: string[];
}

/** A request as a SIP client would write it, Via with rport. */
export function request(fields: RequestFields): string {
  const body = fields.body ?? '';
  const lines = [
    `${fields.method} sip:srs@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/${fields.transport ?? 'UDP'} 127.0.0.1:${fields.port};branch=${fields.branch};rport`,
    'Max-Forwards: 70',
    'From: <sip:src@127.0.0.1>;tag=src-tag-1',
    `To: <sip:srs@127.0.0.1>${fields.toTag ? `;tag=${fields.toTag}` : ''}`,
    `Call-ID: ${fields.callId}`,
    `CSeq: ${fields.cseq ?? 1} ${fields.cseqMethod ?? fields.method}`,
    ...(fields.extra ?? []),
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
