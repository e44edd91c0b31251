/**
 * The parameters of a web query as the WebAPI reads them: names in any
 * casing (the first of a repeated name counts), values trimmed.
 */
export function queryParams(query: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>();
  for (const [name, value] of query) if (!params.has(name.toLowerCase())) params.set(name.toLowerCase(), value.trim());
  return params;
}

/** A client's value as echoed in a refusal's reason: one short line whatever was sent. */
export function shownValue(value: string): string {
  const line = value.replace(/[\x00-\x1f\x7f]/g, '?');
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
