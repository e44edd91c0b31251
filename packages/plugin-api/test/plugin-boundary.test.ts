import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const ENGINE = /from\s+'(@callwire\/(?:core|server)(?:\/[^']*)?)'|import\(\s*'(@callwire\/(?:core|server)[^']*)'/g;

/** Every plugin in the repository: the built-in ones and the example packages (examples/cluster holds configs, not a plugin). */
function pluginFolders(): string[] {
  const under = (dir: string) => readdirSync(join(repo, dir)).map((name) => join(dir, name))
    .filter((path) => statSync(join(repo, path)).isDirectory() && existsSync(join(repo, path, 'package.json')));
  return [...under('packages/plugins'), ...under('examples')];
}

function sources(dir: string): string[] {
  const path = join(repo, dir);
  try {
    return readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !f.endsWith('.d.ts')).map((f) => join(path, f));
  } catch {
    return [];
  }
}

describe('plugins see the plugin API and the kit, not the engine', () => {
  for (const folder of pluginFolders()) {
    it(`${folder}: no source imports @callwire/core or @callwire/server, and package.json does not depend on them at run time`, () => {
      const found: string[] = [];
      for (const file of sources(join(folder, 'src'))) {
        for (const match of readFileSync(file, 'utf8').matchAll(ENGINE)) found.push(`${relative(repo, file)}: ${match[1] ?? match[2]}`);
      }
      assert.deepEqual(found, []);
      const manifest = JSON.parse(readFileSync(join(repo, folder, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      const runtime = { ...manifest['dependencies'], ...manifest['peerDependencies'] };
      assert.deepEqual(Object.keys(runtime).filter((name) => name === '@callwire/core' || name === '@callwire/server'), []);
    });
  }
});
