/**
 * Short, plain-English descriptions of values for error messages.
 *
 * Strings are described by their type only (they may be long or secret);
 * numbers and booleans by their value, which is short and more helpful.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** Quotes a literal the way the config file would spell it: `'sqlite'`, `5`, `true`. */
export function quoteLiteral(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Joins alternatives as `'a'`, `'a' or 'b'`, or `one of 'a', 'b' or 'c'`. */
export function listAlternatives(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'nothing';
  if (items.length === 2) return `${items[0]} or ${items[1]}`;
  return `one of ${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
