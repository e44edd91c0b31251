import type { z } from 'zod';

/**
 * The keys an object schema declares at `path` inside `schema`, looking
 * through optional/default/pipe wrappers, unions, arrays and records. Used to
 * suggest the intended key when the file has an unknown one. Returns an empty
 * list when the path does not lead to an object schema.
 */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let nodes = expand([schema]);
  for (const segment of path) {
    nodes = expand(nodes.flatMap((node) => childAt(node, segment)));
    if (nodes.length === 0) return [];
  }
  const keys = new Set<string>();
  for (const node of nodes) {
    const def = (node as z.core.$ZodTypes)._zod.def;
    if (def.type === 'object') for (const key of Object.keys(def.shape)) keys.add(key);
  }
  return [...keys];
}

/** The schemas a value at this node may be checked against, wrappers removed. */
function expand(nodes: readonly z.core.$ZodType[]): z.core.$ZodType[] {
  const out: z.core.$ZodType[] = [];
  const pending = [...nodes];
  const seen = new Set<z.core.$ZodType>();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const def = (node as z.core.$ZodTypes)._zod.def;
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        pending.push(def.innerType);
        break;
      case 'pipe':
        pending.push(def.in, def.out);
        break;
      case 'union':
        pending.push(...def.options);
        break;
      case 'lazy':
        pending.push(def.getter());
        break;
      default:
        out.push(node);
    }
  }
  return out;
}

function childAt(node: z.core.$ZodType, segment: PropertyKey): z.core.$ZodType[] {
  const def = (node as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'object': {
      const child = typeof segment === 'string' ? def.shape[segment] : undefined;
      return child ? [child] : [];
    }
    case 'array':
      return [def.element];
    case 'record':
      return [def.valueType];
    case 'tuple': {
      const item = typeof segment === 'number' ? def.items[segment] : undefined;
      return item ? [item] : def.rest ? [def.rest] : [];
    }
    default:
      return [];
  }
}
