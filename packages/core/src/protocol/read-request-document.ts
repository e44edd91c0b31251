/**
 * One pass over a request document that both checks it is well-formed XML
 * and collects what a request is made of: the root element's name and each
 * child element's name and text, in document order. Requests are flat
 * (`<REQUEST><TYPE>…</TYPE>…</REQUEST>`), so nothing else is kept: an
 * element nested deeper is checked and its text ignored, attributes are
 * checked and ignored. Text is decoded as it is read: the five predefined
 * entities and character references; CDATA is taken as written; a bare `&`
 * (the manual's `Sales & Marketing`) is taken as text, and so is a named
 * reference XML does not predefine.
 */

/** What the document holds, or why it is not well-formed. */
export type RequestDocument =
  | { readonly root: string; readonly rootText: string; readonly fields: [string, string][] }
  | { readonly error: string; readonly at: number };

/** XML 1.0's NameStartChar (§2.3, the BMP part), and what a name may go on with. */
const START_CHARS = 'A-Za-z_:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_START = new RegExp(`[${START_CHARS}]`);
const NAME = new RegExp(`[${START_CHARS}0-9.\\-\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*`, 'y');
const SPACE = /[ \t\r\n]*/y;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references of a piece of text. */
function decodeText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

class NotWellFormed extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** Reads a request document in one pass; see the module comment. */
export function readRequestDocument(text: string): RequestDocument {
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err instanceof NotWellFormed) return { error: err.message, at: err.at };
    throw err;
  }
}

/** Line and column (1-based) of a position, for the error message. */
export function lineAndColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: at - lineStart + 1 };
}

class Reader {
  private at = 0;
  private readonly fields: [string, string][] = [];

  constructor(private readonly text: string) {}

  document(): RequestDocument {
    if (this.text.charCodeAt(0) === 0xfeff) this.at = 1;
    if (this.text.startsWith('<?xml', this.at) && /[ \t\r\n?]/.test(this.text[this.at + 5] ?? '')) this.instruction();
    this.misc();
    if (this.text[this.at] !== '<') this.fail(this.at >= this.text.length ? 'no root element' : 'text before the root element');
    if (this.text.startsWith('<!DOCTYPE', this.at)) this.fail('a request has no DOCTYPE');
    const root = this.element(0);
    this.misc();
    if (this.at < this.text.length) this.fail(this.text[this.at] === '<' ? 'a request must have exactly one root element' : 'text after the root element');
    return { root: root.name, rootText: root.text, fields: this.fields };
  }

  /** Whitespace, comments and processing instructions outside the root. */
  private misc(): void {
    for (;;) {
      this.space();
      if (this.text.startsWith('<!--', this.at)) this.comment();
      else if (this.text.startsWith('<?', this.at)) this.instruction();
      else return;
    }
  }

  /** An element at `depth` (0: the root); returns its name and its own text, trimmed. */
  private element(depth: number): { name: string; text: string } {
    const start = this.at;
    this.at++; // '<'
    const name = this.name('element name');
    this.attributes();
    if (this.text.startsWith('/>', this.at)) {
      this.at += 2;
      if (depth === 1) this.fields.push([name, '']);
      return { name, text: '' };
    }
    if (this.text[this.at] !== '>') this.fail(`expected '>' to close <${name}>`);
    this.at++;
    let text = '';
    let children = false;
    for (;;) {
      const next = this.text.indexOf('<', this.at);
      if (next === -1) this.fail(`<${name}> is not closed`, start);
      if (next > this.at) text += this.characters(next);
      if (this.text.startsWith('</', next)) {
        this.at = next + 2;
        const closing = this.name('closing tag name');
        if (closing !== name) this.fail(`</${closing}> closes <${name}>`, next);
        this.space();
        if (this.text[this.at] !== '>') this.fail(`expected '>' after </${closing}`);
        this.at++;
        break;
      }
      this.at = next;
      if (this.text.startsWith('<!--', next)) this.comment();
      else if (this.text.startsWith('<![CDATA[', next)) text += this.cdata();
      else if (this.text.startsWith('<?', next)) this.instruction();
      else if (this.text.startsWith('<!', next)) this.fail('unexpected markup declaration');
      else {
        children = true;
        this.element(depth + 1);
      }
    }
    const own = text.trim();
    if (depth === 1) this.fields.push([name, own]);
    return { name, text: children && depth === 0 ? '' : own };
  }

  /** Text up to `end`, decoded; `]]>` may not appear in it. */
  private characters(end: number): string {
    const chunk = this.text.slice(this.at, end);
    const cdataEnd = chunk.indexOf(']]>');
    if (cdataEnd !== -1) this.fail("']]>' in text", this.at + cdataEnd);
    this.at = end;
    return decodeText(chunk);
  }

  /** Attributes after an element name: each `name="value"` or `name='value'`, once, no '<' in a value. */
  private attributes(): void {
    const seen: string[] = [];
    for (;;) {
      const before = this.at;
      this.space();
      const c = this.text[this.at];
      if (c === '>' || c === '/' || c === undefined) return;
      if (this.at === before) this.fail('expected a space before an attribute');
      const name = this.name('attribute name');
      if (seen.includes(name)) this.fail(`attribute ${name} appears twice`);
      seen.push(name);
      this.space();
      if (this.text[this.at] !== '=') this.fail(`attribute ${name} has no value`);
      this.at++;
      this.space();
      const quote = this.text[this.at];
      if (quote !== '"' && quote !== "'") this.fail(`the value of attribute ${name} is not quoted`);
      const end = this.text.indexOf(quote, this.at + 1);
      if (end === -1) this.fail(`the value of attribute ${name} is not closed`);
      const value = this.text.slice(this.at + 1, end);
      if (value.includes('<')) this.fail(`'<' in the value of attribute ${name}`);
      this.at++;
      this.characters(end);
      this.at = end + 1;
    }
  }

  private name(what: string): string {
    if (!NAME_START.test(this.text[this.at] ?? '')) this.fail(`expected an ${what}`);
    NAME.lastIndex = this.at + 1;
    NAME.test(this.text);
    const name = this.text.slice(this.at, NAME.lastIndex);
    this.at = NAME.lastIndex;
    return name;
  }

  private comment(): void {
    const end = this.text.indexOf('-->', this.at + 4);
    if (end === -1) this.fail('comment not closed');
    if (this.text.slice(this.at + 4, end).includes('--')) this.fail("'--' inside a comment");
    this.at = end + 3;
  }

  private cdata(): string {
    const end = this.text.indexOf(']]>', this.at + 9);
    if (end === -1) this.fail('CDATA section not closed');
    const content = this.text.slice(this.at + 9, end);
    this.at = end + 3;
    return content;
  }

  private instruction(): void {
    const end = this.text.indexOf('?>', this.at + 2);
    if (end === -1) this.fail('processing instruction not closed');
    this.at = end + 2;
  }

  private space(): void {
    SPACE.lastIndex = this.at;
    SPACE.test(this.text);
    this.at = SPACE.lastIndex;
  }

  private fail(message: string, at = this.at): never {
    throw new NotWellFormed(message, at);
  }
}
