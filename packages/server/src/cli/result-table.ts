import type { ResultNode } from './result-document.js';

const INDENT = '  ';

/**
 * A reply as a readable table: one `NAME  value` line per element, names
 * padded to line up within their block, blocks indented under their name,
 * and an element that repeats numbered (`DEVICE 1`, `DEVICE 2` …) so a
 * listing can be read and counted.
 */
export function resultTable(nodes: readonly ResultNode[]): string {
  const lines: string[] = [];
  writeBlock(nodes, '', lines);
  return `${lines.join('\n')}\n`;
}

function writeBlock(nodes: readonly ResultNode[], indent: string, lines: string[]): void {
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.name, (counts.get(node.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  const labels = nodes.map((node) => {
    if (counts.get(node.name)! === 1) return node.name;
    const n = (seen.get(node.name) ?? 0) + 1;
    seen.set(node.name, n);
    return `${node.name} ${n}`;
  });
  const width = Math.max(0, ...nodes.map((node, i) => (node.children ? 0 : labels[i]!.length)));
  nodes.forEach((node, i) => {
    if (node.children) {
      lines.push(`${indent}${labels[i]}`);
      writeBlock(node.children, indent + INDENT, lines);
    } else {
      lines.push(`${indent}${labels[i]!.padEnd(width)}  ${oneLine(node.text ?? '')}`.trimEnd());
    }
  });
}

/** A value with line breaks would break the table's layout; they are shown as ⏎. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '⏎');
}
