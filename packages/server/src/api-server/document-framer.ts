/**
 * Splits a TCP byte stream into complete XML documents.
 *
 * A request may span lines, arrive a byte at a time, or come several to a
 * packet; the manual's CRLF is not a reliable end (documents contain line
 * breaks), so the framer tracks elements instead: a document ends when its
 * root element closes. It scans bytes (UTF-8 continuation bytes never look like
 * markup), so a character split across packets is never cut.
 *
 * What comes out, in stream order:
 * - `{ document }` — one complete document, to be parsed;
 * - `{ error }` — something that is not a document (text outside any element,
 *   a stray end tag, a document cut short) or a document over the limits.
 *
 * Memory stays bounded whatever a client sends. Every byte of a document
 * counts against `maxBytes` as it arrives, so what the framer holds for it —
 * the bytes kept, the tag name being read, the open-element stack — is each
 * never more than `maxBytes`, and the stack is never deeper than `maxDepth`. A
 * document that crosses a limit is answered once, at that moment; the rest of
 * it is skipped without being kept (tag names are read only as far as needed
 * to recognise the root's end tag, elements opened meanwhile are only
 * counted), and framing resumes after it:
 * - at its root's end tag, or when a start tag named like its root begins the
 *   next document (the document was cut short);
 * - when even the root's name was over the limit, at the end of a line (as
 *   for a document made broken by a stray end tag).
 *
 * A `<` inside a tag (`<REQUEST><TY<REQUEST>…`) is never XML: the document in
 * progress was cut short, and a new one begins at that `<`.
 */
export type Frame = { readonly document: string } | { readonly error: string };

const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, BANG = 0x21, QUESTION = 0x3f, LF = 0x0a, DASH = 0x2d, RBRACKET = 0x5d;
const DQUOTE = 0x22, SQUOTE = 0x27;

/**
 * Elements nested deeper than this make a document refused (no request nests
 * more than three; the XML parser behind the framer refuses a hundred).
 */
export const DEFAULT_MAX_DEPTH = 128;

const enum Mode {
  /** Between documents: whitespace is skipped, `<` starts a document. */
  Outside,
  /** Text outside any element: skipped up to the end of the line, then reported. */
  Garbage,
  /** Character data inside the document. */
  Text,
  /** Just after `<`. */
  TagOpen,
  /** Reading a start tag's name. */
  StartName,
  /** Inside a start tag after its name (attributes). */
  StartRest,
  /** Reading an end tag's name. */
  EndName,
  /** Inside `<?…?>`, `<!-- … -->`, `<![CDATA[ … ]]>` or `<!DOCTYPE …>`: until `terminator`. */
  Special,
}

const GARBAGE = 'text outside of any element; expected an XML document such as <REQUEST>…</REQUEST>';

export class DocumentFramer {
  private mode = Mode.Outside;
  /**
   * Bytes kept of the current document when it spans chunks (none while
   * skipping): one buffer, grown by doubling up to maxBytes, so a document
   * that arrives a byte per packet costs no more than one that arrives whole.
   */
  private kept: Buffer | undefined;
  private keptLength = 0;
  /** Bytes of the current document (or prolog item) seen so far, kept or not. */
  private docBytes = 0;
  /** The current document has been answered already (over a limit): nothing is kept until it ends. */
  private skipping = false;
  private readonly stack: string[] = [];
  /** While skipping: elements opened since, counted, not named. */
  private skipDepth = 0;
  /** While skipping: the root's own name was over the limit, so the document ends at the end of a line. */
  private rootUnknown = false;
  /**
   * The tag name just read (latin1: names are compared, never decoded). It is
   * made once, when the name ends: sliced from the chunk, or from `nameBytes`
   * when it spanned chunks (built a byte at a time, a string would be a rope
   * many times its size).
   */
  private name = '';
  /** Where, in the chunk being scanned, the name being read (or its part in this chunk) begins. */
  private nameFrom = 0;
  /** The bytes of the name being read that came in earlier chunks. */
  private nameBytes: Buffer | undefined;
  private nameLength = 0;
  /** Longest name kept while skipping (longer names can match no open element). */
  private nameCap = Number.POSITIVE_INFINITY;
  /** The name being read was longer than `nameCap`: it matches nothing. */
  private nameTruncated = false;
  private quote = 0;
  private lastByte = 0;
  /** The first bytes of a special item (at most 9: enough to tell a comment, CDATA and a declaration apart). */
  private specialHead = '';
  /** The two bytes before the current one in a special item, to find its terminator. */
  private before1 = 0;
  private before2 = 0;
  private specialLength = 0;
  /** What ends the special item: '?>', '-->', ']]>', '>', or '' while not known yet. */
  private terminator = '';
  private broken: string | undefined;

  /**
   * @param maxBytes the largest document accepted (the manual sets none; config `server.api.maxMessageBytes`).
   * @param maxDepth the deepest element nesting accepted.
   */
  constructor(
    private readonly maxBytes: number,
    private readonly maxDepth = DEFAULT_MAX_DEPTH,
  ) {}

  /** True while part of a document has been received but not its end. */
  get pending(): boolean {
    return this.mode !== Mode.Outside;
  }

  /**
   * What the framer holds now, in bytes (the buffer of kept document bytes,
   * the name being read, the open-element names): for tests; each part is at
   * most maxBytes.
   */
  get heldBytes(): number {
    let bytes = (this.kept?.length ?? 0) + this.name.length + this.specialHead.length;
    for (const name of this.stack) bytes += name.length;
    return bytes;
  }

  /** Feeds one chunk; returns the frames it completed. */
  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.mode >= Mode.Text && ++this.docBytes > this.maxBytes && !this.skipping) {
        this.overLimit(frames, `message exceeds the limit of ${this.maxBytes} bytes`);
      }
      switch (this.mode) {
        case Mode.Outside:
          if (byte === LT) {
            this.mode = Mode.TagOpen;
            this.docBytes = 1;
            start = i;
          } else if (!isSpace(byte)) {
            this.mode = Mode.Garbage;
          }
          break;
        case Mode.Garbage:
          if (byte === LF) {
            frames.push({ error: GARBAGE });
            this.mode = Mode.Outside;
          }
          break;
        case Mode.Text:
          if (byte === LT) this.mode = Mode.TagOpen;
          else if (byte === LF && (this.broken !== undefined || this.rootUnknown)) this.complete(frames, chunk, start, i);
          break;
        case Mode.TagOpen:
          if (byte === LT) start = this.cut(frames, chunk, i);
          else if (byte === SLASH) this.beginName(Mode.EndName, i + 1);
          else if (byte === QUESTION) this.enterSpecial('?', '?>');
          else if (byte === BANG) this.enterSpecial('!', '');
          else this.beginName(Mode.StartName, i);
          break;
        case Mode.StartName:
          if (byte === LT) {
            start = this.cut(frames, chunk, i);
            break;
          }
          if (byte !== GT && byte !== SLASH && !isSpace(byte)) break;
          this.endName(chunk, i);
          if (this.restartsRoot()) {
            if (!this.skipping) frames.push({ error: `<${this.stack[0]}> was not closed before the next <${this.stack[0]}> began` });
            const opening = Buffer.from(`<${this.name}`, 'latin1');
            this.reset();
            this.mode = Mode.StartName;
            this.name = opening.toString('latin1', 1);
            this.keep(opening);
            this.docBytes = opening.length + 1;
            start = i;
          }
          if (byte === GT) {
            if (this.openElement(frames, false)) this.complete(frames, chunk, start, i);
          } else {
            this.mode = Mode.StartRest;
            this.lastByte = byte;
          }
          break;
        case Mode.StartRest:
          if (byte === LT) {
            start = this.cut(frames, chunk, i);
            break;
          }
          if (this.quote !== 0) {
            if (byte === this.quote) this.quote = 0;
          } else if (byte === DQUOTE || byte === SQUOTE) {
            this.quote = byte;
          } else if (byte === GT) {
            if (this.openElement(frames, this.lastByte === SLASH)) this.complete(frames, chunk, start, i);
          }
          this.lastByte = byte;
          break;
        case Mode.EndName:
          if (byte === LT) start = this.cut(frames, chunk, i);
          else if (byte === GT) {
            this.endName(chunk, i);
            if (this.closeElement()) this.complete(frames, chunk, start, i);
          }
          break;
        case Mode.Special:
          this.special(byte);
          break;
      }
    }
    if (this.mode === Mode.StartName || this.mode === Mode.EndName) {
      this.takeName(chunk, chunk.length);
      this.nameFrom = 0;
    }
    if (this.mode !== Mode.Outside && this.mode !== Mode.Garbage && !this.skipping && start < chunk.length) {
      this.keep(chunk.subarray(start));
    }
    return frames;
  }

  /**
   * The stream has ended (the client shut down its sending side): a document
   * or line still in progress is answered as cut short.
   */
  end(): Frame[] {
    const frames: Frame[] = [];
    if (this.mode === Mode.Garbage) frames.push({ error: GARBAGE });
    else if (this.mode !== Mode.Outside && !this.skipping) {
      frames.push({ error: this.broken !== undefined ? `malformed XML: ${this.broken}` : 'malformed XML: the stream ended before the document did' });
    }
    this.reset();
    return frames;
  }

  private beginName(mode: Mode, from: number): void {
    this.mode = mode;
    this.name = '';
    this.nameFrom = from;
    this.nameLength = 0;
    this.nameTruncated = false;
  }

  /**
   * Keeps the name's bytes from `nameFrom` up to `to` (the chunk ends inside
   * the name): an end tag's spaces are left out (`</ REQUEST >` names
   * REQUEST), and no more than `nameCap` bytes are kept.
   */
  private takeName(chunk: Buffer, to: number): void {
    const from = this.nameFrom;
    this.nameFrom = to;
    const cap = Math.min(this.nameCap, this.maxBytes + 1);
    for (let i = from; i < to && !this.nameTruncated; i++) {
      const byte = chunk[i]!;
      if (this.mode === Mode.EndName && isSpace(byte)) continue;
      if (this.nameLength >= cap) {
        this.nameTruncated = true;
        break;
      }
      if (this.nameBytes === undefined || this.nameLength === this.nameBytes.length) {
        const grown = Buffer.allocUnsafe(Math.min(Math.max(64, 2 * this.nameLength), this.maxBytes + 1));
        this.nameBytes?.copy(grown, 0, 0, this.nameLength);
        this.nameBytes = grown;
      }
      this.nameBytes[this.nameLength++] = byte;
    }
  }

  /** The name ends at `to`: `name` is made, once. */
  private endName(chunk: Buffer, to: number): void {
    if (this.nameLength === 0 && !this.nameTruncated) {
      // the whole name is in this chunk: the common case
      let name = chunk.toString('latin1', this.nameFrom, to);
      if (this.mode === Mode.EndName && SPACE.test(name)) name = name.replace(SPACES, '');
      if (name.length > this.nameCap) {
        name = name.slice(0, this.nameCap);
        this.nameTruncated = true;
      }
      this.name = name;
    } else {
      this.takeName(chunk, to);
      this.name = this.nameBytes?.toString('latin1', 0, this.nameLength) ?? '';
    }
    this.nameLength = 0;
    if (this.nameBytes !== undefined && this.nameBytes.length > 1024) this.nameBytes = undefined;
  }

  private enterSpecial(first: string, terminator: string): void {
    this.mode = Mode.Special;
    this.specialHead = first;
    this.before1 = first.charCodeAt(0);
    this.before2 = 0;
    this.specialLength = 1;
    this.terminator = terminator;
  }

  /** One byte of `<?…?>`, `<!--…-->`, `<![CDATA[…]]>` or `<!…>`; only its head and last bytes are held. */
  private special(byte: number): void {
    this.specialLength++;
    if (this.terminator === '') {
      this.specialHead += String.fromCharCode(byte);
      this.pickTerminator();
    } else if (byte === GT && this.specialLength > this.terminator.length && this.terminates()) {
      this.endSpecial();
      return;
    }
    this.before2 = this.before1;
    this.before1 = byte;
  }

  /** A `>` ends the special item when the bytes before it complete its terminator. */
  private terminates(): boolean {
    switch (this.terminator) {
      case '>':
        return true;
      case '?>':
        return this.before1 === QUESTION;
      case '-->':
        return this.before1 === DASH && this.before2 === DASH;
      default:
        return this.before1 === RBRACKET && this.before2 === RBRACKET;
    }
  }

  /** After `<!`, decides between a comment, CDATA and a declaration once enough is seen. */
  private pickTerminator(): void {
    const head = this.specialHead;
    if (head.startsWith('!--')) this.terminator = '-->';
    else if (head.startsWith('![CDATA[')) this.terminator = ']]>';
    else if (head.length >= 9 || (!'!--'.startsWith(head) && !'![CDATA['.startsWith(head))) this.terminator = '>';
    if (this.terminator === '>' && head.endsWith('>')) this.endSpecial();
  }

  /** A declaration or comment before the root is not part of a document: what was kept of it is dropped. */
  private endSpecial(): void {
    this.specialHead = '';
    if (this.leaveMarkup()) this.reset();
  }

  /**
   * A start tag has ended. Returns true when this ends the document (a
   * self-closed root). While skipping, only the root's name is kept.
   */
  private openElement(frames: Frame[], selfClosing: boolean): boolean {
    this.quote = 0;
    if (!selfClosing) {
      if (!this.skipping && this.stack.length >= this.maxDepth) this.overLimit(frames, `elements nested deeper than ${this.maxDepth}`);
      if (!this.skipping) this.stack.push(this.name);
      else if (this.stack.length > 0 || this.rootUnknown) this.skipDepth++;
      else if (this.nameTruncated) this.rootUnknown = true;
      else this.stack.push(this.name);
    }
    this.name = '';
    return this.leaveMarkup();
  }

  /** A start tag named like the open root: the previous document was cut short. */
  private restartsRoot(): boolean {
    return this.stack.length > 0 && !this.nameTruncated && this.name === this.stack[0];
  }

  /** Back to text inside the document, or outside when the root has closed (returns true). */
  private leaveMarkup(): boolean {
    this.mode = this.stack.length === 0 && !this.rootUnknown ? Mode.Outside : Mode.Text;
    return this.mode === Mode.Outside;
  }

  /**
   * Pops to the element this end tag names. An end tag that matches no open
   * element makes the document broken: it then ends at its root's end tag or
   * at the end of the line, whichever comes first, and is answered as an
   * error. While skipping, an end tag that names no open element closes one
   * of those opened since skipping began. Returns true when the document has
   * ended.
   */
  private closeElement(): boolean {
    const name = this.name;
    this.name = '';
    const at = this.nameTruncated ? -1 : this.stack.lastIndexOf(name);
    if (this.skipping) {
      if (at !== -1) {
        this.stack.length = at;
        this.skipDepth = 0;
      } else if (this.skipDepth > 0) this.skipDepth--;
    } else if (this.stack.length === 0) this.broken = `end tag </${name}> without a start tag`;
    else if (at === -1) this.broken = `end tag </${name}> does not match <${this.stack.at(-1)}>`;
    else this.stack.length = at;
    return this.leaveMarkup();
  }

  /**
   * The document crossed a limit: answered now, once; from here on nothing of
   * it is kept, and names are read only as far as the longest open one.
   */
  private overLimit(frames: Frame[], error: string): void {
    frames.push({ error });
    this.skipping = true;
    this.kept = undefined;
    this.keptLength = 0;
    let longest = this.mode === Mode.StartRest ? this.name.length : 0;
    for (const open of this.stack) longest = Math.max(longest, open.length);
    this.nameCap = longest + 1;
  }

  /**
   * A `<` inside a tag: the document so far was cut short (answered, unless it
   * was already); a new one begins at this `<`. Returns the new start.
   */
  private cut(frames: Frame[], chunk: Buffer, at: number): number {
    if (this.mode === Mode.StartName || this.mode === Mode.EndName) this.endName(chunk, at);
    if (!this.skipping) {
      const cutAt = this.mode === Mode.EndName ? `</${this.name}` : this.mode === Mode.TagOpen ? '<' : `<${this.name}`;
      frames.push({ error: this.broken !== undefined ? `malformed XML: ${this.broken}` : `malformed XML: the document was cut short: '<' inside the tag ${cutAt.slice(0, 64)}` });
    }
    this.reset();
    this.mode = Mode.TagOpen;
    this.docBytes = 1;
    return at;
  }

  private complete(frames: Frame[], chunk: Buffer, start: number, end: number): void {
    if (this.skipping) {
      // answered when it crossed the limit
    } else if (this.broken !== undefined) {
      frames.push({ error: `malformed XML: ${this.broken}` });
    } else {
      const last = chunk.subarray(start, end + 1);
      let document: string;
      if (this.keptLength === 0) document = last.toString('utf8');
      else {
        this.keep(last);
        document = this.kept!.toString('utf8', 0, this.keptLength);
      }
      frames.push({ document });
    }
    this.reset();
  }

  /** Keeps bytes of a document that spans chunks (never more than maxBytes of them: they are counted first). */
  private keep(bytes: Buffer): void {
    const need = this.keptLength + bytes.length;
    if (this.kept === undefined || need > this.kept.length) {
      const size = Math.min(Math.max(need, 2 * (this.kept?.length ?? 0), 1024), Math.max(this.maxBytes, need));
      const grown = Buffer.allocUnsafe(size);
      if (this.kept) this.kept.copy(grown, 0, 0, this.keptLength);
      this.kept = grown;
    }
    bytes.copy(this.kept, this.keptLength);
    this.keptLength = need;
  }

  private reset(): void {
    this.mode = Mode.Outside;
    this.kept = undefined;
    this.keptLength = 0;
    this.docBytes = 0;
    this.skipping = false;
    this.skipDepth = 0;
    this.rootUnknown = false;
    this.broken = undefined;
    this.stack.length = 0;
    this.name = '';
    this.nameCap = Number.POSITIVE_INFINITY;
    this.nameTruncated = false;
    this.nameLength = 0;
    this.quote = 0;
    this.specialHead = '';
    this.terminator = '';
  }
}

/** The bytes isSpace accepts, in a latin1 string. */
const SPACE = /[ \t\n\r\xEF\xBB\xBF]/;
const SPACES = /[ \t\n\r\xEF\xBB\xBF]+/g;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0xef || byte === 0xbb || byte === 0xbf;
}
