import type { ResultNode } from './result-document.js';

/** A reply's elements as JSON values: text, or an object per block. */
export type ResultJson = string | { [name: string]: ResultJson | ResultJson[] };

/**
 * A reply as one JSON object, element names as keys in the server's order,
 * values as strings (the API's values are text; `007` stays `007`). A name
 * that occurs more than once in a block becomes an array, as in
 * `DEVICES.DEVICE[0]`; once, it is the value itself.
 */
export function resultJson(nodes: readonly ResultNode[]): { [name: string]: ResultJson | ResultJson[] } {
  const object: { [name: string]: ResultJson | ResultJson[] } = {};
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.name, (counts.get(node.name) ?? 0) + 1);
  for (const node of nodes) {
    const value: ResultJson = node.children ? resultJson(node.children) : (node.text ?? '');
    if (counts.get(node.name)! > 1) ((object[node.name] ??= []) as ResultJson[]).push(value);
    else object[node.name] = value;
  }
  return object;
}
