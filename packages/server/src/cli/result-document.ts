import { XMLParser } from 'fast-xml-parser';
import { isSuccess, type ResultType } from '@callwire/core';
import { CliError } from './cli-errors.js';

/** One element of a reply: a value, or a block of elements, in the order the server sent them. */
export interface ResultNode {
  readonly name: string;
  /** A leaf's text ('' for an empty element); undefined for a block. */
  readonly text?: string;
  /** A block's elements; undefined for a leaf. */
  readonly children?: readonly ResultNode[];
}

/** A RESULT (or CALLCOPYEVENT) document, parsed. */
export class ResultDocument {
  private constructor(
    /** The root element's name: RESULT, or CALLCOPYEVENT for an event. */
    readonly root: string,
    readonly nodes: readonly ResultNode[],
    /** The document as received. */
    readonly xml: string,
  ) {}

  /**
   * Parses a document. Order is kept (the manual's layouts are positional,
   * and a table should read like the reply), and so are repeated elements.
   */
  static parse(xml: string): ResultDocument {
    let parsed: unknown[];
    try {
      parsed = parser.parse(xml) as unknown[];
    } catch (err) {
      throw new CliError(`the server sent a reply that is not XML: ${(err as Error).message}`);
    }
    const root = parsed.map(toNode).find((node) => node?.children !== undefined);
    if (!root) throw new CliError(`the server sent a reply without a root element: ${xml.slice(0, 80)}`);
    return new ResultDocument(root.name, root.children!, xml);
  }

  /** The text of a top-level element ('' when absent). */
  get(name: string): string {
    return this.nodes.find((node) => node.name === name)?.text ?? '';
  }

  get resultType(): string {
    return this.get('RESULTTYPE');
  }

  /** Whether RESULTTYPE reports success (API_OK and the other success types the core names). */
  get succeeded(): boolean {
    return isSuccess(this.resultType as ResultType);
  }

  /** `RESULTTYPE (RESULTCODE): RESULTMSG`, for one-line reports. */
  summary(): string {
    const message = this.get('RESULTMSG');
    const head = `${this.resultType} (${this.get('RESULTCODE')})`;
    return message && message !== this.resultType ? `${head}: ${message}` : head;
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  // Values keep their spaces; the whitespace between elements is dropped in toNode.
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** fast-xml-parser's ordered form: `{ NAME: [children…] }` per element, `{ '#text': … }` per text. */
function toNode(item: unknown): ResultNode | undefined {
  const entry = item as Record<string, unknown>;
  const name = Object.keys(entry).find((key) => key !== ':@');
  if (name === undefined || name === '#text') return undefined;
  const content = (entry[name] as Record<string, unknown>[]) ?? [];
  const elements = content.map(toNode).filter((node): node is ResultNode => node !== undefined);
  if (elements.length > 0) return { name, children: elements };
  const text = content.map((part) => String(part['#text'] ?? '')).join('');
  // An element holding only whitespace is an empty block as the server indents it, or an empty value.
  return content.length > 0 && text.trim() === '' && /\n/.test(text) ? { name, children: [] } : { name, text };
}
