import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';

/** XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** The first character of `text` outside the Char production (a lone surrogate counts as one), as `U+XXXX`. */
export function firstNonXmlChar(text: string): string | undefined {
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    if (!isXmlChar(cp)) return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}

/**
 * Asserts a document is well-formed XML 1.0: fast-xml-parser's XMLValidator
 * accepts it, and it holds no character outside Char (which XMLValidator
 * does not check in text).
 */
export function assertWellFormedXml(xml: string, what = 'document'): void {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, `${what} is not well-formed (${JSON.stringify(valid)}): ${JSON.stringify(xml)}`);
  const bad = firstNonXmlChar(xml);
  assert.equal(bad, undefined, `${what} holds ${bad}, which XML 1.0 does not allow: ${JSON.stringify(xml)}`);
}
