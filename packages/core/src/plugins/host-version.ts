import { createRequire } from 'node:module';
import { PLUGIN_API_VERSION } from '@callwire/plugin-api';
import semver from 'semver';

const require = createRequire(import.meta.url);

/** This @callwire/core's version (what `callwire --version` prints). */
export const CORE_VERSION: string = (require('../../../package.json') as { version: string }).version;

/** Undefined when the plugin's `hostVersion` range admits this host's plugin API, else a sentence saying what to do. */
export function checkHostVersion(pluginName: string, range: string): string | undefined {
  if (semver.validRange(range) === null) return `plugin ${pluginName} declares an invalid hostVersion '${range}'`;
  if (semver.satisfies(PLUGIN_API_VERSION, range, { includePrerelease: true })) return undefined;
  return `plugin ${pluginName} needs @callwire/plugin-api ${range} but this host has ${PLUGIN_API_VERSION}; install a version of the plugin made for ${PLUGIN_API_VERSION}`;
}
