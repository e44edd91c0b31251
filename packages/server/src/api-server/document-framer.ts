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
 *   a stray end tag) or a document over the size limit. An over-size document
 *   is reported as soon as it crosses the limit and the rest of it is skipped
 *   without being kept, so memory stays bounded whatever a client sends.
 */
export type Frame = { readonly document: string } | { readonly error: string };

const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, BANG = 0x21, QUESTION = 0x3f, LF = 0x0a, DASH = 0x2d, RBRACKET = 0x5d;
const DQUOTE = 0x22, SQUOTE = 0x27;

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

export class DocumentFramer {
  private mode = Mode.Outside;
  private parts: Buffer[] = [];
  private size = 0;
  private oversize = false;
  private readonly stack: string[] = [];
  /** The tag name being read (latin1: names are compared, never decoded). */
  private name = '';
  private quote = 0;
  private special = '';
  private terminator = '';
  private tail = '';
  private lastByte = 0;
  private broken: string | undefined;
  /** Set when bytes kept so far belong to a prolog item, not to a document. */
  private skipKept = false;

  /** @param maxBytes the largest document accepted (the manual sets none; config `server.api.maxMessageBytes`). */
  constructor(private readonly maxBytes: number) {}

  /** True while part of a document has been received but not its end. */
  get pending(): boolean {
    return this.mode !== Mode.Outside;
  }

  /** Feeds one chunk; returns the frames it completed. */
  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      switch (this.mode) {
        case Mode.Outside:
          if (byte === LT) {
            if (this.skipKept) this.reset();
            this.mode = Mode.TagOpen;
            start = i;
          } else if (!isSpace(byte)) {
            this.mode = Mode.Garbage;
          }
          break;
        case Mode.Garbage:
          if (byte === LF) {
            frames.push({ error: 'text outside of any element; expected an XML document such as <REQUEST>…</REQUEST>' });
            this.mode = Mode.Outside;
          }
          break;
        case Mode.Text:
          if (byte === LT) this.mode = Mode.TagOpen;
          else if (byte === LF && this.broken !== undefined) this.complete(frames, chunk, start, i);
          break;
        case Mode.TagOpen:
          if (byte === SLASH) {
            this.name = '';
            this.mode = Mode.EndName;
          }
          else if (byte === QUESTION) this.enterSpecial('?', '?>');
          else if (byte === BANG) this.enterSpecial('!', '');
          else {
            this.name = String.fromCharCode(byte);
            this.mode = Mode.StartName;
          }
          break;
        case Mode.StartName:
          if (byte !== GT && byte !== SLASH && !isSpace(byte)) {
            this.name += String.fromCharCode(byte);
            break;
          }
          if (this.restartsRoot()) {
            frames.push({ error: `<${this.stack[0]}> was not closed before the next <${this.stack[0]}> began` });
            this.reset();
            this.parts.push(Buffer.from(`<${this.nameText()}`, 'latin1'));
            this.size = this.parts[0]!.length;
            start = i;
          }
          if (byte === GT) {
            if (this.openElement(false)) this.complete(frames, chunk, start, i);
          } else {
            this.mode = Mode.StartRest;
            this.lastByte = byte;
          }
          break;
        case Mode.StartRest:
          if (this.quote !== 0) {
            if (byte === this.quote) this.quote = 0;
          } else if (byte === DQUOTE || byte === SQUOTE) {
            this.quote = byte;
          } else if (byte === GT) {
            if (this.openElement(this.lastByte === SLASH)) this.complete(frames, chunk, start, i);
          }
          this.lastByte = byte;
          break;
        case Mode.EndName:
          if (byte === GT) {
            if (this.closeElement()) this.complete(frames, chunk, start, i);
          } else if (!isSpace(byte)) this.name += String.fromCharCode(byte);
          break;
        case Mode.Special:
          this.special += String.fromCharCode(byte);
          if (this.terminator === '') this.pickTerminator();
          else if (this.special.endsWith(this.terminator) && this.special.length > this.terminator.length) this.endSpecial();
          if (this.special.length > 64) this.special = this.special.slice(-16);
          break;
      }
    }
    if (this.mode !== Mode.Outside && this.mode !== Mode.Garbage) this.keep(chunk.subarray(start), frames);
    return frames;
  }

  private enterSpecial(first: string, terminator: string): void {
    this.mode = Mode.Special;
    this.special = first;
    this.terminator = terminator;
  }

  /** After `<!`, decides between a comment, CDATA and a declaration once enough is seen. */
  private pickTerminator(): void {
    if (this.special.startsWith('!--')) this.terminator = '-->';
    else if (this.special.startsWith('![CDATA[')) this.terminator = ']]>';
    else if (this.special.length >= 9 || (!'!--'.startsWith(this.special) && !'![CDATA['.startsWith(this.special))) this.terminator = '>';
    if (this.terminator === '>' && this.special.endsWith('>')) this.endSpecial();
  }

  /** A declaration or comment before the root is not part of a document: drop what was kept of it. */
  private endSpecial(): void {
    if (this.leaveMarkup()) this.skipKept = true;
  }

  /** Returns true when this ends the document (a self-closed root). */
  private openElement(selfClosing: boolean): boolean {
    this.quote = 0;
    if (!selfClosing) this.stack.push(this.nameText());
    return this.leaveMarkup();
  }

  private nameText(): string {
    return this.name;
  }

  /** A start tag named like the open root: the previous document was cut short. */
  private restartsRoot(): boolean {
    return this.stack.length > 0 && this.nameText() === this.stack[0];
  }

  /** Back to text inside the document, or outside when the root has closed (returns true). */
  private leaveMarkup(): boolean {
    this.mode = this.stack.length === 0 ? Mode.Outside : Mode.Text;
    return this.mode === Mode.Outside;
  }

  /**
   * Pops to the element this end tag names. An end tag that matches no open
   * element makes the document broken: it then ends at its root's end tag or
   * at the end of the line, whichever comes first, and is answered as an
   * error. Returns true when the document has ended.
   */
  private closeElement(): boolean {
    const name = this.nameText();
    const at = this.stack.lastIndexOf(name);
    if (this.stack.length === 0) this.broken = `end tag </${name}> without a start tag`;
    else if (at === -1) this.broken = `end tag </${name}> does not match <${this.stack.at(-1)}>`;
    else this.stack.length = at;
    return this.leaveMarkup();
  }

  private keep(part: Buffer, frames: Frame[]): void {
    if (this.oversize) return;
    this.size += part.length;
    if (this.size > this.maxBytes) {
      this.oversize = true;
      this.parts = [];
      frames.push({ error: `message exceeds the limit of ${this.maxBytes} bytes` });
      return;
    }
    this.parts.push(Buffer.from(part));
  }

  private complete(frames: Frame[], chunk: Buffer, start: number, end: number): void {
    this.keep(chunk.subarray(start, end + 1), frames);
    if (this.broken !== undefined) frames.push({ error: `malformed XML: ${this.broken}` });
    else if (!this.oversize) {
      const document = this.parts.length === 1 ? this.parts[0]!.toString('utf8') : Buffer.concat(this.parts).toString('utf8');
      frames.push({ document });
    }
    this.reset();
  }

  private reset(): void {
    this.mode = Mode.Outside;
    this.parts = [];
    this.size = 0;
    this.oversize = false;
    this.broken = undefined;
    this.skipKept = false;
    this.stack.length = 0;
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0xef || byte === 0xbb || byte === 0xbf;
}
