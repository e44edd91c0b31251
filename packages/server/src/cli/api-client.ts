import { connect, type Socket } from 'node:net';
import type { Target } from './api-target.js';
import { CliError } from './cli-errors.js';
import { requestDocument } from './request-document.js';
import { ResultDocument } from './result-document.js';

/** How long to wait for a connection, and for the next byte while replies are owed. */
const CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_REPLY_TIMEOUT_MS = 60_000;

/**
 * A client of the XML API for the CLI. Requests may be pipelined (the
 * server answers in order, so replies are matched to requests by position);
 * CALLCOPYEVENT (and CALLWIREEVENT) documents that arrive after an EVENTS
 * request go to the event listener. Every failure becomes a one-line CliError.
 */
export class ApiClient {
  private buffer = '';
  private readonly waiting: { resolve(reply: ResultDocument): void; reject(err: Error): void }[] = [];
  private eventListener: ((event: ResultDocument) => void) | undefined;
  private nextId = 1;
  private failure: Error | undefined;
  /** Resolves when the connection has closed, with why when it was not by `close()`. */
  readonly closed: Promise<Error | undefined>;
  private closing = false;

  private constructor(
    private readonly socket: Socket,
    readonly target: Target,
    replyTimeoutMs: number,
  ) {
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (text: string) => this.receive(text));
    socket.on('error', (err) => this.fail(describeSocketError(err, target)));
    // Idle while replies are owed means the server is stuck; idle while only listening for events is normal.
    socket.setTimeout(replyTimeoutMs, () => {
      if (this.waiting.length > 0) {
        this.fail(new CliError(`no reply from ${target.host}:${target.port} for ${replyTimeoutMs / 1000} s`));
        socket.destroy();
      }
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        if (!this.closing) this.fail(new CliError(`the server at ${target.host}:${target.port} closed the connection`));
        resolve(this.closing ? undefined : this.failure);
      });
    });
  }

  /** Connects; a refused or unreachable server is a CliError saying where the CLI looked. */
  static connect(target: Target, options: { replyTimeoutMs?: number } = {}): Promise<ApiClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: target.host, port: target.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new CliError(`cannot connect to the Callwire API at ${target.host}:${target.port}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`));
      }, CONNECT_TIMEOUT_MS);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new ApiClient(socket, target, options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(describeSocketError(err, target));
      });
    });
  }

  /** Sends one request; resolves with its reply. May be called again before the reply (pipelining). */
  request(type: string, parameters: readonly (readonly [string, string])[] = []): Promise<ResultDocument> {
    const document = requestDocument(type, this.nextId++, parameters);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.socket.write(document);
    });
  }

  /** Where CALLCOPYEVENT documents go once an EVENTS request has been answered. */
  onEvent(listener: (event: ResultDocument) => void): void {
    this.eventListener = listener;
  }

  /** Closes the connection; requests still owed a reply are rejected. */
  close(): void {
    this.closing = true;
    this.socket.end();
    this.socket.destroySoon();
    this.rejectWaiting(new CliError('the connection was closed before the reply came'));
  }

  private receive(text: string): void {
    this.buffer += text;
    let from = 0;
    for (;;) {
      const end = this.buffer.indexOf('\r\n', from);
      if (end === -1) return;
      const document = this.buffer.slice(0, end);
      // A CRLF inside a value is not the end of the document; lines within a reply end with LF only.
      if (!isComplete(document)) {
        from = end + 2;
        continue;
      }
      this.buffer = this.buffer.slice(end + 2);
      from = 0;
      if (document.trim() !== '') this.dispatch(document);
    }
  }

  private dispatch(xml: string): void {
    let parsed: ResultDocument;
    try {
      parsed = ResultDocument.parse(xml);
    } catch (err) {
      const waiter = this.waiting.shift();
      if (waiter) waiter.reject(err as Error);
      else this.fail(err as Error);
      return;
    }
    // CALLWIREEVENT: a control message of the event contract v2 (HEARTBEAT, SNAPSHOTEND, REPLAYGONE).
    if (parsed.root === 'CALLCOPYEVENT' || parsed.root === 'CALLWIREEVENT') {
      this.eventListener?.(parsed);
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(parsed);
    // A reply nobody asked for is the server refusing the connection (API_TOO_MANY_CLIENTS, API_COMMAND_NOT_ALLOWED).
    else this.fail(new CliError(`the server refused the connection: ${parsed.summary()}`));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.rejectWaiting(this.failure);
  }

  private rejectWaiting(err: Error): void {
    for (const waiter of this.waiting.splice(0)) waiter.reject(err);
  }
}

/** Whether text up to a CRLF is a whole document: it ends with the closing tag of its root. */
function isComplete(text: string): boolean {
  const root = /^\s*<([A-Za-z_][\w.-]*)/.exec(text);
  return root === null || text.trimEnd().endsWith(`</${root[1]}>`);
}

function describeSocketError(err: NodeJS.ErrnoException, target: Target): CliError {
  const where = `${target.host}:${target.port}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return new CliError(`cannot connect to the Callwire API at ${where}: connection refused (is Callwire running? set --host/--port or CALLWIRE_API_PORT)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CliError(`cannot connect to the Callwire API: unknown host '${target.host}'`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new CliError(`the server at ${where} closed the connection`);
    default:
      return new CliError(`cannot talk to the Callwire API at ${where}: ${err.message}`);
  }
}
