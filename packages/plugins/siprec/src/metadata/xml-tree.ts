import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MetadataError } from './metadata-error.js';

/**
 * A metadata XML document reduced to what a tolerant reader needs: element and
 * attribute names without their namespace prefix (any prefix name: tns:, apkt:,
 * none) and lower-cased (real SRCs write dataMode and datamode, nameID and
 * nameid), each element with the namespace URI it is in.
 */
export interface XmlElement {
  /** Local name, lower case. */
  name: string;
  /** Namespace URI in scope for the element's prefix ('' when none). */
  namespace: string;
  /** Attributes by local name, lower case (xmlns declarations left out). */
  attributes: ReadonlyMap<string, string>;
  children: XmlElement[];
  /** The element's own text, trimmed. */
  text: string;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

/** Parses metadata XML; a document that is not well-formed is a MetadataError naming the line and column. */
export function parseXmlTree(xml: string): XmlElement {
  const text = xml.replace(/^\uFEFF/, '').trimStart();
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new MetadataError(`recording metadata is not well-formed XML: ${msg} (line ${line}, column ${col})`);
  }
  const roots = parseOrdered(text).filter((node) => elementTag(node) !== undefined);
  if (roots.length !== 1) throw new MetadataError('recording metadata has no root element');
  return toElement(roots[0]!, new Map());
}

/** The validator passed it; anything the parser still refuses (entity limits, DOCTYPE tricks) is a MetadataError too. */
function parseOrdered(text: string): OrderedNode[] {
  try {
    return parser.parse(text) as OrderedNode[];
  } catch (error) {
    throw new MetadataError(`recording metadata could not be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function elementTag(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?'));
}

function toElement(node: OrderedNode, scope: ReadonlyMap<string, string>): XmlElement {
  const tag = elementTag(node)!;
  const namespaces = new Map(scope);
  const attributes = new Map<string, string>();
  for (const [key, value] of Object.entries(node[':@'] ?? {})) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) namespaces.set(key.slice(6), String(value).trim());
    else attributes.set(localName(key), String(value));
  }
  const content = (node[tag] as OrderedNode[]) ?? [];
  const children = content.filter((child) => elementTag(child) !== undefined).map((child) => toElement(child, namespaces));
  const text = content.map((child) => (typeof child['#text'] === 'undefined' ? '' : String(child['#text']))).join('').trim();
  const prefix = tag.includes(':') ? tag.slice(0, tag.indexOf(':')) : '';
  return { name: localName(tag), namespace: namespaces.get(prefix) ?? '', attributes, children, text };
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1).toLowerCase();

/** Children with one of the given local names (lower case), in document order. */
export const childrenNamed = (element: XmlElement, ...names: string[]): XmlElement[] =>
  element.children.filter((child) => names.includes(child.name));

/** The first child with one of the given local names. */
export const childNamed = (element: XmlElement, ...names: string[]): XmlElement | undefined => childrenNamed(element, ...names)[0];

/** The trimmed text of the first child so named, undefined when absent or empty. */
export function childText(element: XmlElement, ...names: string[]): string | undefined {
  const text = childNamed(element, ...names)?.text;
  return text ? text : undefined;
}

/** The first of the given attributes present, trimmed (RFC 8068 ids carry newlines and spaces). */
export function attributeOf(element: XmlElement, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = element.attributes.get(name);
    if (value !== undefined) return value.trim();
  }
  return undefined;
}

/** Every descendant (depth first) with the given local name. */
export function descendantsNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...descendantsNamed(child, name)]);
}
