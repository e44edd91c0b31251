/**
 * The characters XML 1.0 can carry, its Char production:
 *
 *   #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
 *
 * Everything else — the other C0 controls (U+0000–U+001F but tab, LF, CR),
 * U+FFFE, U+FFFF and a UTF-16 surrogate that is not half of a pair — cannot
 * appear in a well-formed document, not even as a character reference
 * (`&#1;`). Such a value is refused at the door (see ApiRequest and
 * validateFields: API_PARAMETERS_INVALID, 59), and the serializer replaces any
 * that still reaches it (build-result.ts: escapeText) with XML_REPLACEMENT.
 */

/** What the serializer writes instead of a character XML 1.0 forbids: U+FFFD REPLACEMENT CHARACTER. */
export const XML_REPLACEMENT = '\uFFFD';

/**
 * A quick, non-Unicode-mode screen: true for every string holding a forbidden
 * character, and also for any string holding a surrogate (paired ones are
 * legal; XML_ILLEGAL tells them apart). Most text never matches, so this
 * one test is all most values cost.
 */
export const MAYBE_ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Exactly the characters outside Char, by code point ('u' mode: a surrogate
 * pair is one code point of U+10000 or above and is allowed; a lone
 * surrogate is matched). Global: use with replace, or reset lastIndex.
 */
export const XML_ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The first code point of `text` that XML 1.0 forbids, or undefined when it has none. */
export function firstIllegalXmlChar(text: string): number | undefined {
  if (!MAYBE_ILLEGAL.test(text)) return undefined;
  XML_ILLEGAL.lastIndex = 0;
  const found = XML_ILLEGAL.exec(text);
  XML_ILLEGAL.lastIndex = 0;
  return found ? found[0].codePointAt(0) : undefined;
}

/** `text` with every character XML 1.0 forbids replaced by XML_REPLACEMENT (the same string when it has none). */
export function replaceIllegalXmlChars(text: string): string {
  return MAYBE_ILLEGAL.test(text) ? text.replace(XML_ILLEGAL, XML_REPLACEMENT) : text;
}

/** A code point as the Unicode standard writes it: `U+0001`, `U+FFFE`, `U+1F600`. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
