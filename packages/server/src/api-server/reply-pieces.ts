import { buildDocument, buildResult, type ApiReply, type ResultBody, type ResultValue } from '@callwire/core';

/** About how many characters one piece of a large reply holds. */
export const PIECE_CHARS = 64 * 1024;

/** The bytes of one reply on the wire: its RESULT document and CRLF. */
export function render(reply: ApiReply): string {
  return `${crlfSafe(buildResult(reply.requestType, reply.requestId, reply.result))}\r\n`;
}

/**
 * Document text that cannot end a message early: clients read a message up
 * to CRLF, and a value may hold a CR (echoed from a request, a plugin's
 * data), so each CR is written as the character reference `&#13;` — the same
 * character to an XML parser (text is all a CR can be in: tag names never
 * hold one). Documents are laid out with LF only, so most have none.
 */
export function crlfSafe(text: string): string {
  return text.includes('\r') ? text.replace(/\r/g, '&#13;') : text;
}

/** A CRLF-terminated document (an event) made safe the same way, keeping its terminator. */
export function crlfSafeMessage(message: string): string {
  const cr = message.indexOf('\r');
  if (cr === -1 || cr === message.length - 2) return message;
  return `${crlfSafe(message.slice(0, -2))}\r\n`;
}

/**
 * True when `reply` is small enough to be rendered in one go (nearly every
 * reply); otherwise {@link replyPieces} renders it a piece at a time.
 */
export function fitsOnePiece(reply: ApiReply, pieceChars = PIECE_CHARS): boolean {
  const body = reply.result.body;
  return body === undefined || weigh(body, 1, pieceChars) <= pieceChars || !piecewiseWorks() || !keepsPlaces(body);
}

/**
 * Renders `reply` as pieces of about `pieceChars` characters, lazily: each
 * piece is built only when asked for, so a large reply (CALLLIST of a
 * thousand calls, CHANNELS of a big site) is never built whole, and the
 * connection can write one piece, let the event loop serve others, and build
 * the next. Joined, the pieces are exactly `render(reply)`: they are cut out
 * of documents built by core's own buildDocument/buildResult (same layout,
 * same escaping), never written here. A single value too large for a piece
 * (one huge text) is one piece.
 */
export function* replyPieces(reply: ApiReply, pieceChars = PIECE_CHARS): Generator<string, void, undefined> {
  const body = reply.result.body;
  if (body === undefined || !piecewiseWorks() || !keepsPlaces(body)) {
    yield render(reply);
    return;
  }
  yield* buildPieces(reply, body, pieceChars);
}

function* buildPieces(reply: ApiReply, body: ResultBody, pieceChars: number): Generator<string, void, undefined> {
  const head = buildResult(reply.requestType, reply.requestId, { ...reply.result, body: undefined });
  const root = new Wrappers();
  const close = root.suffix([]);
  let out = head.slice(0, head.length - close.length);
  for (const text of fragments(root, [], body, pieceChars)) {
    out += text;
    if (out.length >= pieceChars) {
      yield crlfSafe(out);
      out = '';
    }
  }
  yield `${crlfSafe(out)}${close}\r\n`;
}

/** What buildResult writes before a function's data. */
const HEADER_TAGS = ['REQUESTTYPE', 'REQUESTID', 'RESULTTYPE', 'RESULTCODE', 'RESULTMSG'];
const INTEGER_KEY = /^(?:0|[1-9][0-9]*)$/;

/**
 * False for a body whose keys buildResult would not write after the header
 * in their own order (it merges the body into the header object: a key named
 * like a header field takes that field's place, an integer-like key goes
 * first); such a body is built whole.
 */
function keepsPlaces(body: ResultBody): boolean {
  for (const tag in body) if (INTEGER_KEY.test(tag) || HEADER_TAGS.includes(tag)) return false;
  return true;
}
const ROOT = 'RESULT';
const MARK = 'CALLWIRE_PIECE_MARK';

/**
 * The text buildDocument writes around the children of an element at `path`
 * (tag names from the root down): found once per path by building the path
 * around a marker element and cutting at the marker's line.
 */
class Wrappers {
  private readonly cache = new Map<string, { prefix: string; suffix: string }>();

  prefix(path: readonly string[]): string {
    return this.of(path).prefix;
  }

  suffix(path: readonly string[]): string {
    return this.of(path).suffix;
  }

  /** The children of `content` as written at `path`. */
  fragment(path: readonly string[], content: ResultBody): string {
    const { prefix, suffix } = this.of(path);
    const whole = buildDocument(ROOT, nest(path, content));
    if (!whole.startsWith(prefix) || !whole.endsWith(suffix)) throw new Error('buildDocument changed its layout');
    return whole.slice(prefix.length, whole.length - suffix.length);
  }

  /** The line that opens element `tag` inside `path`. */
  open(path: readonly string[], tag: string): string {
    return this.prefix([...path, tag]).slice(this.prefix(path).length);
  }

  /** The line that closes element `tag` inside `path`. */
  close(path: readonly string[], tag: string): string {
    const inner = this.suffix([...path, tag]);
    return inner.slice(0, inner.length - this.suffix(path).length);
  }

  private of(path: readonly string[]): { prefix: string; suffix: string } {
    const key = path.join('\u0000');
    let found = this.cache.get(key);
    if (!found) {
      const marked = buildDocument(ROOT, nest(path, { [MARK]: '' }));
      const at = marked.indexOf(`<${MARK}>`);
      const lineEnd = marked.indexOf('\n', at);
      if (at === -1 || lineEnd === -1) throw new Error('buildDocument changed its layout');
      found = { prefix: marked.slice(0, marked.lastIndexOf('\n', at) + 1), suffix: marked.slice(lineEnd + 1) };
      this.cache.set(key, found);
    }
    return found;
  }
}

function nest(path: readonly string[], content: ResultBody): ResultBody {
  let body = content;
  for (let i = path.length - 1; i >= 0; i--) body = { [path[i]!]: body };
  return body;
}

/**
 * The children of `body` at `path`, as texts of bounded size: consecutive
 * small entries are built together; a large array is built a run of items
 * at a time; a large nested element is opened, its children built the same
 * way, and closed.
 */
function* fragments(wrappers: Wrappers, path: readonly string[], body: ResultBody, pieceChars: number): Generator<string, void, undefined> {
  let group: ResultBody = Object.create(null) as ResultBody;
  let groupChars = 0;
  const depth = path.length + 1;
  for (const tag in body) {
    const value = body[tag]!;
    const chars = weigh(value, depth, pieceChars, tag);
    if (chars <= pieceChars) {
      if (groupChars + chars > pieceChars && groupChars > 0) {
        yield wrappers.fragment(path, group);
        group = Object.create(null) as ResultBody;
        groupChars = 0;
      }
      group[tag] = value;
      groupChars += chars;
      continue;
    }
    if (groupChars > 0) {
      yield wrappers.fragment(path, group);
      group = Object.create(null) as ResultBody;
      groupChars = 0;
    }
    if (Array.isArray(value)) {
      yield* arrayFragments(wrappers, path, tag, value as readonly (string | number | ResultBody)[], pieceChars);
    } else if (typeof value === 'object') {
      yield* elementFragments(wrappers, path, tag, value as ResultBody, pieceChars);
    } else {
      yield wrappers.fragment(path, { [tag]: value });
    }
  }
  if (groupChars > 0) yield wrappers.fragment(path, group);
}

function* arrayFragments(
  wrappers: Wrappers, path: readonly string[], tag: string, items: readonly (string | number | ResultBody)[], pieceChars: number,
): Generator<string, void, undefined> {
  const depth = path.length + 1;
  let run: (string | number | ResultBody)[] = [];
  let runChars = 0;
  for (const item of items) {
    const chars = weigh(item, depth, pieceChars, tag);
    if (runChars > 0 && runChars + chars > pieceChars) {
      yield wrappers.fragment(path, { [tag]: run });
      run = [];
      runChars = 0;
    }
    if (chars > pieceChars && typeof item === 'object') {
      // one element too large on its own: built from the inside, like a nested element
      yield* elementFragments(wrappers, path, tag, item, pieceChars);
      continue;
    }
    run.push(item);
    runChars += chars;
  }
  if (runChars > 0) yield wrappers.fragment(path, { [tag]: run });
}

function* elementFragments(wrappers: Wrappers, path: readonly string[], tag: string, body: ResultBody, pieceChars: number): Generator<string, void, undefined> {
  yield wrappers.open(path, tag);
  yield* fragments(wrappers, [...path, tag], body, pieceChars);
  yield wrappers.close(path, tag);
}

/**
 * About how many characters `value` takes written at `depth` under `tag`;
 * counting stops a little past `limit` (only whether it fits matters).
 */
function weigh(value: ResultValue, depth: number, limit: number, tag = ''): number {
  const line = depth + 2 * tag.length + 6;
  if (typeof value === 'string') return line + value.length;
  if (typeof value === 'number') return line + 12;
  let chars = 0;
  if (Array.isArray(value)) {
    for (const item of value as readonly (string | number | ResultBody)[]) {
      chars += weigh(item, depth, limit, tag);
      if (chars > limit) return chars;
    }
    return chars;
  }
  chars = 2 * line;
  const body = value as ResultBody;
  for (const child in body) {
    chars += weigh(body[child]!, depth + 1, limit, child);
    if (chars > limit) return chars;
  }
  return chars;
}

let works: boolean | undefined;

/**
 * Whether pieces cut from buildDocument's output still join to exactly what
 * buildResult writes (checked once, on a body with every shape); if core's
 * layout ever changes so that they do not, replies are simply built whole.
 */
function piecewiseWorks(): boolean {
  if (works === undefined) {
    works = false;
    const sample: ApiReply = {
      requestType: 'SAMPLE', requestId: '7',
      result: {
        type: 'API_OK',
        body: {
          COUNT: 3,
          ITEM: [{ A: 1, B: 'x & <y>' }, 'text', 2, { C: { D: ['1', '2'] } }],
          NESTED: { LIST: { ENTRY: [{ E: 'e' }, { E: 'f' }] }, LAST: 'z', '9': 'numeric tag' },
          TAIL: '',
        },
      },
    };
    try {
      const pieces = [...buildPieces(sample, sample.result.body!, 1)];
      works = pieces.length > 1 && pieces.join('') === render(sample);
    } catch {
      works = false;
    }
  }
  return works;
}
