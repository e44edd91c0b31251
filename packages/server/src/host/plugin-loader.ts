import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkHostVersion, isPluginDefinition, type PluginDefinition } from '@callwire/core';
import { closestMatch } from '../config/suggest.js';
import { pluginRootOf } from '../plugins/plugin-root.js';

/** Plugins that ship with Callwire, by the short name written in `use:`. */
const BUILT_IN_PREFIX = '@callwire/plugin-';

/** The plugins that ship with Callwire, by their `use:` names (each is @callwire/plugin-NAME). */
export const BUILT_IN_PLUGINS = ['rtp-recorder', 'screen-metadata', 'siprec', 'smdr', 'tapi', 'websocket-input'] as const;

/** `(did you mean 'smdr'? the built-in plugins are …)` for a bare name that is not installed. */
function builtInHint(use: string): string {
  const suggestion = closestMatch(use, BUILT_IN_PLUGINS);
  return ` (${suggestion === undefined ? '' : `did you mean '${suggestion}'? `}the built-in plugins are ${BUILT_IN_PLUGINS.join(', ')})`;
}

/** A plugin that could not be loaded, with a sentence saying why and what to do. */
export class PluginLoadError extends Error {
  override readonly name = 'PluginLoadError';
}

/**
 * Imports the plugin named by a config `use:` value: a path (already resolved
 * against the config file), a built-in short name (`smdr` →
 * `@callwire/plugin-smdr`), or any npm package name. Checks that its default
 * export was made by definePlugin and that it was written for this core.
 */
export async function loadPluginDefinition(use: string): Promise<{ definition: PluginDefinition; root: string | undefined }> {
  const { exports, url } = await importPlugin(use);
  const definition = (exports as { default?: unknown }).default;
  if (!isPluginDefinition(definition)) {
    throw new PluginLoadError(`'${use}' is not a Callwire plugin: its default export must be made by definePlugin() from @callwire/core`);
  }
  const versionProblem = checkHostVersion(definition.name, definition.hostVersion);
  if (versionProblem) throw new PluginLoadError(versionProblem);
  return { definition, root: pluginRootOf(url) };
}

async function importPlugin(use: string): Promise<{ exports: unknown; url: string }> {
  if (isAbsolute(use) || use.startsWith('.')) {
    const url = pathToFileURL(resolvePath(use)).href;
    return { exports: await import(url), url };
  }
  const candidates = use.includes('/') || use.startsWith('@') ? [use] : [`${BUILT_IN_PREFIX}${use}`, use];
  for (const specifier of candidates) {
    try {
      return { exports: await import(specifier), url: import.meta.resolve(specifier) };
    } catch (err) {
      if (!isNotFound(err, specifier)) throw new PluginLoadError(`'${use}' failed while loading: ${(err as Error).message}`);
    }
  }
  const builtIn = candidates.length > 1 ? builtInHint(use) : '';
  throw new PluginLoadError(`no package ${candidates.join(' or ')} is installed; run npm install ${candidates[0]} or correct 'use'${builtIn}`);
}

/** A directory is loaded through its package.json, like an installed package. */
function resolvePath(path: string): string {
  let directory = false;
  try {
    directory = statSync(path).isDirectory();
  } catch {
    throw new PluginLoadError(`no plugin file or directory at ${path}`);
  }
  return directory ? createRequire(`${path}/`).resolve(path) : path;
}

function isNotFound(err: unknown, specifier: string): boolean {
  const code = (err as { code?: string }).code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String((err as Error).message).includes(specifier);
}
