import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import bencode from 'bencode';

/** A value of an ng dictionary: bencode has byte strings (read back as text here), integers, lists and dictionaries. */
export type NgValue = string | number | readonly NgValue[] | NgDict;
export interface NgDict {
  readonly [key: string]: NgValue;
}

/** What rtpengine said when `result` was `error` (its `error-reason`), or that it never answered. */
export class NgError extends Error {
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(`rtpengine ${command}: ${message}`);
    this.name = 'NgError';
  }
}

export interface NgClientOptions {
  /** How long one attempt waits for the reply; default 1000 ms. */
  readonly timeoutMs?: number;
  /** How many times a request is sent again (same cookie, so rtpengine answers from its cache) before giving up; default 2. */
  readonly retries?: number;
}

/** The participants of an offer/answer leg, as SIP names them. */
export interface NgLeg {
  readonly callId: string;
  readonly fromTag: string;
}

/** The reply to `subscribe request`: the sendonly offer SDP towards the subscriber, and the tags rtpengine used. */
export interface SubscribeOffer {
  readonly sdp: string;
  /** The subscription's own tag: `subscribe answer` and `unsubscribe` name it. */
  readonly toTag: string;
  /** The participants subscribed to, in the order of their media sections. */
  readonly fromTags: readonly string[];
  readonly reply: NgDict;
}

/**
 * rtpengine's ng control protocol over UDP: each datagram is a cookie, a
 * space and a bencoded dictionary; the reply carries the same cookie. A lost
 * datagram is sent again with the same cookie, which rtpengine recognises as
 * a retransmission and answers from its cache instead of acting twice.
 */
export class NgClient {
  private readonly pending = new Map<string, (reply: NgDict) => void>();
  private readonly cookiePrefix = randomBytes(4).toString('hex');
  private sequence = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly target: { host: string; port: number },
    private readonly options: NgClientOptions,
  ) {
    socket.on('message', (datagram) => this.receive(datagram));
  }

  static async open(target: { host: string; port: number }, options: NgClientOptions = {}): Promise<NgClient> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new NgClient(socket, target, options);
  }

  /** Sends `dict` (with its `command`), resolves with the reply dictionary; rejects with NgError on `result: error` or silence. */
  async request(dict: NgDict & { command: string }, options: NgClientOptions = this.options): Promise<NgDict> {
    const cookie = `${this.cookiePrefix}_${++this.sequence}`;
    const datagram = Buffer.concat([Buffer.from(`${cookie} `), bencode.encode(dict)]);
    const timeoutMs = options.timeoutMs ?? 1000;
    const attempts = 1 + (options.retries ?? 2);
    const replied = new Promise<NgDict>((resolve) => this.pending.set(cookie, resolve));
    try {
      for (let attempt = 0; attempt < attempts; attempt++) {
        await this.send(datagram);
        const reply = await within(replied, timeoutMs);
        if (reply !== undefined) return checkResult(dict.command, reply);
      }
      throw new NgError(dict.command, `no reply from ${this.target.host}:${this.target.port} after ${attempts} attempts of ${timeoutMs} ms`);
    } finally {
      this.pending.delete(cookie);
    }
  }

  async ping(options?: NgClientOptions): Promise<void> {
    const reply = await this.request({ command: 'ping' }, options);
    if (reply['result'] !== 'pong') throw new NgError('ping', `answered ${JSON.stringify(reply)} instead of pong`);
  }

  /** The caller's offer: returns rtpengine's rewritten SDP (its own ports) for the callee. */
  async offer(leg: NgLeg, sdp: string, extra: NgDict = {}): Promise<string> {
    const reply = await this.request({ command: 'offer', 'call-id': leg.callId, 'from-tag': leg.fromTag, sdp, ...extra });
    return text(reply, 'sdp', 'offer');
  }

  /** The callee's answer (its tag is the `to-tag`): returns rtpengine's rewritten SDP for the caller. */
  async answer(leg: NgLeg & { toTag: string }, sdp: string, extra: NgDict = {}): Promise<string> {
    const reply = await this.request({ command: 'answer', 'call-id': leg.callId, 'from-tag': leg.fromTag, 'to-tag': leg.toTag, sdp, ...extra });
    return text(reply, 'sdp', 'answer');
  }

  /** Ends the whole call (with only `call-id`), or one participant's part with `from-tag`. */
  async delete(callId: string, extra: NgDict = {}): Promise<NgDict> {
    return this.request({ command: 'delete', 'call-id': callId, ...extra });
  }

  /**
   * Asks for a copy of the media of existing participants: `fromTags` names
   * them, or omitted, the flag `all` selects every participant of the offer/answer.
   * `flags` (for instance `SIPREC`) and further keys shape the offer SDP.
   */
  async subscribeRequest(callId: string, select: { fromTags?: readonly string[]; flags?: readonly string[]; extra?: NgDict } = {}): Promise<SubscribeOffer> {
    // rtpengine 10.5 takes `all` only as a flag (as a dictionary key it is "unknown" and nothing matches).
    const flags = [...(select.fromTags ? [] : ['all']), ...(select.flags ?? [])];
    const dict: NgDict & { command: string } = {
      command: 'subscribe request',
      'call-id': callId,
      ...(select.fromTags ? { 'from-tags': select.fromTags } : {}),
      ...(flags.length ? { flags } : {}),
      ...select.extra,
    };
    const reply = await this.request(dict);
    const fromTags = reply['from-tags'];
    return {
      sdp: text(reply, 'sdp', dict.command),
      toTag: text(reply, 'to-tag', dict.command),
      fromTags: Array.isArray(fromTags) ? fromTags.map(String) : [],
      reply,
    };
  }

  /** The subscriber's answer SDP (recvonly, its ports) for the subscription `toTag`; from then on rtpengine sends it the media. */
  async subscribeAnswer(callId: string, toTag: string, sdp: string, extra: NgDict = {}): Promise<NgDict> {
    return this.request({ command: 'subscribe answer', 'call-id': callId, 'to-tag': toTag, sdp, ...extra });
  }

  /** Ends the subscription `toTag`. */
  async unsubscribe(callId: string, toTag: string): Promise<NgDict> {
    return this.request({ command: 'unsubscribe', 'call-id': callId, 'to-tag': toTag });
  }

  close(): void {
    this.socket.close();
  }

  private send(datagram: Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.send(datagram, this.target.port, this.target.host, (err) => (err ? reject(err) : resolve())));
  }

  /** A reply: its cookie up to the first space picks the waiting request; anything unmatched (a late duplicate) is dropped. */
  private receive(datagram: Buffer): void {
    const space = datagram.indexOf(0x20);
    if (space < 0) return;
    const resolve = this.pending.get(datagram.subarray(0, space).toString('latin1'));
    if (!resolve) return;
    let reply: unknown;
    try {
      reply = toText(bencode.decode(datagram.subarray(space + 1)));
    } catch (err) {
      reply = { result: 'error', 'error-reason': `undecodable reply (${(err as Error).message})` };
    }
    resolve(isDict(reply) ? reply : { result: 'error', 'error-reason': 'the reply is not a dictionary' });
  }
}

function checkResult(command: string, reply: NgDict): NgDict {
  if (reply['result'] === 'error') throw new NgError(command, String(reply['error-reason'] ?? 'error without a reason'));
  return reply;
}

function text(reply: NgDict, key: string, command: string): string {
  const value = reply[key];
  if (typeof value !== 'string') throw new NgError(command, `the reply has no "${key}": ${JSON.stringify(reply)}`);
  return value;
}

/** bencode's byte strings (Uint8Array) as UTF-8 text, all the way down. */
function toText(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(toText);
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toText(v)]));
  return value;
}

function isDict(value: unknown): value is NgDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** `promise`'s value, or undefined once `ms` have passed first (the timer is cleared either way). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
