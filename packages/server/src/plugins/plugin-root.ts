import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a plugin's code lives, for telling its failures from others': the
 * folder of the package holding its module, with a trailing separator —
 * or, when that package also holds Callwire's own code (a plugin file kept
 * inside the server's package, as test fixtures are), the module file alone.
 */
export function pluginRootOf(moduleUrl: string): string | undefined {
  const file = moduleUrl.startsWith('file:') ? fileURLToPath(moduleUrl) : moduleUrl;
  const root = packageRootOf(file);
  const own = packageRootOf(fileURLToPath(import.meta.url));
  if (root === undefined || (own !== undefined && own.startsWith(root))) return file;
  return root;
}

function packageRootOf(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir.endsWith(sep) ? dir : `${dir}${sep}`;
    if (dirname(dir) === dir) return undefined;
  }
}
