/**
 * Matching one call field (DEVICEID, GROUP, GATE, ANI, DNIS) against the list
 * a schedule gives for it. Everything is compiled once, when the config is
 * read; `matches` does no allocation.
 *
 * Item forms, in the order they are recognised:
 * - `/regex/` — a JavaScript regular expression, searched in the value (not
 *   anchored: write `^` and `$` to anchor it); no flags.
 * - a wildcard pattern — `*` is any run of characters, `?` one character, and
 *   the pattern must match the whole value.
 * - (devices only) a range `low-high`: numeric when both ends are digits
 *   (`7000-7099` holds `7050` but not `70500`), otherwise both ends must have
 *   the same length and the range holds the IDs of that length that sort
 *   between them (`A100-A199`). An item with one `-` whose ends differ in
 *   length and are not both digits is an ordinary ID (`SIP-7001x`).
 * - anything else is compared exactly (case-sensitive).
 */

import { describeValue } from './issue-text.js';

/** An item as written in the config: YAML turns `7001` into a number. */
export type ValueItem = string | number;

interface DigitRange {
  /** Both ends without leading zeros ("0" becomes ""), so lengths compare magnitudes. */
  readonly low: string;
  readonly high: string;
}

interface TextRange {
  readonly low: string;
  readonly high: string;
}

/** One classified config item; `problem` set means the item is unusable. */
type ParsedItem =
  | { readonly kind: 'exact'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly source: string }
  | { readonly kind: 'regex'; readonly regex: RegExp }
  | { readonly kind: 'digits'; readonly range: DigitRange }
  | { readonly kind: 'text'; readonly range: TextRange }
  | { readonly kind: 'problem'; readonly problem: string };

const DIGITS = /^\d+$/;
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

/** Why `item` cannot be used in a list of this kind, or undefined when it is fine. */
export function valueItemProblem(item: unknown, options: { ranges: boolean }): string | undefined {
  const text = itemText(item);
  if (text === undefined) return `expected text or a whole number, got ${describeValue(item)}`;
  const parsed = parseItem(text, options.ranges);
  return parsed.kind === 'problem' ? parsed.problem : undefined;
}

/** A compiled list: true when the value matches any item. */
export class ValueMatcher {
  private readonly exact: ReadonlySet<string>;
  /** Every wildcard item folded into one anchored alternation. */
  private readonly wildcard: RegExp | undefined;
  private readonly regexes: readonly RegExp[];
  private readonly digitRanges: readonly DigitRange[];
  private readonly textRanges: readonly TextRange[];

  /**
   * @param items the config list, already validated (see {@link valueItemProblem})
   * @param options `ranges`: whether `low-high` items are ranges (devices) or plain text
   * @throws RangeError when an item is invalid
   */
  constructor(items: readonly ValueItem[], options: { ranges: boolean }) {
    const exact = new Set<string>();
    const wildcards: string[] = [];
    const regexes: RegExp[] = [];
    const digitRanges: DigitRange[] = [];
    const textRanges: TextRange[] = [];
    for (const item of items) {
      const text = itemText(item);
      if (text === undefined) throw new RangeError(`invalid list item ${describeValue(item)}`);
      const parsed = parseItem(text, options.ranges);
      switch (parsed.kind) {
        case 'exact':
          exact.add(parsed.value);
          break;
        case 'wildcard':
          wildcards.push(parsed.source);
          break;
        case 'regex':
          regexes.push(parsed.regex);
          break;
        case 'digits':
          digitRanges.push(parsed.range);
          break;
        case 'text':
          textRanges.push(parsed.range);
          break;
        case 'problem':
          throw new RangeError(`${quote(text)}: ${parsed.problem}`);
      }
    }
    this.exact = exact;
    this.wildcard = wildcards.length === 0 ? undefined : new RegExp(`^(?:${wildcards.join('|')})$`);
    this.regexes = regexes;
    this.digitRanges = digitRanges;
    this.textRanges = textRanges;
  }

  /** True when `value` matches an item. An empty value matches nothing. */
  matches(value: string): boolean {
    if (value === '') return false;
    if (this.exact.has(value)) return true;
    if (this.wildcard !== undefined && this.wildcard.test(value)) return true;
    for (const regex of this.regexes) if (regex.test(value)) return true;
    if (this.digitRanges.length > 0 && isDigits(value)) {
      for (const range of this.digitRanges) {
        if (compareDigits(value, range.low) >= 0 && compareDigits(value, range.high) <= 0) return true;
      }
    }
    for (const range of this.textRanges) {
      if (value.length === range.low.length && value >= range.low && value <= range.high) return true;
    }
    return false;
  }
}

function itemText(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (typeof item === 'number' && Number.isSafeInteger(item) && item >= 0) return String(item);
  return undefined;
}

function parseItem(text: string, ranges: boolean): ParsedItem {
  if (text === '') return { kind: 'problem', problem: 'must not be empty' };
  if (text.length >= 2 && text.startsWith('/') && text.endsWith('/')) {
    try {
      return { kind: 'regex', regex: new RegExp(text.slice(1, -1)) };
    } catch (error) {
      return { kind: 'problem', problem: `bad regular expression ${quote(text)}: ${regexReason(error)}` };
    }
  }
  if (text.includes('*') || text.includes('?')) {
    const source = text.replace(REGEX_SPECIALS, (c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : `\\${c}`));
    return { kind: 'wildcard', source };
  }
  if (ranges) {
    const dash = text.indexOf('-');
    if (dash > 0 && dash < text.length - 1 && text.indexOf('-', dash + 1) < 0) {
      const low = text.slice(0, dash).trim();
      const high = text.slice(dash + 1).trim();
      if (DIGITS.test(low) && DIGITS.test(high)) {
        const range = { low: stripZeros(low), high: stripZeros(high) };
        if (compareDigits(range.low, range.high) > 0) return backwards(low, high, text, false);
        return { kind: 'digits', range };
      }
      if (low.length === high.length && low.length > 0) {
        if (low > high) return backwards(low, high, text, true);
        return { kind: 'text', range: { low, high } };
      }
    }
  }
  return { kind: 'exact', value: text };
}

function backwards(low: string, high: string, text: string, hint: boolean): ParsedItem {
  // A text "range" may really be one device ID that holds a dash: say how to write that.
  const single = hint ? ` (for the single device '${text}', write '/^${text.replace(REGEX_SPECIALS, '\\$&')}$/')` : '';
  return { kind: 'problem', problem: `range ${quote(text)} runs backwards: ${quote(low)} comes after ${quote(high)}${single}` };
}

function regexReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // V8 says "Invalid regular expression: /(a/: Unterminated group"; keep the reason.
  const colon = message.lastIndexOf(': ');
  return colon >= 0 ? message.slice(colon + 2) : message;
}

function stripZeros(digits: string): string {
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  return digits.slice(start);
}

function isDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return value.length > 0;
}

/**
 * Compares a string of digits (leading zeros allowed) with a bound without
 * leading zeros, as numbers of any length: by significant length, then digit
 * by digit. No allocation, no precision limit.
 */
function compareDigits(value: string, bound: string): number {
  let start = 0;
  while (start < value.length && value.charCodeAt(start) === 48) start++;
  const length = value.length - start;
  if (length !== bound.length) return length - bound.length;
  for (let i = 0; i < length; i++) {
    const diff = value.charCodeAt(start + i) - bound.charCodeAt(i);
    if (diff !== 0) return diff;
  }
  return 0;
}

function quote(text: string): string {
  return `'${text}'`;
}
